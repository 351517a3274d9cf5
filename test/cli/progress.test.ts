import { Chalk } from 'chalk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { colorLevel, type Terminal } from '../../src/cli/terminal.js';

function terminal(stderrIsTty: boolean): Terminal & { errors: string[] } {
  const plain = new Chalk({ level: 0 });
  const errors: string[] = [];
  return {
    out: plain,
    err: plain,
    columns: 80,
    stderrIsTty,
    interactive: false,
    errors,
    write: async () => {},
    writeError: () => {},
    writeProgress: (text) => void errors.push(text),
  };
}

describe('progress on stderr', () => {
  afterEach(() => vi.useRealTimers());

  it('stays silent for the first half second, then counts files, then clears its line', () => {
    vi.useFakeTimers();
    const term = terminal(true);
    const progress = createProgress(term, 'reading');
    progress.update(10, 3000);
    vi.advanceTimersByTime(600);
    progress.update(1200, 3000);
    progress.stop();
    expect(term.errors).toEqual(['\r\u001b[Kreading 1200/3000 files', '\r\u001b[K']);
  });

  it('prints nothing when stderr is not a terminal', () => {
    vi.useFakeTimers();
    const term = terminal(false);
    const progress = createProgress(term, 'reading');
    vi.advanceTimersByTime(5000);
    progress.update(1, 2);
    progress.stop();
    expect(term.errors).toEqual([]);
  });
});

describe('colour level', () => {
  const tty = { isTTY: true, getColorDepth: () => 8 };
  const pipe = { isTTY: false };
  it.each([
    ['a terminal', tty, {}, 2],
    ['a pipe', pipe, {}, 0],
    ['NO_COLOR on a terminal', tty, { NO_COLOR: '1' }, 0],
    ['an empty NO_COLOR', tty, { NO_COLOR: '' }, 2],
    ['FORCE_COLOR on a pipe', pipe, { FORCE_COLOR: '1' }, 1],
    ['FORCE_COLOR over NO_COLOR, as Node does', pipe, { FORCE_COLOR: '3', NO_COLOR: '1' }, 3],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, 0],
    ['TERM=dumb', tty, { TERM: 'dumb' }, 0],
  ])('%s', (_name, stream, env, level) => {
    expect(colorLevel(stream, env as NodeJS.ProcessEnv)).toBe(level);
  });
});
