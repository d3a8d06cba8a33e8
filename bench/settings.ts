/**
 * Full run (`npm run bench`) or quick run (`npm run bench:quick`, BENCH_QUICK=1):
 * the quick run checks that every part of the bench works (byte checks, SQL
 * counts, fan-out) in about a minute, on less data with shorter rounds; its
 * timings mean nothing.
 */
export const QUICK = process.env.BENCH_QUICK === '1';

export const SETTINGS = QUICK
  ? {
      launches: { TIER_1: 17, TIER_2: 15, TIER_3: 18 },
      readSeconds: 2,
      readRounds: 1,
      createLaunchRequests: 5,
      updateTaskRequests: 10,
      fanOutSizes: [200],
      fanOutChanges: 2,
    }
  : {
      launches: { TIER_1: 170, TIER_2: 150, TIER_3: 180 },
      readSeconds: 3,
      readRounds: 3,
      createLaunchRequests: 50,
      updateTaskRequests: 100,
      fanOutSizes: [1000, 5000, 10000],
      fanOutChanges: 5,
    };

/**
 * BENCH_PROFILE=<read name prefix> or BENCH_PROFILE=fanout (with --cpu-prof): only that
 * part runs, the project alone (no baseline or floor rounds), so a CPU profile of the
 * bench process shows the project's work only. Reads: one round of 5 s.
 */
export const PROFILE = process.env.BENCH_PROFILE ?? null;
if (PROFILE) {
  SETTINGS.readRounds = 1;
  SETTINGS.readSeconds = 5;
}

/** BENCH_FANOUT=10000 (or 1000,10000): only these fan-out sizes. */
if (process.env.BENCH_FANOUT) {
  SETTINGS.fanOutSizes = process.env.BENCH_FANOUT.split(',').map(Number);
}
