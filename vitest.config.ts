import { defineConfig } from 'vitest/config';

/** npm test: everything that runs on a fresh clone with nothing beside it. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Tests over ../shared/corpus run with npm run test:corpus, adoption tests with npm run test:adopt;
    // fixtures hold other projects' test files (Mirascope's *.test.ts beside its cassettes).
    exclude: ['test/corpus/**', 'test/adopt/**', 'test/fixtures/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    // End-to-end tests spawn the built binary; allow for a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
