import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './tests/helpers/count-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'sim/**/*.test.ts'], exclude: ['tests/e2e/**'] } },
      // Browser journeys: one file at a time, each starts its own server and Chromium.
      { extends: true, test: { name: 'browser', include: ['tests/e2e/**/*.spec.ts'], fileParallelism: false, testTimeout: 90_000 } },
    ],
  },
});
