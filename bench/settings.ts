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
      readSeconds: 1,
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
