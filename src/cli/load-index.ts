import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { indexRecordings, toDisplayPath, type IndexResult } from '../core/build-index.js';
import { UserError } from './errors.js';
import { createProgress } from './progress.js';
import type { Terminal } from './terminal.js';

/** With no path given: `./recordings` when it exists (this repo's demo corpus), else the current folder. */
export function defaultPaths(cwd: string): string[] {
  return existsSync(`${cwd}/recordings`) ? ['recordings'] : ['.'];
}

/** Indexes the given paths with progress on stderr, and reports passed-over files there. */
export function loadIndex(paths: string[], terminal: Terminal, cwd = process.cwd()): IndexResult {
  const given = paths.length > 0 ? paths : defaultPaths(cwd);
  const progress = createProgress(terminal, 'reading');
  const result = indexRecordings({ paths: given, cwd, onProgress: progress.update });
  progress.stop();
  if (result.missing.length > 0) {
    throw new UserError(
      `no such file or folder: ${result.missing.join(', ')}`,
      'give recording files or folders that hold them',
    );
  }
  for (const skipped of result.skipped) {
    terminal.writeError(`${terminal.err.yellow('skipped')} ${toDisplayPath(relative(cwd, skipped.absPath))}: ${skipped.reason}\n`);
  }
  return result;
}
