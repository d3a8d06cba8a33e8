import { createRequire } from 'node:module';
import { parseTimestamptz } from '../src/core/db/data-source';

// pg's own timestamptz parser (postgres-date), which data-source.ts replaces for pg as a whole:
// taken from the package itself, so the comparison is not with our own parser.
const pgParse = createRequire(__filename)('postgres-date') as (value: string) => Date | number;

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A timestamptz as PostgreSQL prints it: fractions of 0 to 6 digits, offsets in hours or hours:minutes. */
function printed(next: () => number): string {
  const int = (below: number) => Math.floor(next() * below);
  const date = `${pad(1900 + int(8100), 4)}-${pad(1 + int(12))}-${pad(1 + int(28))}`;
  const time = `${pad(int(24))}:${pad(int(60))}:${pad(int(60))}`;
  const digits = int(7);
  const fraction = digits ? `.${pad(int(10 ** digits), digits)}` : '';
  const sign = next() < 0.5 ? '+' : '-';
  const minutes = next() < 0.3 ? `:${pad([15, 30, 45][int(3)])}` : '';
  return `${date} ${time}${fraction}${sign}${pad(int(15))}${minutes}`;
}

describe('timestamptz parsing', () => {
  it("reads what PostgreSQL prints as pg's own parser does, to the millisecond", () => {
    const next = random(20261207);
    const differ: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const value = printed(next);
      if (parseTimestamptz(value).getTime() !== Number(pgParse(value))) differ.push(value);
    }
    expect(differ).toEqual([]);
  });

  it("hands what it does not read itself to pg's parser", () => {
    for (const value of [
      'infinity',
      '-infinity',
      '0044-03-15 12:00:00+00 BC',
      '12345-01-01 00:00:00+00',
      '1900-01-01 00:00:00+00:19:32',
    ]) {
      expect(parseTimestamptz(value)).toEqual(pgParse(value));
    }
  });
});
