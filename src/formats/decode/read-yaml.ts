import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { CREDENTIAL_NAME } from '../../core/secrets.js';
import { readPyYaml } from './fast-yaml.js';

// The full YAML parser is loaded only for a cassette the fast reader leaves to it: every other
// run (ogx recordings, PyYAML's own output) starts without its 200 KB.
const requireFromHere = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
/** Loaded on first use; a broken install (no `yaml` package) throws here, never taken for a bad cassette. */
const loadYaml = (): typeof Yaml => (yaml ??= requireFromHere('yaml') as typeof Yaml);

// The most YAML the full parser is given (the fast reader takes PyYAML's own output of any size).
const MAX_FULL_PARSE = 32 * 1024 * 1024;

// A cassette is YAML from PyYAML: no document needs more aliases than this, and a billion laughs does.
const MAX_ALIASES = 100;

/**
 * Ruby's Psych writes bytes that are not all ASCII as `!binary` (a local tag, not YAML's
 * `!!binary`): base64 of the raw bytes, as Ruby VCR loads them.
 */
const rubyBinary = {
  tag: '!binary',
  resolve: (value: string) => Buffer.from(value.replace(/\s+/g, ''), 'base64'),
} satisfies Yaml.ScalarTag;

export type YamlRead = { ok: true; value: unknown } | { ok: false; reason: string; line: number | null };

/**
 * PyYAML's own output by the fast reader; else the full parser; else, when PyYAML's quoted
 * continuation is what the full parser refused, the text re-indented. A failure is the full
 * parser's first error on the text as written.
 */
export function readYaml(text: string): YamlRead {
  try {
    return { ok: true, value: readPyYaml(text) };
  } catch {
    // NotPyYamlOutput, or nesting deep enough to exhaust the stack: the full parser decides.
  }
  // The full parser holds ~35 times its text: a large flow-style document (or a small .yaml.gz
  // that inflates to one) would take the run down. Past this, it is reported, never parsed.
  if (text.length > MAX_FULL_PARSE)
    return {
      ok: false,
      reason: `${Math.round(text.length / 1024 / 1024)} MB of YAML that is not PyYAML's own layout: too large to parse safely (limit ${MAX_FULL_PARSE / 1024 / 1024} MB)`,
      line: null,
    };
  const strict = parseYaml(text);
  if (strict.ok) return strict;
  const reindented = reindentQuotedContinuations(text);
  if (reindented === text) return strict;
  const lenient = parseYaml(reindented);
  return lenient.ok ? lenient : strict;
}

function parseYaml(text: string): YamlRead {
  const { parseDocument } = loadYaml();
  try {
    const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false, customTags: [rubyBinary] });
    // The file's code tags from this parse, for findCodeTags: a second parse of it cost verify ~10%.
    lastParse = { text, tags: CODE_TAG.test(text) ? codeTagsOf(doc) : [] };
    const error = doc.errors[0];
    if (error)
      return {
        ok: false,
        reason: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
        line: error.linePos?.[0]?.line ?? null,
      };
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown };
  } catch (error) {
    // Nesting deep enough to exhaust the stack, or too many aliases (a billion laughs); anything else is a bug.
    if (error instanceof RangeError) return { ok: false, reason: 'too deeply nested to read', line: null };
    if (error instanceof ReferenceError && /alias/i.test(error.message)) return { ok: false, reason: 'too many aliases', line: null };
    throw error;
  }
}

/**
 * PyYAML reads a quoted scalar whose continuation lines sit at the key's own indentation;
 * the YAML spec (and the `yaml` package) wants them indented further. Leading spaces of a
 * continuation line are folded away, so indenting them changes nothing but the verdict.
 * Used only when the strict reading fails.
 */
export function reindentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = /^( *)(- )?(?:[^\s'"#][^:]*|'[^']*'|"[^"]*"): (['"])(.*)$/.exec(lines[i]!);
    if (!start || closesQuote(start[4]!, start[3]!)) continue;
    const indent = start[1]!.length + (start[2] ? 2 : 0);
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      const leading = line.length - line.trimStart().length;
      if (line.trim() !== '' && leading <= indent) lines[j] = ' '.repeat(indent + 2) + line.trimStart();
      i = j;
      if (closesQuote(line, start[3]!)) break;
    }
  }
  return lines.join('\n');
}

function closesQuote(rest: string, quote: string): boolean {
  const unescaped = quote === "'" ? rest.replace(/''/g, '') : rest.replace(/\\./g, '');
  return unescaped.includes(quote);
}

// PyYAML's tags that build Python objects by calling code (vcrpy loads cassettes with the unsafe
// loader, so they run at replay), and the like of other YAML loaders; data tags (`!!binary`,
// `!!python/unicode`, `!!python/tuple`) are not among them.
const CODE_TAG =
  /!!?(?:python\/(?:object(?:\/apply|\/new)?|name|module)|ruby\/(?:object|struct|hash:)|js\/(?:function|regexp|undefined)|perl\/code|java\/)/;
const CODE_TAG_NAME =
  /(?:^|[:!/])(?:python\/(?:object(?:\/apply|\/new)?|name|module)|ruby\/(?:object|struct|hash:)|js\/(?:function|regexp|undefined)|perl\/code|java\/)/;

/**
 * The tags on the nodes of a cassette that run code when it is loaded, each once. Only tags
 * of the document count: the same text inside a body (a fetched mkdocs.yml) is data.
 */
export function findCodeTags(text: string): string[] {
  if (!CODE_TAG.test(text)) return [];
  if (lastParse?.text === text) return lastParse.tags;
  // The fast reader takes no tag but !!binary: a file it reads has the text only inside its scalars.
  try {
    readPyYaml(text);
    return [];
  } catch {
    // other tags, or a layout of its own: the full parser's nodes tell
  }
  return codeTagsOf(loadYaml().parseDocument(text, { version: '1.1', uniqueKeys: false }));
}

let lastParse: { text: string; tags: string[] } | null = null;

/** The code tags on a parsed document's nodes. Parsed, not resolved: aliases are not expanded. */
function codeTagsOf(document: Yaml.Document): string[] {
  const tags = new Set<string>();
  loadYaml().visit(document, (_key, node) => {
    const tag = (node as { tag?: unknown } | null)?.tag;
    if (typeof tag === 'string' && CODE_TAG_NAME.test(tag)) tags.add(tag.replace(/^tag:yaml\.org,2002:/, '!!'));
  });
  return [...tags];
}

/sk-[A-Za-z0-9_-]{20}|AIza|AKIA|ASIA|gh[pousr]_|github_pat_|hf_[A-Za-z0-9]{30}|eyJ[A-Za-z0-9_-]{8,}\.|api[-_]?key|apikey|authorization|security[-_]token|session[-_]token|access[-_]token|auth[-_]token|subscription[-_]key|[?&](?:key|token|sig)=/i;

/**
 * The text of a cassette that no interaction holds: whole-line comments, and the keys beside
 * `interactions` with what is under them. A secret there is never replayed, but it is in the
 * repository all the same.
 */
export function findTextOutsideInteractions(text: string, envelopeKeys: readonly string[]): string {
  const kept: string[] = [];
  const previous = new Map<string, { at: number; end: number }>();
  // One pass over the lines that matter: comments, top-level keys, credential headers.
  for (const line of text.matchAll(LOOSE_LINE)) {
    const at = line.index!;
    if (line[1] !== undefined) kept.push(line[0]);
    else if (line[2] !== undefined) {
      // A key beside interactions and version, with what is under it.
      if (envelopeKeys.includes(line[2].trim())) continue;
      const end = text.slice(at + line[0].length).search(/\n(?=[^\s#-])/);
      kept.push(text.slice(at, end < 0 ? undefined : at + line[0].length + end));
    } else {
      // A credential header written twice in one mapping keeps only its last value when loaded
      // (PyYAML): the first value is text no interaction holds.
      const indent = line[3]!.length;
      const key = `${indent}\0${line[4]!.toLowerCase()}`;
      const earlier = previous.get(key);
      // The same mapping: nothing between the two lines is indented less.
      if (earlier && !new RegExp(`\\n {0,${Math.max(0, indent - 1)}}\\S`).test(text.slice(earlier.end, at)))
        kept.push(text.slice(earlier.at, at));
      previous.set(key, { at, end: at + line[0].length });
    }
  }
  return kept.join('\n');
}

const LOOSE_LINE = new RegExp(`^(?:([ \\t]*#.*)|([^\\s#'"-][^:\\n]*):|([ ]*(?:- )?)(${CREDENTIAL_NAME}):)`, 'gmi');
