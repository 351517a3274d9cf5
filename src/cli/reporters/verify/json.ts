import { stringifyJson } from '../../../core/json/depth.js';
import type { Reporter } from './index.js';

/**
 * The documented shape: `{"files","errors","warnings","suppressed","hashScheme","problems":[{"path","interaction"?,"line"?,
 * "rule","code","severity","message","data"}]}`: `interaction` (0-based) for a finding about
 * one call of a cassette, `line` where that call starts in the file; `suppressed` counts the
 * findings the baseline (cassette-suppressions.json) accepted, which are not in `problems`. Codes and data are
 * stable; messages may be reworded.
 */
export const renderJson: Reporter = (result, { scheme }) =>
  `${stringifyJson(
    {
      files: result.files,
      errors: result.errors,
      warnings: result.warnings,
      suppressed: result.suppressed,
      hashScheme: scheme ?? null,
      problems: result.findings.map(({ path, interaction, line, rule, code, severity, message, data }) => ({
        path,
        ...(interaction !== undefined && { interaction }),
        ...(line !== undefined && { line }),
        rule,
        code,
        severity,
        message,
        data,
      })),
    },
    2,
  )}
`;
