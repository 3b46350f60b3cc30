import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
    // Setting up an embedded database and hashing passwords takes seconds on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
