import { loadConfig, type Config } from '../core/config.js';
import { UserError } from './errors.js';

/** The project's config, or a usage error that lists every problem in it. */
export function readProjectConfig(cwd: string): Config {
  const result = loadConfig(cwd);
  if (result.ok) return result.config;
  throw new UserError(`invalid config in ${result.source}`, 'fix the config file; README.md lists every key', result.problems);
}
