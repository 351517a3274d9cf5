import { describe, expect, it } from 'vitest';
import {
  interactionKey,
  createState,
  interpretKey,
  layoutOf,
  reduce,
  selectedEntry,
  visibleRows,
  type Action,
  type BrowseState,
  type KeyPress,
} from '../../../src/cli/browse/state.js';
import type { Entry } from '../../../src/core/types.js';
import { DEMO, ROOT, indexPaths } from '../../helpers.js';

const demo = (await indexPaths([DEMO], ROOT)).entries;
const SIZE = { columns: 120, rows: 30 };

/** Presses keys as ink reports them: one character, or a named key. */
function press(state: BrowseState, ...keys: Array<string | KeyPress>): BrowseState {
  for (const key of keys) {
    const wanted = typeof key === 'string' ? interpretKey(state, key, {}) : interpretKey(state, '', key);
    if (wanted !== null && typeof wanted !== 'string') state = reduce(state, wanted);
  }
  return state;
}

const labels = (state: BrowseState) =>
  visibleRows(state).map((row) => (row.type === 'recording' ? `    ${row.entry.id}` : `${row.type === 'test' ? '  ' : ''}${row.label}`));

/** Many recordings of one test file: enough that groups start collapsed. */
function manyEntries(count: number): Entry[] {
  const template = demo.find((entry) => entry.kind === 'chat-stream')!;
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    id: i.toString(16).padStart(12, '0'),
    absPath: `/tree/r${String(i).padStart(5, '0')}.json`,
    path: `r${String(i).padStart(5, '0')}.json`,
    testId: `tests/integration/test_${i % 7}.py::test_case[${i % 3}]`,
  }));
}

describe('the browser state', () => {
  it('groups the demo corpus by test file, then test, with files no test owns in their own group', () => {
    const state = createState(demo, SIZE);
    const rows = visibleRows(state);
    expect(rows.filter((row) => row.type === 'file').map((row) => row.type === 'file' && row.label)).toEqual([
      '(no test id)',
      'tests/integration/agents/test_agents.py',
      'tests/integration/files/test_file_processors.py',
      'tests/integration/inference/test_openai_completion.py',
      'tests/integration/inference/test_openai_embeddings.py',
      'tests/integration/inference/test_provider_error_recording.py',
      'tests/integration/interactions/test_interactions.py',
      'tests/integration/messages/test_messages.py',
      'tests/integration/responses/test_basic_responses.py',
      'tests/integration/safety/test_safety.py',
      'tests/integration/tool_runtime/test_builtin_tools.py',
      'tests/integration/vector_io/test_vector_io.py',
    ]);
    expect(rows.filter((row) => row.type === 'recording')).toHaveLength(demo.length);
    // A small tree opens expanded; the first row is selected.
    expect(state.selected).toBe(rows[0]!.key);
  });

  it('starts a large tree collapsed to its test files, and opens and closes groups with enter, left and right', () => {
    let state = createState(manyEntries(700), SIZE);
    expect(labels(state)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `tests/integration/test_${i}.py`));
    state = press(state, { return: true });
    expect(labels(state).slice(0, 5)).toEqual([
      'tests/integration/test_0.py',
      '  test_case[0]',
      '  test_case[1]',
      '  test_case[2]',
      'tests/integration/test_1.py',
    ]);
    state = press(state, 'j', 'l');
    expect(visibleRows(state)[2]).toMatchObject({ type: 'recording' });
    // Left on a recording folds its test and selects it; left on the test folds the file.
    state = press(state, 'j', 'h');
    expect(state.selected).toBe('t:tests/integration/test_0.py::test_case[0]');
    expect(labels(state)[2]).toBe('  test_case[1]');
    state = press(state, 'h');
    expect(state.selected).toBe('f:tests/integration/test_0.py');
    expect(labels(state).slice(0, 2)).toEqual(['tests/integration/test_0.py', 'tests/integration/test_1.py']);
  });

  it('moves with j/k and the arrows, pages, and stops at both ends', () => {
    let state = createState(demo, SIZE);
    const rows = visibleRows(state);
    state = press(state, 'k');
    expect(state.selected).toBe(rows[0]!.key);
    state = press(state, 'j', { downArrow: true }, 'j');
    expect(state.selected).toBe(rows[3]!.key);
    state = press(state, { upArrow: true });
    expect(state.selected).toBe(rows[2]!.key);
    state = press(state, 'G');
    expect(state.selected).toBe(rows.at(-1)!.key);
    state = press(state, { pageUp: true });
    expect(state.selected).toBe(rows[rows.length - 1 - (layoutOf(state).listHeight - 1)]!.key);
    state = press(state, 'g');
    expect(state.selected).toBe(rows[0]!.key);
  });

  it('filters as the user types, over test id, endpoint, model and answer text, and clears on esc', () => {
    let state = createState(demo, SIZE);
    state = press(state, '/', ...'v1/emb');
    expect(state.typing).toBe(true);
    expect(visibleRows(state).flatMap((row) => (row.type === 'recording' ? [row.entry.kind] : []))).toEqual(['embeddings']);
    // The selection lands on the first match, so enter after typing opens it.
    expect(selectedEntry(state)?.kind).toBe('embeddings');
    state = press(state, ...Array.from({ length: 6 }, () => ({ backspace: true })), ...'GPT-4O');
    // Without case, over the model and the test id (a tool call made by a gpt-4o test).
    const shown = visibleRows(state).flatMap((row) => (row.type === 'recording' ? [row.entry] : []));
    expect(shown.map((entry) => entry.model)).toContain('gpt-4o');
    expect(shown.every((entry) => entry.model === 'gpt-4o' || entry.testId!.includes('gpt-4o'))).toBe(true);
    expect(shown.length).toBeLessThan(demo.length);
    state = press(state, { return: true });
    expect(state).toMatchObject({ typing: false, filter: 'GPT-4O' });
    const stream = demo.find((entry) => entry.kind === 'chat-stream')!;
    state = reduce(state, { type: 'answers', answers: new Map([[interactionKey(stream.absPath, 0), 'The capital of France is Paris.']]) });
    state = press(press(state, { escape: true }), '/', ...'paris');
    expect(visibleRows(state).filter((row) => row.type === 'recording')).toEqual([expect.objectContaining({ entry: stream })]);
    state = press(state, { escape: true });
    expect(state).toMatchObject({ typing: false, filter: '' });
    expect(visibleRows(state).filter((row) => row.type === 'recording')).toHaveLength(demo.length);
  });

  it('marks files and groups by their worst verify finding, and e shows only files with findings', () => {
    const [first, second] = demo.filter((entry) => entry.testId?.includes('test_openai_completion.py'));
    const marks = new Map(demo.map((entry) => [entry.absPath, 'clean' as const]));
    marks.set(first!.absPath, 'warning' as never);
    marks.set(second!.absPath, 'error' as never);
    let state = reduce(createState(demo, SIZE), { type: 'verified', marks });
    const file = visibleRows(state).find((row) => row.type === 'file' && row.label.endsWith('test_openai_completion.py'));
    expect(file).toMatchObject({ mark: 'error', count: 3 });
    state = press(state, 'e');
    expect(
      visibleRows(state)
        .flatMap((row) => (row.type === 'recording' ? [row.entry.absPath] : []))
        .sort(),
    ).toEqual([first!.absPath, second!.absPath].sort());
  });

  it("marks a cassette's interactions one by one: a finding about one call marks that call, one about the file marks all", () => {
    const template = demo.find((entry) => entry.kind === 'chat-completion')!;
    const calls: Entry[] = [0, 1, 2].map((interaction) => ({
      ...template,
      format: 'vcr',
      interaction,
      id: `test_two#${interaction}`,
      absPath: '/tree/tests/cassettes/test_x/test_two.yaml',
      path: 'tests/cassettes/test_x/test_two.yaml',
      testId: 'tests/test_x.py::test_two',
    }));
    const marks = new Map<string, 'clean' | 'warning' | 'error'>([
      [calls[0]!.absPath, 'clean'],
      [interactionKey(calls[0]!.absPath, 1), 'error'],
    ]);
    let state = press(reduce(createState(calls, SIZE), { type: 'verified', marks }), 'e');
    const recordings = () => visibleRows(state).flatMap((row) => (row.type === 'recording' ? [[row.entry.id, row.mark]] : []));
    expect(recordings()).toEqual([['test_two#1', 'error']]);
    marks.set(calls[0]!.absPath, 'warning');
    state = reduce(createState(calls, SIZE), { type: 'verified', marks });
    expect(recordings()).toEqual([
      ['test_two#0', 'warning'],
      ['test_two#1', 'error'],
      ['test_two#2', 'warning'],
    ]);
  });

  it('maps keys to the effects the controller carries out, and esc quits only when nothing is left to clear', () => {
    const state = createState(demo, SIZE);
    expect(['v', 'y', 'q'].map((key) => interpretKey(state, key, {}))).toEqual(['verify', 'copy', 'quit']);
    expect(interpretKey(state, '', { escape: true })).toBe('quit');
    expect(interpretKey(press(state, '/', 'x', { return: true }), '', { escape: true })).toEqual({ type: 'end-filter', keep: false });
    expect(interpretKey(press(state, '?'), 'q', {})).toEqual({ type: 'toggle-help' });
    expect(interpretKey(press(state, '/'), 'q', {})).toEqual({ type: 'type', text: 'q' });
  });

  it('scrolls the detail when it has the focus, and tab switches back', () => {
    let state = press(createState(demo, SIZE), 'j', 'j', { tab: true });
    const selected = state.selected;
    state = press(state, 'j', 'j', { pageDown: true });
    expect(state.selected).toBe(selected);
    expect(state.detailScroll).toBe(2 + layoutOf(state).detailHeight - 1);
    state = press(state, { tab: true }, 'j');
    expect(state.detailScroll).toBe(0);
  });

  it('lays out side by side from 100 columns and stacked below, within the terminal', () => {
    expect(layoutOf({ columns: 120, rows: 30 })).toEqual({ wide: true, listWidth: 54, listHeight: 27, detailWidth: 65, detailHeight: 27 });
    const narrow = layoutOf({ columns: 80, rows: 24 });
    expect(narrow).toMatchObject({ wide: false, listWidth: 80, detailWidth: 80 });
    // header + list + separator + detail + key line, one line spare
    expect(1 + narrow.listHeight + 1 + narrow.detailHeight + 1).toBe(23);
  });
});

describe('actions', () => {
  it('never change a state in place', () => {
    const state = createState(demo, SIZE);
    const before = JSON.stringify({ ...state, toggled: [...state.toggled] });
    const actions: Action[] = [
      { type: 'move', by: 3 },
      { type: 'toggle' },
      { type: 'type', text: 'x' },
      { type: 'resize', columns: 80, rows: 24 },
    ];
    for (const action of actions) reduce(state, action);
    expect(JSON.stringify({ ...state, toggled: [...state.toggled] })).toBe(before);
  });
});
