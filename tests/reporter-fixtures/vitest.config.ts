// Fixtures for tests/count-reporter.test.ts: outside the unit project's globs (*.fixture.ts), run on their own.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['*.fixture.ts'],
    hookTimeout: 500,
    pool: 'threads',
    reporters: ['default', fileURLToPath(new URL('../helpers/count-reporter.ts', import.meta.url))],
  },
});
