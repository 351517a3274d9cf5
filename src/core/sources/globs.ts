import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Path arguments as a user means them: a path that exists is itself; one that does not but
 * is a glob (`'tests/**\/recordings'`, quoted so the shell left it alone) is what it
 * matches. globby loads only when a glob or an ignore list is used.
 */
export async function expandPathArguments(paths: readonly string[], cwd: string): Promise<{ paths: string[]; missing: string[] }> {
  const expanded: string[] = [];
  const missing: string[] = [];
  for (const given of paths) {
    if (existsSync(resolve(cwd, given))) {
      expanded.push(given);
      continue;
    }
    const { globby, isDynamicPattern } = await import('globby');
    if (!isDynamicPattern(given)) {
      missing.push(given);
      continue;
    }
    const matches = await globby(given, { cwd, onlyFiles: false, expandDirectories: false, dot: true, followSymbolicLinks: false });
    if (matches.length === 0) missing.push(given);
    else expanded.push(...matches.sort());
  }
  return { paths: expanded, missing };
}

/** Absolute paths of the files the config's `ignore` globs match, below cwd. */
export async function listIgnoredFiles(patterns: readonly string[], cwd: string): Promise<Set<string>> {
  if (patterns.length === 0) return new Set();
  const { globby } = await import('globby');
  const matches = await globby([...patterns], { cwd, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  return new Set(matches.map((path) => resolve(path)));
}
