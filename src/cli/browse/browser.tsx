import { plural } from '../format-text.js';
import type { ChalkInstance } from 'chalk';
import { Box, Text } from 'ink';
import { escapeLine } from '../sanitize.js';
import { rowText } from './row-text.js';
import { layoutOf, selectedIndex, visibleRows, type BrowseState, type Row } from './state.js';

/** What the detail pane shows: lines already rendered, escaped and masked by the controller. */
export interface Detail {
  title: string;
  lines: readonly string[];
}

export interface BrowserProps {
  state: BrowseState;
  detail: Detail;
  /** The terminal writer's colours: plain under NO_COLOR or when not a terminal. */
  paint: ChalkInstance;
}

/** The whole screen: header, list, detail, key line; the help over the panes when asked for. */
export function Browser({ state, detail, paint }: BrowserProps) {
  const layout = layoutOf(state);
  const rows = visibleRows(state);
  const body = state.help ? (
    <Help paint={paint} width={state.columns} height={layout.wide ? layout.listHeight : layout.listHeight + layout.detailHeight + 1} />
  ) : (
    <Box flexDirection={layout.wide ? 'row' : 'column'}>
      <List
        rows={rows}
        selected={selectedIndex(state, rows)}
        focused={state.focus === 'list'}
        width={layout.listWidth}
        height={layout.listHeight}
        paint={paint}
      />
      {layout.wide ? (
        <Separator height={layout.listHeight} vertical paint={paint} />
      ) : (
        <Separator width={layout.detailWidth} paint={paint} />
      )}
      <DetailPane
        detail={detail}
        scroll={state.detailScroll}
        focused={state.focus === 'detail'}
        raw={state.raw}
        width={layout.detailWidth}
        height={layout.detailHeight}
        paint={paint}
      />
    </Box>
  );
  return (
    <Box flexDirection="column" width={state.columns}>
      <Header state={state} rows={rows} paint={paint} />
      {body}
      <KeyLine state={state} paint={paint} />
    </Box>
  );
}

function Header({ state, rows, paint }: { state: BrowseState; rows: readonly Row[]; paint: ChalkInstance }) {
  const fileRows = rows.filter((row) => row.type === 'file');
  // What matches counts the recordings in every group, collapsed or not: a collapsed tree still matches.
  const matching = fileRows.reduce((total, row) => total + (row.type === 'file' ? row.count : 0), 0);
  const filtered = state.filter !== '' || state.onlyFindings;
  const parts = [
    paint.bold('cassette browse'),
    filtered ? `${matching} of ${state.entries.length} recordings` : `${state.entries.length} recordings`,
    `${fileRows.length} test files`,
  ];
  if (state.verifying) parts.push(paint.yellow(`verifying ${state.verifying.done}/${state.verifying.total}`));
  else if (state.marks) {
    // The numbers verify prints: findings by severity, whatever else the same file has.
    const { errors, warnings } = state.verifyCounts ?? { errors: 0, warnings: 0 };
    parts.push(
      `${errors > 0 ? paint.red(plural(errors, 'error')) : '0 errors'}, ${warnings > 0 ? paint.yellow(plural(warnings, 'warning')) : '0 warnings'}`,
    );
  }
  if (state.onlyFindings) parts.push(paint.yellow('only files with findings'));
  if (state.filter !== '' && !state.typing) parts.push(`filter: ${paint.cyan(escapeLine(state.filter))}`);
  return <Text wrap="truncate-end">{parts.filter((part) => part !== null).join(paint.dim(' · '))}</Text>;
}

/** The rows around the selection, only as many as fit: 10,000 recordings render as fast as 20. */
function List(props: { rows: readonly Row[]; selected: number; focused: boolean; width: number; height: number; paint: ChalkInstance }) {
  const { rows, selected, focused, width, height, paint } = props;
  const start = Math.max(0, Math.min(selected - Math.floor(height / 2), rows.length - height));
  const window = rows.slice(start, start + height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.length === 0 ? <Text dimColor>no recordings match</Text> : null}
      {window.map((row, i) => {
        const isSelected = start + i === selected;
        // A cursor character as well as the highlight: under NO_COLOR the terminal shows no inverse.
        const text = `${isSelected ? '›' : ' '}${rowText(row, width - 1, paint)}`;
        return (
          <Text key={row.key} wrap="truncate-end" inverse={isSelected && focused} underline={isSelected && !focused}>
            {text}
          </Text>
        );
      })}
    </Box>
  );
}

function Separator({
  vertical,
  width = 1,
  height = 1,
  paint,
}: {
  vertical?: boolean;
  width?: number;
  height?: number;
  paint: ChalkInstance;
}) {
  if (vertical)
    return (
      <Box flexDirection="column" width={1} height={height}>
        {Array.from({ length: height }, (_, i) => (
          <Text key={i}>{paint.dim('│')}</Text>
        ))}
      </Box>
    );
  return <Text>{paint.dim('─'.repeat(width))}</Text>;
}

function DetailPane(props: {
  detail: Detail;
  scroll: number;
  focused: boolean;
  raw: boolean;
  width: number;
  height: number;
  paint: ChalkInstance;
}) {
  const { detail, focused, raw, width, height, paint } = props;
  const room = Math.max(1, height - 1);
  const scroll = Math.min(props.scroll, Math.max(0, detail.lines.length - room));
  const shown = detail.lines.slice(scroll, scroll + room);
  const more = detail.lines.length > scroll + room ? ` ${paint.dim(`${scroll + room}/${detail.lines.length}`)}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end" bold={focused}>
        {`${focused ? '▶ ' : ''}${detail.title}${raw ? paint.yellow(' [raw]') : ''}${more}`}
      </Text>
      {shown.map((line, i) => (
        <Text key={scroll + i} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}

const HELP: ReadonlyArray<[string, string]> = [
  ['↑ ↓  j k', 'move (in the detail pane: scroll)'],
  ['PgUp PgDn', 'a page up or down'],
  ['g  G', 'first, last row'],
  ['enter  space', 'expand or collapse a group; open a recording'],
  ['← →  h l', 'collapse, expand'],
  ['/', 'filter as you type: test id, endpoint, model, kind, path, answer'],
  ['tab', 'switch between the list and the detail'],
  ['v', 'run verify on the listed files, in the background'],
  ['e', 'only files with verify findings'],
  ['r', 'raw JSON of the recording (secrets masked)'],
  ['y', 'copy the path to the clipboard (OSC 52)'],
  ['?', 'this help; any key closes it'],
  ['q  esc', 'quit (esc first clears a filter)'],
];

function Help({ paint, width, height }: { paint: ChalkInstance; width: number; height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>keys</Text>
      {HELP.map(([keys, what]) => (
        <Text key={keys} wrap="truncate-end">
          {`  ${paint.cyan(keys.padEnd(14))}${what}`}
        </Text>
      ))}
    </Box>
  );
}

const KEYS = '↑↓ move · enter open · / filter · tab focus · v verify · e findings · r raw · y copy · ? help · q quit';

function KeyLine({ state, paint }: { state: BrowseState; paint: ChalkInstance }) {
  if (state.typing)
    return <Text wrap="truncate-end">{`/${escapeLine(state.filter)}${paint.inverse(' ')}  ${paint.dim('enter keeps · esc clears')}`}</Text>;
  if (state.notice) return <Text wrap="truncate-end">{state.notice}</Text>;
  return <Text wrap="truncate-end">{paint.dim(KEYS)}</Text>;
}
