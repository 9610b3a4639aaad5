// `npm run fuzz`: the fuzz properties only, with many runs (FUZZ_RUNS, default 20000) and no practical timeout.
import { defineConfig } from 'vitest/config';

process.env.FUZZ_RUNS ??= '20000';

export default defineConfig({
  test: {
    include: ['test/fuzz/*.test.ts'],
    testTimeout: 24 * 3600_000,
    pool: 'forks',
  },
});
