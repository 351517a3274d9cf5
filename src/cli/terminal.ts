import { Chalk, type ChalkInstance } from 'chalk';

type Level = 0 | 1 | 2 | 3;

/**
 * Colour for one stream. FORCE_COLOR wins over NO_COLOR (as in Node's own util), then a
 * stream that is not a terminal gets none, so piped output is always plain.
 */
export function colorLevel(stream: { isTTY?: boolean; getColorDepth?: () => number }, env: NodeJS.ProcessEnv = process.env): Level {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as Level;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  const depth = stream.getColorDepth?.() ?? 4;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}

export interface Terminal {
  out: ChalkInstance;
  err: ChalkInstance;
  /** Width to fit rows into, or null when stdout is not a terminal (no truncation then). */
  columns: number | null;
  stderrIsTty: boolean;
  write(text: string): void;
  writeError(text: string): void;
}

export function createTerminal(): Terminal {
  return {
    out: new Chalk({ level: colorLevel(process.stdout) }),
    err: new Chalk({ level: colorLevel(process.stderr) }),
    columns: process.stdout.isTTY ? process.stdout.columns || 100 : null,
    stderrIsTty: process.stderr.isTTY === true,
    write: (text) => void process.stdout.write(text),
    writeError: (text) => void process.stderr.write(text),
  };
}
