import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    // End-to-end tests spawn the built binary; allow for a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
