import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers.js';

// .ci/run installs tmux and sets CASSETTE_REQUIRE_TMUX, so that CI never skips the terminal test.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux && process.env.CASSETTE_REQUIRE_TMUX) throw new Error('tmux is required (CASSETTE_REQUIRE_TMUX) but not installed');
const SOCKET = `cassette-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'browse');

/** Waits for the pane to show `text`: the binary starts, reads and redraws at its own pace. */
async function waitFor(text: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
    if (Date.now() > until) throw new Error(`the screen never showed ${String(text)}; it shows:\n${shown}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe('cassette browse (built binary)', () => {
  it('refuses without a terminal, with exit 2 and a hint to use list and show', () => {
    const result = runCli(['browse']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toBe(
      'cassette: browse needs a terminal (stdin and stdout)\nhint: in scripts and pipes, use cassette list and cassette show <id>\n',
    );
  });

  it.skipIf(!hasTmux)('opens on the demo corpus in a terminal, filters, opens a recording and quits to the shell as it was', async () => {
    // CI=true as in CI jobs: ink would then hold back every frame until exit (the build turns that off).
    const command = `CI=true NO_COLOR=1 node ${join(ROOT, 'bin', 'cassette.js')} browse --no-cache; echo "exited $?"; sleep 60`;
    tmux('new-session', '-d', '-s', 'browse', '-x', '140', '-y', '30', '-c', ROOT, command);
    const first = await waitFor('cassette browse · 19 recordings · 12 test files');
    expect(first).toContain('▾ tests/integration/inference/test_openai_completion.py (3)');
    expect(first).toMatch(/↑↓ move · enter open · \/ filter · tab focus · v verify .* q quit/);

    tmux('send-keys', '-t', 'browse', '/', 'g', 'p', 't', '-', '4', 'o');
    // The typed filter is in the key line; a test's name may hold the same text (…[txt=openai/gpt-4o]).
    const filtered = await waitFor('of 19 recordings');
    expect(filtered).toContain('/gpt-4o');
    expect(filtered).toContain('1a0452512c16 chat-stream /v1/chat/completions gpt-4o');
    expect(filtered).not.toContain('ollama-ps');

    // Enter keeps the filter; the selection is on the first match, whose detail is show's rendering.
    tmux('send-keys', '-t', 'browse', 'Enter');
    const opened = await waitFor('filter: gpt-4o');
    expect(opened).toMatch(/│endpoint POST \/v1\/chat\/completions/);
    expect(opened).toMatch(/│model +gpt-4o/);
    // Under NO_COLOR the highlight is gone: the cursor character says which row is selected.
    expect(opened).toMatch(/^› +1a0452512c16 chat-stream /m);

    tmux('send-keys', '-t', 'browse', 'q');
    const after = await waitFor('exited 0');
    // The alternate screen is gone: nothing of the browser is left on the shell's screen.
    expect(after).not.toContain('cassette browse');
  });
});
