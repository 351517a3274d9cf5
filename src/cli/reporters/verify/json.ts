import type { Reporter } from './index.js';

/** The documented shape: `{"files","errors","warnings","problems":[{"path","rule","severity","message"}]}`. */
export const renderJson: Reporter = (result) =>
  `${JSON.stringify(
    {
      files: result.files,
      errors: result.errors,
      warnings: result.warnings,
      problems: result.problems.map(({ path, rule, severity, message }) => ({ path, rule, severity, message })),
    },
    null,
    2,
  )}\n`;
