import { existsSync } from 'node:fs';
import { displayPath, indexRecordings, type IndexResult } from '../core/build-index.js';
import { UserError } from './errors.js';
import { createProgress } from './progress.js';
import { readProjectConfig } from './project-config.js';
import type { Terminal } from './terminal.js';

/**
 * The paths a command reads: those given, else the config's `paths`, else `./recordings`
 * when it exists (this repo's demo corpus), else the current folder.
 */
export function pathsToRead(given: string[], cwd: string): string[] {
  if (given.length > 0) return given;
  const configured = readProjectConfig(cwd).paths;
  if (configured && configured.length > 0) return configured;
  return existsSync(`${cwd}/recordings`) ? ['recordings'] : ['.'];
}

export function failOnMissing(missing: readonly string[]): void {
  if (missing.length > 0)
    throw new UserError(`no such file or folder: ${missing.join(', ')}`, 'give recording files or folders that hold them');
}

/** Indexes the given paths with progress on stderr, and reports passed-over files there. */
export function loadIndex(paths: string[], terminal: Terminal, cwd = process.cwd()): IndexResult {
  const progress = createProgress(terminal, 'reading');
  const result = indexRecordings({ paths: pathsToRead(paths, cwd), cwd, onProgress: progress.update });
  progress.stop();
  failOnMissing(result.missing);
  for (const skipped of result.skipped) {
    terminal.writeError(`${terminal.err.yellow('skipped')} ${displayPath(skipped.absPath, cwd)}: ${skipped.reason}\n`);
  }
  return result;
}
