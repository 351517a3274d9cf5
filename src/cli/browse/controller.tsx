import type { ChalkInstance } from 'chalk';
import { useInput } from 'ink';
import type { ReactElement } from 'react';
import type { Entry } from '../../core/types.js';
import { clean } from '../format-text.js';
import { Browser, type Detail } from './browser.js';
import { shellQuote } from '../shell-quote.js';
import {
  createState,
  interpretKey,
  layoutOf,
  reduce,
  selectedEntry,
  selectedIndex,
  visibleRows,
  type Action,
  type BrowseState,
  type KeyPress,
  type Mark,
  type Row,
  type VerifyCounts,
} from './state.js';

/** What the browser needs from the world: every read, write and background job goes through here. */
export interface BrowserIO {
  render(node: ReactElement): { rerender(node: ReactElement): void; unmount(): void };
  /** The selected recording as `show` renders it (or its raw JSON), escaped and masked, fitted to `width`. */
  describe(entry: Entry, raw: boolean, width: number): Detail;
  /** verify on the listed files; the worst finding by absolute path. */
  verify(onProgress: (done: number, total: number) => void): Promise<{ marks: ReadonlyMap<string, Mark>; counts: VerifyCounts }>;
  /** Fills the answers' text for the filter, in the background, calling back as it goes. */
  readAnswers(onAnswers: (answers: ReadonlyMap<string, string>) => void): void;
  /** Puts text on the clipboard; says how, for the key line. */
  copy(text: string): string;
  /** Stops the background jobs: the user has quit. */
  close(): void;
  paint: ChalkInstance;
  size: { columns: number; rows: number };
  onResize?(listener: (size: { columns: number; rows: number }) => void): () => void;
}

/** Forwards every key to the controller: the one component with a hook, and it renders nothing. */
function KeyInput({ onKey }: { onKey: (input: string, key: KeyPress) => void }) {
  useInput((input, key) => onKey(input, key));
  return null;
}

/**
 * Runs the browser until the user quits: keys become actions on the state (state.ts), the
 * effects (verify, copy, quit) are done here, and each new state is rendered whole.
 */
export function startBrowser(entries: readonly Entry[], io: BrowserIO): Promise<void> {
  let state = createState(entries, io.size);
  const details = new Map<string, Detail>();
  let instance: ReturnType<BrowserIO['render']> | null = null;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));

  const detailFor = (current: BrowseState): Detail => {
    const rows = visibleRows(current);
    const row = rows[selectedIndex(current, rows)];
    if (!row) return { title: 'nothing selected', lines: [] };
    if (row.type !== 'recording') return groupDetail(row, rows);
    const width = layoutOf(current).detailWidth;
    const key = `${row.key}\0${current.raw}\0${width}`;
    let detail = details.get(key);
    if (!detail) {
      detail = io.describe(row.entry, current.raw, width);
      // Only the last few are kept: a detail can be long, and moving back is rare.
      if (details.size > 32) details.delete(details.keys().next().value!);
      details.set(key, detail);
    }
    return detail;
  };
  const view = (): ReactElement => (
    <>
      <KeyInput onKey={onKey} />
      <Browser state={state} detail={detailFor(state)} paint={io.paint} />
    </>
  );
  const dispatch = (action: Action): void => {
    state = reduce(state, action);
    instance?.rerender(view());
  };
  const startVerify = (): void => {
    // The state says whether a run is going: one at a time.
    if (state.verifying) return dispatch({ type: 'notice', text: 'verify is running' });
    dispatch({ type: 'verify-progress', done: 0, total: state.entries.length });
    void io
      .verify((doneFiles, total) => dispatch({ type: 'verify-progress', done: doneFiles, total }))
      .then(({ marks, counts }) => dispatch({ type: 'verified', marks, counts }))
      .catch((error: unknown) => dispatch({ type: 'verify-failed', reason: String(error) }));
  };
  const quit = (): void => {
    stopResize?.();
    io.close();
    instance?.unmount();
    instance = null;
    finish();
  };
  function onKey(input: string, key: KeyPress): void {
    if (!instance) return;
    // Keys typed faster than the screen reads them (or pasted) arrive as one string: one at a time.
    const chars = [...input];
    if (chars.length > 1 && !key.ctrl) {
      for (const char of chars) if (char >= ' ' && char !== '\u007f') onKey(char, {});
      return;
    }
    const wanted = interpretKey(state, input, key);
    if (state.notice !== null && wanted !== null) state = { ...state, notice: null };
    if (wanted === null) return;
    if (wanted === 'quit') return quit();
    if (wanted === 'verify') return startVerify();
    if (wanted === 'copy') {
      const entry = selectedEntry(state);
      // Quoted for a POSIX shell, as restore hints are: a name with a newline or `$(…)` pasted into bash runs nothing.
      return dispatch({ type: 'notice', text: entry ? io.copy(shellQuote(entry.path)) : 'select a recording to copy its path' });
    }
    dispatch(wanted);
    // `e` before verify has run: the marks it filters by are on their way.
    if (wanted.type === 'only-findings' && state.onlyFindings && state.marks === null) startVerify();
  }

  const stopResize = io.onResize?.((size) => dispatch({ type: 'resize', ...size }));
  instance = io.render(view());
  io.readAnswers((answers) => dispatch({ type: 'answers', answers }));
  return done;
}

/** A group's detail: what it holds, so that the pane is never empty. */
function groupDetail(row: Exclude<Row, { type: 'recording' }>, rows: readonly Row[]): Detail {
  const at = rows.indexOf(row);
  const inside: string[] = [];
  for (const next of rows.slice(at + 1)) {
    if (next.type === 'file' || (row.type === 'test' && next.type === 'test')) break;
    inside.push(next.type === 'test' ? `${clean(next.label)} (${next.count})` : `  ${clean(next.entry.id)} ${next.entry.kind}`);
  }
  const what = row.type === 'file' ? 'test file' : 'test';
  const hint = row.expanded ? 'enter collapses it' : 'enter expands it';
  return { title: `${what}: ${clean(row.label)}`, lines: [`${row.count} recordings; ${hint}`, '', ...inside] };
}
