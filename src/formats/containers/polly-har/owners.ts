import { dirname, join, relative, sep } from 'node:path';
import type { OwnerJudgement, OwnerRefusal, OwnerVerdict, TestSources } from '../container.js';

const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
// Mirascope's helper: `createIt(resolve(__dirname, "cassettes"), "<namespace>")`.
const CREATE_IT = /createIt\([^;]*?["'`]cassettes["'`]\s*\)?\s*,\s*(["'`])([^"'`]+)\1\s*,?\s*\)/;
// `it.record("title"`, `it.record.skip(`, `it.record.each(LIST)(` with the title on the same or the next line.
const RECORD = /\bit\.record(?:\.(?:skip|only))?\b/g;
const TITLE = /^\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/;
const PROVIDER_ID = /providerId:\s*(["'])([^"']+)\1/g;
// Polly cuts a recording's name to fit 100 characters with its hash (`guid-for-recording.js`).
const CUT_AT = 80;

/** One recording a test makes: its folder below `cassettes/`, and its slug as a pattern (a template title's `${}` is any run). */
interface Expected {
  folder: string;
  slug: RegExp;
  /** The slug itself when the title is no template. */
  literal: string | null;
}

/**
 * Polly recordings named by Mirascope's `it.record` (`typescript/tests/e2e/utils.ts`): a test
 * file's `createIt(..., "<namespace>")` and each `it.record(title)` write
 * `cassettes/<namespace>/<slug>.har`; `it.record.each(LIST)(title)` writes one per provider,
 * `cassettes/<namespace>/<providerId, ':' as '_'>/<slug>.har`. The slug is the title
 * lower-cased, each run of other characters `-`. A provider list is read where it is a literal
 * list of `providerId`s (providers.ts); else any provider folder is taken as the test's.
 */
export function judgePollyOwners(cassettes: readonly string[], sources: TestSources): OwnerJudgement {
  const byFolder = new Map<string, string[]>();
  for (const path of cassettes) {
    const parts = path.split(sep);
    const at = parts.slice(0, -1).findLastIndex((part) => part === 'cassettes' || part === 'recordings');
    if (at < 1) continue;
    const folder = parts.slice(0, at + 1).join(sep);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path]);
  }
  const verdicts: OwnerVerdict[] = [];
  const refusals: OwnerRefusal[] = [];
  for (const [folder, paths] of byFolder) {
    const expected = new Map<string, Expected[]>();
    const files = sources.list(dirname(folder), TEST_FILE, true);
    for (const file of files) {
      const source = sources.read(file) ?? '';
      const namespace = CREATE_IT.exec(source)?.[2];
      if (namespace === undefined) continue;
      const list = expected.get(namespace) ?? [];
      expected.set(namespace, list);
      for (const call of findRecordCalls(source)) {
        const slug = slugPattern(call.title, call.template);
        const literal = call.template ? null : slugOf(call.title);
        if (call.each === null) list.push({ folder: '', slug, literal });
        else {
          const providers = /^\w+$/.test(call.each) ? readProviders(call.each, source, file, sources) : null;
          if (providers === null) list.push({ folder: '*', slug, literal });
          else for (const id of providers) list.push({ folder: id.replaceAll(':', '_'), slug, literal });
        }
      }
    }
    if (expected.size === 0) {
      refusals.push({
        code: files.length === 0 ? 'no-test-files' : 'unknown-layout',
        folder,
        cassettes: paths.length,
        reason: files.length === 0 ? 'no test files beside it' : 'no test file records into it with createIt(..., "<namespace>")',
      });
      continue;
    }
    for (const path of paths) {
      const name = relative(folder, path)
        .split(sep)
        .join('/')
        .replace(/\.har$/, '');
      const parts = name.split('/');
      const tests = expected.get(parts[0]!);
      const verdict =
        tests === undefined
          ? 'test-file-missing'
          : tests.some((test) => recordsInto(test, parts.slice(1)))
            ? 'owned'
            : 'test-function-missing';
      verdicts.push({ absPath: path, testId: name, verdict });
    }
  }
  return { rule: "Mirascope's it.record: cassettes/<namespace>/[<provider>/]<title slug>.har", verdicts, refusals };
}

/** Each `it.record` call of a test file: its title, and the list of `.each(...)` as written (null without). */
function findRecordCalls(source: string): Array<{ title: string; template: boolean; each: string | null }> {
  const calls: Array<{ title: string; template: boolean; each: string | null }> = [];
  for (const match of source.matchAll(RECORD)) {
    let at = match.index + match[0].length;
    let each: string | null = null;
    if (source.startsWith('.each(', at)) {
      const end = closingParen(source, at + 5);
      if (end < 0) continue;
      each = source.slice(at + 6, end).trim();
      at = end + 1;
    }
    const title = TITLE.exec(source.slice(at, at + 4096));
    if (!title) continue;
    const template = title[1] === '`' && title[2]!.includes('${');
    calls.push({ title: title[2]!.replace(/\\(.)/g, '$1'), template, each });
  }
  return calls;
}

/** The index of the parenthesis closing the one at `open`, or -1. Strings are not looked into: list expressions hold none that matter. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length && i < open + 4096; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function recordsInto(test: Expected, rest: readonly string[]): boolean {
  if (rest.length === 0 || rest.length > 2) return false;
  const folder = rest.length === 2 ? rest[0]! : '';
  const slug = rest.at(-1)!;
  if (test.folder === '*' ? folder === '' : folder !== test.folder) return false;
  if (test.slug.test(slug)) return true;
  // A slug Polly cut to fit its 100 characters: the start of the expected one.
  return slug.length >= CUT_AT && test.literal !== null && test.literal.startsWith(slug);
}

/** The slug of a title as a pattern: `${...}` in a template title is any run of slug characters. */
function slugPattern(title: string, template: boolean): RegExp {
  const source = slugOf(template ? title.replace(/\$\{[^}]*\}/g, '\0') : title)
    .split('\0')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[a-z0-9-]*');
  return new RegExp(`^${source}$`);
}

/** Mirascope's toRecordingName: lower-cased, each run of characters other than `[a-z0-9]` (the template mark kept) as `-`, trimmed. */
function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9\0]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The providerIds of a list a test runs over: a literal list in its own file or a providers.ts above it; null when not literal. */
function readProviders(name: string, source: string, file: string, sources: TestSources): string[] | null {
  const own = literalList(name, source);
  if (own !== undefined) return own;
  for (let folder = dirname(file), depth = 0; depth < 4 && dirname(folder) !== folder; folder = dirname(folder), depth++) {
    const text = sources.read(join(folder, 'providers.ts'));
    const found = text === null ? undefined : literalList(name, text);
    if (found !== undefined) return found;
  }
  return null;
}

/** `const NAME ... = [ { providerId: "..." }, ... ];` with only literal entries: their ids; null for a list built otherwise. */
function literalList(name: string, source: string): string[] | null | undefined {
  const start = new RegExp(`\\bconst ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b[^=]*=\\s*`).exec(source);
  if (!start) return undefined;
  const rest = source.slice(start.index + start[0].length);
  if (!rest.startsWith('[')) return null; // `.filter(...)`, a spread, a call
  const end = rest.indexOf('];');
  if (end < 0) return null;
  const ids = [...rest.slice(0, end).matchAll(PROVIDER_ID)].map((match) => match[2]!);
  return ids.length > 0 ? ids : null;
}
