import type { FileCheckOptions } from '../core/verify/run-verify.js';
import type { HashSchemeOption } from '../core/hash/schemes.js';
import { defaultSeverities } from '../core/verify/rule-list.js';
import type { Context } from './context.js';

/** What checking a file depends on, as the config sets it: every rule at its configured severity, the config's secret patterns. */
export function configuredChecks(context: Context, hashScheme: HashSchemeOption): FileCheckOptions {
  return {
    cwd: context.cwd,
    hashScheme,
    rules: { ...defaultSeverities(), ...context.config.rules },
    secretPatterns: (context.config.secretPatterns ?? []).map((pattern) => new RegExp(pattern)),
  };
}
