/** Nearest-rank percentile of unsorted values; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(latenciesMs: number[]): LatencySummary {
  return {
    p50: percentile(latenciesMs, 50),
    p95: percentile(latenciesMs, 95),
    p99: percentile(latenciesMs, 99),
    max: latenciesMs.length === 0 ? 0 : Math.max(...latenciesMs),
  };
}

export function rssMb(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

export interface Row extends LatencySummary {
  scenario: string;
  requests: number;
  /** Requests (for fan-out: deliveries) per second. */
  throughput: number;
  /** SQL statements of one request measured alone (fan-out: beyond the mutation's own, first change). */
  sqlSingle: number;
  /** SQL statements per request averaged over the run (fan-out: beyond the mutation's own, over the changes). */
  sqlAvg: number;
  rssMb: number;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** An aligned text table: text columns left, numbers right. */
export function formatTable(rows: Row[]): string {
  const header = [
    'scenario',
    'requests',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'SQL/req 1',
    'SQL/req avg',
    'RSS MB',
  ];
  const cells = rows.map((r) => [
    r.scenario,
    String(r.requests),
    fixed(r.throughput, 1),
    fixed(r.p50, 2),
    fixed(r.p95, 2),
    fixed(r.p99, 2),
    fixed(r.max, 2),
    Number.isInteger(r.sqlSingle) ? String(r.sqlSingle) : fixed(r.sqlSingle, 2),
    fixed(r.sqlAvg, 2),
    fixed(r.rssMb, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...cells.map(line)].join('\n');
}
