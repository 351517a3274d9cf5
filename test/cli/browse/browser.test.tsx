import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Browser, type Detail } from '../../../src/cli/browse/browser.js';
import { startBrowser, type BrowserIO } from '../../../src/cli/browse/controller.js';
import { interactionKey, createState, reduce, type Mark } from '../../../src/cli/browse/state.js';
import type { Entry } from '../../../src/core/types.js';
import { DEMO, ROOT, indexPaths, makeTempDir } from '../../helpers.js';

const demo = (await indexPaths([DEMO], ROOT)).entries;
const plain = new Chalk({ level: 0 });
const ESC = '\u001b';
/** The frame as a reader sees it: ink's own styles (the selection's inverse) taken out. */
const visible = (frame: string | undefined) => (frame ?? '').replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

const detailOf = (entry: Entry): Detail => ({ title: entry.path, lines: [`kind ${entry.kind}`, `answer of ${entry.id}`] });

/** The controller on ink-testing-library, with reads and jobs that say what they were asked. */
function openTestBrowser(entries: readonly Entry[], size = { columns: 120, rows: 30 }) {
  let screen: ReturnType<typeof render> | null = null;
  const calls = { copied: [] as string[], closed: 0, described: [] as string[] };
  let finishVerify: (result: { marks: ReadonlyMap<string, Mark>; counts: { errors: number; warnings: number } }) => void = () => {};
  let failVerify: (error: Error) => void = () => {};
  const io: BrowserIO = {
    render(node) {
      screen = render(node);
      return { rerender: screen.rerender, unmount: screen.unmount };
    },
    describe(entry) {
      calls.described.push(entry.id);
      return detailOf(entry);
    },
    verify: (onProgress) =>
      new Promise((resolve, reject) => {
        onProgress(5, entries.length);
        finishVerify = resolve;
        failVerify = reject;
      }),
    readAnswers: (onAnswers) =>
      onAnswers(new Map(entries.map((entry) => [interactionKey(entry.absPath, entry.interaction), `answer text of ${entry.kind}`]))),
    copy: (text) => {
      calls.copied.push(text);
      return `copied ${text}`;
    },
    close: () => void calls.closed++,
    paint: plain,
    size,
  };
  const done = startBrowser(entries, io);
  const type = async (...keys: string[]) => {
    for (const key of keys) {
      screen!.stdin.write(key);
      await tick();
    }
  };
  return {
    frame: () => visible(screen!.lastFrame()),
    type,
    done,
    calls,
    verified: (marks: ReadonlyMap<string, Mark>, counts = { errors: 0, warnings: 0 }) => finishVerify({ marks, counts }),
    failed: (error: Error) => failVerify(error),
  };
}

describe('<Browser> (props in, frame out)', () => {
  it('renders the header with counts, the grouped list and the selected group in the detail', () => {
    const state = createState(demo, { columns: 120, rows: 30 });
    const frame = visible(
      render(<Browser state={state} detail={{ title: 'test file: (no test id)', lines: ['5 recordings'] }} paint={plain} />).lastFrame(),
    );
    const lines = frame.split('\n');
    expect(lines[0]).toBe('cassette browse · 19 recordings · 12 test files');
    // The selected row carries a cursor (under NO_COLOR, the highlight alone would not show).
    expect(lines[1]).toMatch(/^›  ▾ \(no test id\) \(5\) +│test file: \(no test id\)$/);
    expect(lines[2]).toMatch(/^       02c93bb3c314 ollama-ps \/api\/ps - +│5 recordings$/);
    expect(frame).toContain('   ▾ tests/integration/agents/test_agents.py (1)');
    // Labels are shortened in their middle: the end tells files and parameters apart.
    expect(frame).toContain('     ▾ test_agent_simple[txt…3.2:3b-instruct-fp16] (1)');
    expect(frame).toContain('   ▾ tests/integration/infe…t_openai_completion.py (3)');
    expect(lines.at(-1)).toBe('↑↓ move · enter open · / filter · tab focus · v verify · e findings · r raw · y copy · ? help · q quit');
    // One line spare: a frame as tall as the terminal would make ink clear the screen each time.
    expect(lines).toHaveLength(29);
  });

  it('stacks the detail under the list at 80x24, every line within 80 columns', () => {
    const state = createState(demo, { columns: 80, rows: 24 });
    const frame = visible(
      render(<Browser state={state} detail={{ title: 'the detail', lines: ['x'.repeat(200)] }} paint={plain} />).lastFrame(),
    );
    const lines = frame.split('\n');
    expect(lines).toHaveLength(23);
    expect(lines.every((line) => [...line].length <= 80)).toBe(true);
    const rule = lines.indexOf('─'.repeat(80));
    expect(rule).toBeGreaterThan(3);
    expect(lines[rule + 1]).toBe('the detail');
    expect(lines[rule + 2]).toBe(`${'x'.repeat(79)}…`);
  });

  it('shows the help over the panes', () => {
    const state = reduce(createState(demo, { columns: 80, rows: 24 }), { type: 'toggle-help' });
    const frame = visible(render(<Browser state={state} detail={{ title: '', lines: [] }} paint={plain} />).lastFrame());
    expect(frame).toContain('keys');
    expect(frame).toContain('  /             filter as you type: test id, endpoint, model, kind, path, answer');
    expect(frame).toContain('  q  esc        quit (esc first clears a filter)');
    expect(frame).not.toContain('02c93bb3c314');
  });

  it('escapes control characters in test ids instead of sending them to the terminal', () => {
    const hostile = { ...demo[5]!, testId: `tests/test_x.py::test_${ESC}[2J${ESC}]52;c;cHduZWQ=\u0007evil\u202e` };
    const frame = render(
      <Browser state={createState([hostile], { columns: 200, rows: 10 })} detail={{ title: '', lines: [] }} paint={plain} />,
    ).lastFrame()!;
    expect(frame).toContain('test_\\x1b[2J\\x1b]52;c;cHduZWQ=\\x07evil\\u202e');
    expect(frame).not.toContain(`${ESC}[2J`);
    expect(frame).not.toContain(`${ESC}]52`);
  });
});

describe('the browser driven by keys (ink-testing-library)', () => {
  it('moves with j and k, and shows the selected recording in the detail pane', async () => {
    const browser = openTestBrowser(demo);
    await browser.type('j');
    expect(browser.frame()).toContain('│recordings/tests/integration/common/recordings/02c93bb3c314');
    expect(browser.frame()).toContain('│answer of 02c93bb3c314');
    await browser.type('j', 'k', 'k');
    expect(browser.frame()).toContain('│test file: (no test id)');
    await browser.type('q');
    await browser.done;
  });

  it('filters as the user types and shows how many match', async () => {
    const browser = openTestBrowser(demo);
    await browser.type('/', 'v', '1', '/', 'e', 'm', 'b');
    const frame = browser.frame();
    expect(frame.split('\n')[0]).toBe('cassette browse · 1 of 19 recordings · 1 test files');
    expect(frame).toContain('da715d39f2c0 embeddings /v1/embeddings');
    expect(frame).not.toContain('ollama-ps');
    expect(frame.split('\n').at(-1)).toMatch(/^\/v1\/emb .*enter keeps · esc clears$/);
    // Enter keeps the filter; the selection is on the match, so its detail shows.
    await browser.type('\r');
    expect(browser.frame().split('\n')[0]).toContain('filter: v1/emb');
    expect(browser.frame()).toContain('answer of da715d39f2c0');
    // The answers' text is searched too.
    await browser.type('\u001b', '/', ...'answer text of ollama-ps');
    expect(browser.frame()).toContain('02c93bb3c314 ollama-ps');
    expect(browser.frame()).not.toContain('embeddings /v1');
    await browser.type('\u001b', '\u001b');
    await browser.done;
  });

  it('collapses and expands a group with enter, and opens a recording', async () => {
    const browser = openTestBrowser(demo);
    await browser.type('\r');
    expect(browser.frame()).toContain('▸ (no test id) (5)');
    expect(browser.frame()).not.toContain('02c93bb3c314');
    await browser.type(' ');
    expect(browser.frame()).toContain('02c93bb3c314 ollama-ps');
    await browser.type('j', '\r');
    // Enter on a recording gives the detail pane the focus (its title is marked).
    expect(browser.frame()).toContain('│▶ ');
    await browser.type('\t', 'q');
    await browser.done;
  });

  it('runs verify in the background with progress, then marks the files', async () => {
    const browser = openTestBrowser(demo);
    await browser.type('v');
    expect(browser.frame().split('\n')[0]).toContain('verifying 5/19');
    const marks = new Map<string, Mark>(demo.map((entry) => [entry.absPath, entry.id === '02c93bb3c314' ? 'error' : 'clean']));
    browser.verified(marks, { errors: 1, warnings: 250 });
    await browser.type('e');
    const frame = browser.frame();
    expect(frame.split('\n')[0]).toBe(
      // The counts verify prints: findings, not files whose worst finding is a warning.
      'cassette browse · 1 of 19 recordings · 1 test files · 1 error, 250 warnings · only files with findings',
    );
    expect(frame).toContain('\n›✗ ▾ (no test id) (1)');
    expect(frame).toContain('     ✗ 02c93bb3c314 ollama-ps');
    await browser.type('q');
    await browser.done;
  });

  it('runs one verify at a time, and a failed run clears its progress and says why, escaped', async () => {
    const browser = openTestBrowser(demo);
    await browser.type('v', 'v');
    expect(browser.frame().split('\n')[0]).toContain('verifying 5/19');
    expect(browser.frame().split('\n').at(-1)).toBe('verify is running');
    browser.failed(new Error('disk gone\u001b[2J'));
    await tick();
    expect(browser.frame().split('\n')[0]).not.toContain('verifying');
    expect(browser.frame().split('\n').at(-1)).toBe('verify failed: Error: disk gone\\x1b[2J');
    await browser.type('q');
    await browser.done;
  });

  it('copies the selected path, shows help on ?, and stops background work on quit', async () => {
    const browser = openTestBrowser(demo);
    await browser.type('j', 'y');
    // A plain path is one shell word as it is; others are quoted (see the hostile name below).
    expect(browser.calls.copied).toEqual([demo.find((entry) => entry.id === '02c93bb3c314')!.path]);
    expect(browser.frame().split('\n').at(-1)).toMatch(/^copied recordings\/tests\/integration\/common\/recordings\/02c93bb3c314/);
    await browser.type('?');
    expect(browser.frame()).toContain('keys');
    await browser.type('x');
    expect(browser.frame()).not.toContain('this help; any key closes it');
    await browser.type('q');
    await browser.done;
    expect(browser.calls.closed).toBe(1);
  });

  it('copies a hostile path quoted for a shell: a newline and $(…) in a name never run when pasted', async () => {
    const hostile = { ...demo[0]!, path: "tests/x\n$(touch pwned)'.json" };
    const browser = openTestBrowser([hostile]);
    // Down to the recording, below its test file's and test's rows.
    await browser.type('j', 'j', 'y');
    const [copied] = browser.calls.copied;
    // Pasted into bash, it is the path itself, and nothing runs.
    const cwd = makeTempDir();
    const pasted = spawnSync('bash', ['-c', `printf %s ${copied}`], { cwd, encoding: 'utf8' });
    expect(pasted.stdout).toBe(hostile.path);
    expect(existsSync(join(cwd, 'pwned'))).toBe(false);
    await browser.type('q');
    await browser.done;
  });
});
