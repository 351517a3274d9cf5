import { defineConfig } from 'vitest/config';

/**
 * npm run test:adopt: cassette as a project adopts it. Installs the packed package and git
 * installs (the npm registry is needed for yaml), runs the pre-commit hooks with real
 * pre-commit over real cassettes of $CASSETTE_CORPUS, and the GitHub Action's commands.
 */
export default defineConfig({
  test: {
    include: ['test/adopt/**/*.test.ts'],
    globalSetup: ['test/corpus/global-setup.ts', 'test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
