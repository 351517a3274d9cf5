import type { Entry } from '../../core/types.js';
import { escapeLine } from '../sanitize.js';

/** The worst verify finding of a file, once verify has run on it. */
export type Mark = 'error' | 'warning' | 'clean';

/** The errors and warnings a verify run found: the numbers `cassette verify` prints. */
export interface VerifyCounts {
  errors: number;
  warnings: number;
}

type Focus = 'list' | 'detail';

/** Everything the browser shows, as data: keys change it through `reduce`, components only render it. */
export interface BrowseState {
  entries: readonly Entry[];
  /** Keys of the groups (test files, tests) the user expanded or, with `collapsedByDefault` false, collapsed. */
  toggled: ReadonlySet<string>;
  collapsedByDefault: boolean;
  /** The selected row's key; kept across filtering so the selection does not jump. */
  selected: string | null;
  filter: string;
  /** The filter is being typed: keys go to it. */
  typing: boolean;
  /** `e`: only files with findings. */
  onlyFindings: boolean;
  /** Verify's marks: by absolute path for a file as a whole, by interactionKey for one call of a cassette; null until verify has run. */
  marks: ReadonlyMap<string, Mark> | null;
  /** Verify's findings, counted as verify counts them; null until verify has run. */
  verifyCounts: VerifyCounts | null;
  /** Verify in the background: files done of total. */
  verifying: { done: number; total: number } | null;
  /** Searchable text of each answer (by interactionKey), filled in the background after the list shows. */
  answers: ReadonlyMap<string, string>;
  focus: Focus;
  detailScroll: number;
  raw: boolean;
  help: boolean;
  /** One line for the status bar: what the last command did. */
  notice: string | null;
  columns: number;
  rows: number;
}

export type Row =
  | { type: 'file'; key: string; label: string; count: number; expanded: boolean; mark: Mark | null }
  | { type: 'test'; key: string; label: string; count: number; expanded: boolean; mark: Mark | null }
  | { type: 'recording'; key: string; entry: Entry; mark: Mark | null };

export type Action =
  | { type: 'move'; by: number }
  | { type: 'move-to'; where: 'first' | 'last' }
  | { type: 'toggle' }
  | { type: 'expand'; open: boolean }
  | { type: 'start-filter' }
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'end-filter'; keep: boolean }
  | { type: 'switch-focus' }
  | { type: 'scroll'; by: number }
  | { type: 'toggle-raw' }
  | { type: 'toggle-help' }
  | { type: 'only-findings' }
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'verify-progress'; done: number; total: number }
  | { type: 'verified'; marks: ReadonlyMap<string, Mark>; counts?: VerifyCounts }
  | { type: 'verify-failed'; reason: string }
  | { type: 'answers'; answers: ReadonlyMap<string, string> }
  | { type: 'notice'; text: string | null };

/** What a key asks of the world outside the state: the controller does these. */
export type Effect = 'quit' | 'verify' | 'copy';

const NO_TEST = '(no test id)';
/** Above this many recordings, test files start collapsed: the first screen is a table of contents. */
const EXPANDED_UP_TO = 100;

export function createState(entries: readonly Entry[], size: { columns: number; rows: number }): BrowseState {
  const collapsedByDefault = entries.length > EXPANDED_UP_TO;
  const state: BrowseState = {
    entries,
    toggled: new Set(),
    collapsedByDefault,
    selected: null,
    filter: '',
    typing: false,
    onlyFindings: false,
    marks: null,
    verifyCounts: null,
    verifying: null,
    answers: new Map(),
    focus: 'list',
    detailScroll: 0,
    raw: false,
    help: false,
    notice: null,
    ...size,
  };
  return { ...state, selected: visibleRows(state)[0]?.key ?? null };
}

/** One call of a file (an ogx recording's only one, or a cassette's n-th): answers and marks are kept by it. */
export function interactionKey(absPath: string, interaction: number): string {
  return `${absPath}#${interaction}`;
}

/**
 * An entry's mark: its file's (findings about the file as a whole, `clean` when verify found
 * nothing) and, in a cassette, its own interaction's, whichever is worse.
 */
function markOf(state: BrowseState, entry: Entry): Mark | null {
  if (!state.marks) return null;
  const file = state.marks.get(entry.absPath) ?? null;
  const own = state.marks.get(interactionKey(entry.absPath, entry.interaction));
  return own === undefined ? file : worst([file ?? 'clean', own]);
}

/** Test file and test of an entry: `tests/x/test_a.py::test_b[p]` is `tests/x/test_a.py` and `test_b[p]`. */
function splitTestId(testId: string | null): { file: string; test: string } {
  if (!testId) return { file: NO_TEST, test: NO_TEST };
  const at = testId.indexOf('::');
  return at < 0 ? { file: testId, test: testId } : { file: testId.slice(0, at), test: testId.slice(at + 2) };
}

function isExpanded(state: BrowseState, key: string): boolean {
  // A filter shows every match: groups open whatever the user collapsed.
  if (state.filter !== '') return true;
  const flipped = state.toggled.has(key);
  return state.collapsedByDefault ? flipped : !flipped;
}

/** Does the entry match the filter: test id, endpoint, model, kind, path or the answer's text, without case. */
function matches(state: BrowseState, entry: Entry): boolean {
  if (state.onlyFindings) {
    const mark = markOf(state, entry);
    if (mark === null || mark === 'clean') return false;
  }
  if (state.filter === '') return true;
  const wanted = state.filter.toLowerCase();
  const fields = [
    entry.testId,
    entry.endpoint,
    entry.model,
    entry.kind,
    entry.path,
    state.answers.get(interactionKey(entry.absPath, entry.interaction)) ?? null,
  ];
  return fields.some((field) => field !== null && field.toLowerCase().includes(wanted));
}

function worst(marks: ReadonlyArray<Mark | null>): Mark | null {
  if (marks.includes('error')) return 'error';
  if (marks.includes('warning')) return 'warning';
  return marks.length > 0 && marks.every((mark) => mark === 'clean') ? 'clean' : null;
}

/**
 * The rows on screen, in order: test files, their tests, their recordings, as far as the
 * groups are open. Grouping is by the entries' order (sorted by path), so it is stable.
 */
export function visibleRows(state: BrowseState): Row[] {
  // States are never changed in place, so the rows of one are computed once (a key press asks several times).
  let rows = computed.get(state);
  if (!rows) computed.set(state, (rows = groupRows(state)));
  return rows;
}

const computed = new WeakMap<BrowseState, Row[]>();

function groupRows(state: BrowseState): Row[] {
  const files = new Map<string, Map<string, Entry[]>>();
  for (const entry of state.entries) {
    if (!matches(state, entry)) continue;
    const { file, test } = splitTestId(entry.testId);
    let tests = files.get(file);
    if (!tests) files.set(file, (tests = new Map()));
    const list = tests.get(test);
    if (list) list.push(entry);
    else tests.set(test, [entry]);
  }
  const markOfEntry = (entry: Entry): Mark | null => markOf(state, entry);
  const rows: Row[] = [];
  for (const [file, tests] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const all = [...tests.values()].flat();
    const fileKey = `f:${file}`;
    const fileOpen = isExpanded(state, fileKey);
    rows.push({ type: 'file', key: fileKey, label: file, count: all.length, expanded: fileOpen, mark: worst(all.map(markOfEntry)) });
    if (!fileOpen) continue;
    for (const [test, entries] of tests) {
      if (file === NO_TEST) {
        // Files no test owns (shared by all tests): no test level to open.
        for (const entry of entries)
          rows.push({ type: 'recording', key: `r:${entry.absPath}#${entry.interaction}`, entry, mark: markOfEntry(entry) });
        continue;
      }
      const testKey = `t:${file}::${test}`;
      const testOpen = isExpanded(state, testKey);
      rows.push({
        type: 'test',
        key: testKey,
        label: test,
        count: entries.length,
        expanded: testOpen,
        mark: worst(entries.map(markOfEntry)),
      });
      if (!testOpen) continue;
      for (const entry of entries)
        rows.push({ type: 'recording', key: `r:${entry.absPath}#${entry.interaction}`, entry, mark: markOfEntry(entry) });
    }
  }
  return rows;
}

/** Where the selection is among the rows (the first row when it is filtered away). */
export function selectedIndex(state: BrowseState, rows: readonly Row[]): number {
  const at = rows.findIndex((row) => row.key === state.selected);
  return at < 0 ? 0 : at;
}

export function selectedEntry(state: BrowseState): Entry | null {
  const rows = visibleRows(state);
  const row = rows[selectedIndex(state, rows)];
  return row?.type === 'recording' ? row.entry : null;
}

/** Where the panes go: side by side from 100 columns, else the detail under the list. */
export interface Layout {
  wide: boolean;
  listWidth: number;
  listHeight: number;
  detailWidth: number;
  detailHeight: number;
}

/**
 * The screen less the header and the key line, and one line spare: ink redraws the whole
 * screen, flickering, when a frame is as tall as the terminal.
 */
export function layoutOf(size: { columns: number; rows: number }): Layout {
  const body = Math.max(4, size.rows - 3);
  const columns = Math.max(20, size.columns);
  if (columns >= 100) {
    const listWidth = Math.floor(columns * 0.45);
    return { wide: true, listWidth, listHeight: body, detailWidth: columns - listWidth - 1, detailHeight: body };
  }
  const listHeight = Math.floor((body - 1) / 2);
  return { wide: false, listWidth: columns, listHeight, detailWidth: columns, detailHeight: body - listHeight - 1 };
}

export function reduce(state: BrowseState, action: Action): BrowseState {
  switch (action.type) {
    case 'move':
    case 'move-to': {
      const rows = visibleRows(state);
      if (rows.length === 0) return state;
      const from = selectedIndex(state, rows);
      const to =
        action.type === 'move-to'
          ? action.where === 'first'
            ? 0
            : rows.length - 1
          : Math.min(rows.length - 1, Math.max(0, from + action.by));
      return { ...state, selected: rows[to]!.key, detailScroll: to === from ? state.detailScroll : 0 };
    }
    case 'toggle':
    case 'expand': {
      const rows = visibleRows(state);
      const row = rows[selectedIndex(state, rows)];
      if (!row) return state;
      if (row.type === 'recording') {
        // Collapsing from a recording folds its test and selects it; enter opens the detail.
        if (action.type === 'expand' && !action.open) return collapseParent(state, row);
        return action.type === 'toggle' ? { ...state, focus: 'detail' } : state;
      }
      const open = action.type === 'toggle' ? !row.expanded : action.open;
      if (open === row.expanded) return action.type === 'expand' && !open && row.type === 'test' ? collapseParent(state, row) : state;
      if (state.filter !== '') return state; // a filter keeps every group open
      const toggled = new Set(state.toggled);
      if (toggled.has(row.key)) toggled.delete(row.key);
      else toggled.add(row.key);
      return { ...state, toggled, selected: row.key };
    }
    case 'start-filter':
      return { ...state, typing: true, focus: 'list', notice: null };
    case 'type':
      return refilter(state, state.filter + action.text);
    case 'erase':
      return refilter(state, state.filter.slice(0, -1));
    case 'end-filter':
      return action.keep ? { ...state, typing: false } : { ...refilter(state, ''), typing: false };
    case 'switch-focus':
      return { ...state, focus: state.focus === 'list' ? 'detail' : 'list' };
    case 'scroll':
      return { ...state, detailScroll: Math.max(0, state.detailScroll + action.by) };
    case 'toggle-raw':
      return { ...state, raw: !state.raw, detailScroll: 0 };
    case 'toggle-help':
      return { ...state, help: !state.help };
    case 'only-findings':
      return { ...state, onlyFindings: !state.onlyFindings };
    case 'resize':
      return { ...state, columns: action.columns, rows: action.rows };
    case 'verify-progress':
      return { ...state, verifying: { done: action.done, total: action.total } };
    case 'verified':
      return { ...state, marks: action.marks, verifyCounts: action.counts ?? null, verifying: null };
    case 'verify-failed':
      return { ...state, verifying: null, notice: `verify failed: ${escapeLine(action.reason)}` };
    case 'answers':
      return { ...state, answers: action.answers };
    case 'notice':
      return { ...state, notice: action.text };
  }
}

/** The test (or test file) above a row, collapsed and selected: `h`/left from inside a group. */
function collapseParent(state: BrowseState, row: Row): BrowseState {
  if (state.filter !== '') return state;
  const { file, test } = row.type === 'recording' ? splitTestId(row.entry.testId) : { file: row.key.slice(2).split('::')[0]!, test: '' };
  const parent = row.type === 'recording' ? `t:${file}::${test}` : `f:${file}`;
  const toggled = new Set(state.toggled);
  if (isExpanded(state, parent)) {
    if (toggled.has(parent)) toggled.delete(parent);
    else toggled.add(parent);
  }
  return { ...state, toggled, selected: parent };
}

function refilter(state: BrowseState, filter: string): BrowseState {
  const next = { ...state, filter };
  const rows = visibleRows(next);
  // Keep the selection when it still shows; else the first match, so typing lands on a result.
  const kept = rows.some((row) => row.key === state.selected);
  const firstRecording = rows.find((row) => row.type === 'recording') ?? rows[0];
  return { ...next, selected: kept ? state.selected : (firstRecording?.key ?? null), detailScroll: 0 };
}

/** A key as ink reports it: the text typed and the special keys pressed. */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
}

/** What a key does in this state: a change of state, an effect, or nothing. */
export function interpretKey(state: BrowseState, input: string, key: KeyPress): Action | Effect | null {
  if (key.ctrl && input === 'c') return 'quit';
  if (state.help) return { type: 'toggle-help' }; // any key closes the help
  if (state.typing) {
    if (key.escape) return { type: 'end-filter', keep: false };
    if (key.return || key.downArrow || key.tab) return { type: 'end-filter', keep: true };
    if (key.backspace || key.delete) return { type: 'erase' };
    if (input && !key.ctrl && !key.upArrow && !key.leftArrow && !key.rightArrow) return { type: 'type', text: input };
    return null;
  }
  const { listHeight, detailHeight } = layoutOf(state);
  const page = Math.max(1, (state.focus === 'detail' ? detailHeight : listHeight) - 1);
  const inDetail = state.focus === 'detail';
  if (key.escape) return state.filter !== '' ? { type: 'end-filter', keep: false } : 'quit';
  if (key.tab) return { type: 'switch-focus' };
  if (key.upArrow || input === 'k') return inDetail ? { type: 'scroll', by: -1 } : { type: 'move', by: -1 };
  if (key.downArrow || input === 'j') return inDetail ? { type: 'scroll', by: 1 } : { type: 'move', by: 1 };
  if (key.pageUp) return inDetail ? { type: 'scroll', by: -page } : { type: 'move', by: -page };
  if (key.pageDown) return inDetail ? { type: 'scroll', by: page } : { type: 'move', by: page };
  if (key.return || input === ' ') return inDetail ? { type: 'switch-focus' } : { type: 'toggle' };
  if (key.leftArrow || input === 'h') return inDetail ? { type: 'switch-focus' } : { type: 'expand', open: false };
  if (key.rightArrow || input === 'l') return { type: 'expand', open: true };
  switch (input) {
    case 'g':
      return { type: 'move-to', where: 'first' };
    case 'G':
      return { type: 'move-to', where: 'last' };
    case '/':
      return { type: 'start-filter' };
    case 'v':
      return 'verify';
    case 'e':
      return { type: 'only-findings' };
    case 'r':
      return { type: 'toggle-raw' };
    case 'y':
      return 'copy';
    case '?':
      return { type: 'toggle-help' };
    case 'q':
      return 'quit';
  }
  return null;
}
