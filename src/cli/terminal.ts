import { Chalk, type ChalkInstance } from 'chalk';
import { prepareOutput, type OutputKind } from './sanitize.js';

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

/**
 * The one writer of everything cassette prints: it decides colour (per stream), the width
 * rows are fitted to, and the escaping and secret masking of every byte (sanitize.ts).
 */
export interface Terminal {
  out: ChalkInstance;
  err: ChalkInstance;
  /** Width to fit rows into, or null when stdout is not a terminal (no truncation then). */
  columns: number | null;
  stderrIsTty: boolean;
  /** Keys can be read and a screen drawn: stdin and stdout are both terminals (what `browse` needs). */
  interactive: boolean;
  /** Resolves once the text is handed to the stream: awaiting it keeps a huge output from piling up in memory. */
  write(text: string, kind?: OutputKind): Promise<void>;
  writeError(text: string): void;
  /** cassette's own progress line (carriage returns and erase-line codes included), on stderr. */
  writeProgress(text: string): void;
}

export function createTerminal(): Terminal {
  const outLevel = colorLevel(process.stdout);
  const errLevel = colorLevel(process.stderr);
  const stdoutIsTty = process.stdout.isTTY === true;
  const columns = Number(process.env.COLUMNS);
  return {
    out: new Chalk({ level: outLevel }),
    err: new Chalk({ level: errLevel }),
    columns: stdoutIsTty ? (Number.isInteger(columns) && columns > 0 ? columns : process.stdout.columns || 100) : null,
    stderrIsTty: process.stderr.isTTY === true,
    interactive: stdoutIsTty && process.stdin.isTTY === true,
    write: (text, kind = 'human') =>
      new Promise(
        (resolve) => void process.stdout.write(prepareOutput(text, kind, { colour: outLevel > 0, terminal: stdoutIsTty }), () => resolve()),
      ),
    writeError: (text) =>
      void process.stderr.write(prepareOutput(text, 'human', { colour: errLevel > 0, terminal: process.stderr.isTTY === true })),
    writeProgress: (text) => void process.stderr.write(text),
  };
}
