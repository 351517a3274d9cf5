import { defineConfig } from 'vitest/config';

/** npm run test:corpus: the tests over the real recordings in $CASSETTE_CORPUS (default ../shared/corpus). */
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    globalSetup: ['test/corpus/global-setup.ts', 'test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
