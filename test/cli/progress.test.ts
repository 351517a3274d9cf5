import { Chalk } from 'chalk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import type { Terminal } from '../../src/cli/terminal.js';

function terminal(stderrIsTty: boolean): Terminal & { errors: string[] } {
  const plain = new Chalk({ level: 0 });
  const errors: string[] = [];
  return { out: plain, err: plain, columns: 80, stderrIsTty, errors, write: () => {}, writeError: (text) => void errors.push(text) };
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
