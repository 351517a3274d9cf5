import type { Terminal } from './terminal.js';

const DELAY_MS = 500;
const REDRAW_MS = 100;

/**
 * "reading 1200/3000" on stderr, only on a terminal and only once the work has taken
 * longer than half a second, so quick runs and pipes see nothing.
 */
export function createProgress(terminal: Terminal, label: string): { update(done: number, total: number): void; stop(): void } {
  const start = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!terminal.stderrIsTty) return;
      const now = Date.now();
      if (now - start < DELAY_MS || now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      drawn = true;
      terminal.writeProgress(`\r\x1b[K${terminal.err.dim(`${label} ${done}/${total} files`)}`);
    },
    stop() {
      if (drawn) terminal.writeProgress('\r\x1b[K');
    },
  };
}
