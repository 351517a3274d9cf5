import { render } from 'ink';
import type { Entry } from '../../core/types.js';
import { startBrowser, type BrowserIO } from './controller.js';

/**
 * The browser on this process's terminal, in the alternate screen (as less and vim use), so
 * that quitting gives the shell back as it was.
 */
export async function openBrowser(entries: readonly Entry[], io: Omit<BrowserIO, 'render' | 'size' | 'onResize'>): Promise<void> {
  const { stdout } = process;
  const size = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  stdout.write('\u001b[?1049h\u001b[H');
  try {
    await startBrowser(entries, {
      ...io,
      size: size(),
      onResize(listener) {
        const resized = () => listener(size());
        stdout.on('resize', resized);
        return () => void stdout.off('resize', resized);
      },
      render: (node) => render(node, { exitOnCtrlC: false, patchConsole: false }),
    });
  } finally {
    stdout.write('\u001b[?1049l');
  }
}
