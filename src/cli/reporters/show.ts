import type { LegacyIndexStatus } from '../../core/legacy/legacy-index.js';
import type { Envelope } from '../../core/load/envelope.js';
import type { RequestSummary } from '../../core/load/summarize-request.js';
import type { Entry } from '../../core/types.js';
import type { Finding } from '../../core/verify/run-verify.js';
import type { Answer, Choice, ToolCall } from '../../core/types.js';
import { clean, cleanBlock, cutText, formatSize, showJson, truncateEnd } from '../format-text.js';
import type { Terminal } from '../terminal.js';
import { describeEntryJson } from './entry-json.js';
import { stringifyJson } from '../../core/json/depth.js';
import type { Reporters } from './registry.js';

/** What `show` renders of one recording. */
export interface Shown {
  entry: Entry;
  envelope: Envelope;
  request: RequestSummary;
  answer: Answer;
  legacyIndex: LegacyIndexStatus | null;
  /** verify's findings on this file (its per-file rules). */
  findings: Finding[];
  /** How the ref found it, when that is worth saying (a file stored under an old name). */
  note: string | null;
}

/**
 * The documented `show --json` shape: one object, or an array of them (in recording order)
 * when the ref is a test that made several calls.
 */
function renderShowJson(shown: readonly Shown[]): string {
  const objects = shown.map(toJson);
  return `${stringifyJson(objects.length === 1 ? objects[0] : objects, 2)}\n`;
}

function toJson(loaded: Shown) {
  const { entry, answer } = loaded;
  return {
    ...describeEntryJson(entry),
    note: loaded.note,
    findings: loaded.findings.map(({ code, rule, severity, message, data }) => ({ code, rule, severity, message, data })),
    text: answer.text,
    reasoning: answer.reasoning,
    toolCalls: answer.toolCalls,
    finishReason: answer.finishReason,
    usage: answer.usage,
    error: answer.error,
    otherChoices: answer.otherChoices,
    facts: answer.facts,
  };
}

const SHORT_MESSAGE = 300;
const SHORT_PARAM = 80;

/** One recording, or each call of a test headed by one line: endpoint, model, first user message. */
export function renderShowHuman(shown: readonly Shown[], options: { full: boolean }, terminal: Terminal): string {
  if (shown.length === 1) return renderOne(shown[0]!, options, terminal);
  const c = terminal.out;
  return shown
    .map((loaded, i) => {
      const first = loaded.request.messages.find((message) => message.role === 'user') ?? loaded.request.messages[0];
      const head = [
        // A cassette's calls by the ids list and show take (`#0`), an ogx test's by their order.
        loaded.entry.format === 'vcr' ? `#${loaded.entry.interaction}` : `${i + 1}/${shown.length}`,
        loaded.entry.endpoint ?? '-',
        loaded.entry.model ?? '-',
        first ? `"${truncateEnd(first.content, 60)}"` : null,
      ];
      return `${c.bold(clean(head.filter(Boolean).join('  ')))}\n${renderOne(loaded, options, terminal)}`;
    })
    .join('\n');
}

function renderOne(loaded: Shown, options: { full: boolean }, terminal: Terminal): string {
  const c = terminal.out;
  const { entry, envelope, request, answer } = loaded;
  const lines: string[] = [];
  // What is wrong with the file comes first: a stale name is why a replay fails.
  if (loaded.note) lines.push(c.yellow(clean(loaded.note)));
  for (const finding of loaded.findings) {
    const severity = finding.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    lines.push(`${severity}  ${c.dim(finding.rule)}  ${clean(finding.message)}`);
  }
  if (lines.length > 0) lines.push('');
  const field = (label: string, value: string | null): void => {
    if (value !== null && value !== '') lines.push(`${c.dim(label.padEnd(9))}${value}`);
  };
  const shorten = (text: string, limit: number): string => {
    const { text: shown, hidden } = cutText(text, options.full ? Number.POSITIVE_INFINITY : limit);
    return hidden === 0 ? shown : `${shown}${c.dim(`… (${hidden} more characters, --full shows all)`)}`;
  };

  field('file', clean(entry.path));
  field(
    'test',
    (entry.testId === null ? null : clean(entry.testId)) ??
      c.dim(
        entry.format === 'vcr'
          ? "(unknown: not named as pytest-recording names a test's cassette; the config's cassetteNames maps other layouts)"
          : envelope.hasTestIdField
            ? '(none: shared by all tests)'
            : '(not recorded: files before 2025-10 carry no test id)',
      ),
  );
  field('endpoint', clean([envelope.method, entry.endpoint].filter(Boolean).join(' ')));
  field('model', entry.model === null ? null : clean(entry.model));
  field('url', envelope.url === null ? null : clean(envelope.url));
  const stream = entry.streaming ? `streamed, ${entry.chunks ?? 0} chunks` : 'not streamed';
  field('kind', `${entry.kind} (${stream}, ${formatSize(entry.bytes)})`);
  const legacy = loaded.legacyIndex;
  if (legacy) {
    field('layout', '2025: recordings/responses/<12 hex>.json, found through index.sqlite');
    if (legacy.status === 'listed')
      field('index', `listed in index.sqlite${legacy.row.timestamp ? `, recorded ${clean(legacy.row.timestamp)}` : ''}`);
    else if (legacy.status === 'absent') field('index', c.red('not in index.sqlite: the recorder never finds this file'));
    else if (legacy.status === 'unreadable') field('index', c.red(`index.sqlite cannot be read: ${clean(legacy.reason)}`));
    else field('index', 'no index.sqlite beside responses/ (E2 layout: found by name)');
  }
  if (entry.error) lines.push(c.yellow(`warning  ${clean(entry.error)}`));

  lines.push('', c.bold('request'));
  for (const message of request.messages) {
    const text = shorten(message.content, SHORT_MESSAGE).replace(/\n/g, '\n    ');
    lines.push(`  ${c.magenta(`[${clean(message.role)}]`)} ${text}`);
  }
  if (request.tools.length > 0) lines.push(`  ${c.dim('tools')} ${clean(request.tools.join(', '))}`);
  const params = Object.entries(request.params).map(
    ([key, value]) => `${clean(key)}=${truncateEnd(compact(value), options.full ? Number.POSITIVE_INFINITY : SHORT_PARAM)}`,
  );
  if (params.length > 0) lines.push(`  ${c.dim('params')} ${params.join(', ')}`);

  lines.push('', c.bold('answer'));
  lines.push(...renderAnswer(answer, terminal));
  answer.otherChoices.forEach((choice) => {
    lines.push('', c.bold(`choice ${choice.index}`), ...renderChoice(choice, terminal));
  });
  return `${lines.join('\n')}\n`;
}

function renderAnswer(answer: Answer, terminal: Terminal): string[] {
  const c = terminal.out;
  const lines = renderChoice(answer, terminal);
  for (const [key, value] of Object.entries(answer.facts)) {
    const shown = Array.isArray(value) ? `${value.length}: ${truncateEnd(value.join(', '), 200)}` : clean(String(value));
    lines.push(`  ${c.dim(clean(key))} ${shown}`);
  }
  if (answer.usage) {
    const { prompt, completion, total } = answer.usage;
    const parts = [
      prompt !== null && `prompt ${prompt}`,
      completion !== null && `completion ${completion}`,
      total !== null && `total ${total}`,
    ].filter(Boolean);
    lines.push(`  ${c.dim('usage')} ${parts.join(', ')}`);
  }
  if (answer.error) {
    const { type, status, message } = answer.error;
    lines.push(`  ${c.red('error')} ${clean([type, status === null ? null : `(${status})`].filter(Boolean).join(' '))}`);
    if (message) lines.push(`    ${cleanBlock(message)}`);
  }
  if (lines.length === 0) lines.push(c.dim('  (no answer recorded)'));
  return lines;
}

function renderChoice(choice: Choice, terminal: Terminal): string[] {
  const c = terminal.out;
  const lines: string[] = [];
  if (choice.reasoning) lines.push(c.dim(indent(`reasoning: ${cleanBlock(choice.reasoning)}`)));
  if (choice.text !== null && choice.text !== '') lines.push(indent(cleanBlock(choice.text)));
  for (const call of choice.toolCalls) lines.push(...renderToolCall(call, terminal));
  if (choice.finishReason) lines.push(`  ${c.dim('finish')} ${clean(choice.finishReason)}`);
  return lines;
}

function renderToolCall(call: ToolCall, terminal: Terminal): string[] {
  const c = terminal.out;
  const args = typeof call.arguments === 'string' ? call.arguments : showJson(call.arguments, 2);
  return [
    `  ${c.yellow('tool call')} ${clean(call.name ?? '?')}${call.id ? c.dim(` (${clean(call.id)})`) : ''}`,
    indent(cleanBlock(args), 4),
  ];
}

function indent(text: string, spaces = 2): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

function compact(value: unknown): string {
  return typeof value === 'string' ? value : showJson(value);
}

export const SHOW_REPORTERS: Reporters<{ shown: readonly Shown[]; full: boolean }> = {
  human: ({ shown, full }, terminal) => renderShowHuman(shown, { full }, terminal),
  json: ({ shown }) => renderShowJson(shown),
};
