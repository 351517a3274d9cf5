/**
 * A reader for the YAML PyYAML's emitter writes (vcrpy's and pydantic-ai's cassettes), and
 * the same subset as Ruby's Psych (VCR) and Go's yaml (go-vcr) write it: an opening `---`,
 * block mappings and sequences, plain, quoted and literal scalars, `!!binary` (and Psych's
 * `!binary`), `{}` and `[]`.
 * Anything else (anchors, other tags, flow collections, folded scalars, a scalar whose type
 * YAML 1.1 reads in a way this reader does not) throws `NotPyYamlOutput`, and the caller
 * reads the file with the full `yaml` package instead. It is an order of magnitude faster on
 * cassettes, where a YAML parser written in JavaScript costs more than the rest of `list`.
 * Tests read every real cassette both ways and compare.
 */

/** What `readPyYaml` throws on text PyYAML's emitter would not have written: read it with the full parser. */
export class NotPyYamlOutput extends Error {}

interface Cursor {
  lines: string[];
  at: number;
}

const fail = (why: string): never => {
  throw new NotPyYamlOutput(why);
};

/** A cassette's text as PyYAML reads it (`!!binary` as bytes); throws `NotPyYamlOutput` on anything else. */
export function readPyYaml(text: string): unknown {
  if (text.includes('\t') || text.includes('\r')) fail('tabs or carriage returns');
  // YAML 1.1 breaks lines at NEL, LS and PS too (PyYAML does); a BOM is allowed only first.
  // (includes: a tenth of the time of one character-class scan on 157 MB of cassettes.)
  if (['\u0085', '\u2028', '\u2029', '\ufeff'].some((mark) => text.includes(mark)))
    fail('a line break other than \\n, or a byte order mark');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the final line break ends the last line; it opens none
  // `...` ends the document (PyYAML writes it after a top-level scalar); comments before or after it are no content.
  const end = lines.indexOf('...');
  if (end >= 0) {
    if (lines.slice(end + 1).some((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))) fail('a second document');
    lines.length = end;
    // `...` ending no content is a ParserError to PyYAML.
    if (lines.every((line) => line.trim() === '' || line.trimStart().startsWith('#'))) fail('a document end with no document');
  }
  const cursor: Cursor = { lines, at: 0 };
  skipBlank(cursor);
  if (cursor.at >= cursor.lines.length) return null;
  // Ruby's Psych and Go's yaml open the document with a bare `---`: the same document.
  if (cursor.lines[cursor.at] === '---') {
    cursor.at++;
    skipBlank(cursor);
    if (cursor.at >= cursor.lines.length) return null;
  }
  const first = cursor.lines[cursor.at]!;
  if (first.startsWith('---') || first.startsWith('%')) fail('document markers');
  const value = readNode(cursor, indentOf(first));
  skipBlank(cursor);
  if (cursor.at < cursor.lines.length) fail(`unexpected line ${cursor.at + 1}`);
  return value;
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** Past blank lines and whole-line comments (a hand-edited cassette's header). */
function skipBlank(cursor: Cursor): void {
  while (cursor.at < cursor.lines.length) {
    const line = cursor.lines[cursor.at]!.trimStart();
    if (line !== '' && !line.startsWith('#')) return;
    cursor.at++;
  }
}

/** The node whose first line is at the cursor, indented `indent`: a sequence, a mapping, or a scalar. */
function readNode(cursor: Cursor, indent: number): unknown {
  const line = cursor.lines[cursor.at]!;
  const content = line.slice(indent);
  if (content === '-' || content.startsWith('- ')) return readSequence(cursor, indent);
  if (keyEnd(content) !== null) return readMapping(cursor, indent);
  fail(`a scalar document at line ${cursor.at + 1}`);
}

function readSequence(cursor: Cursor, indent: number): unknown[] {
  const items: unknown[] = [];
  for (;;) {
    const content = nextAtIndent(cursor, indent);
    if (content === null || !(content === '-' || content.startsWith('- '))) return items;
    const rest = content.slice(2);
    if (rest.startsWith(' ') && rest.trim() !== '') fail(`a sequence item indented past its dash at line ${cursor.at + 1}`);
    if (rest.trim() === '') {
      cursor.at++;
      items.push(readIndentedValue(cursor, indent, true));
      continue;
    }
    // `- key: value` opens a mapping whose keys sit two columns in: read it as if written so.
    const inner = indent + 2;
    if (rest.startsWith('- ') || rest === '-' || keyEnd(rest) !== null) {
      cursor.lines[cursor.at] = ' '.repeat(inner) + rest;
      items.push(readNode(cursor, inner));
    } else items.push(readInlineValue(cursor, rest, indent));
  }
}

/**
 * The next line of a block collection indented `indent` (past blank lines), without its
 * indentation; null when the collection ends (the input does, or a line is indented less).
 * `---` or `...` at a line's start (the lone `...` that ends the document is cut off before)
 * is a second document or an error: only the top level's lines start at column 0, since every
 * block, quoted or plain line inside a value is indented past its key.
 */
function nextAtIndent(cursor: Cursor, indent: number): string | null {
  skipBlank(cursor);
  if (cursor.at >= cursor.lines.length) return null;
  const line = cursor.lines[cursor.at]!;
  const own = indentOf(line);
  if (own < indent) return null;
  if (own > indent) fail(`indentation at line ${cursor.at + 1}`);
  const content = line.slice(indent);
  if (indent === 0 && (content.startsWith('---') || content.startsWith('...'))) fail(`a document marker at line ${cursor.at + 1}`);
  return content;
}

function readMapping(cursor: Cursor, indent: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (;;) {
    const content = nextAtIndent(cursor, indent);
    if (content === null || content.startsWith('- ') || content === '-') return map;
    const end = keyEnd(content);
    if (end === null) fail(`not a key at line ${cursor.at + 1}`);
    const key = readKey(content.slice(0, end!));
    if (key === '__proto__' || key === '<<') fail(`the key ${key}`);
    const rest = content.slice(end! + 1).trimStart();
    if (rest === '') {
      cursor.at++;
      map[key] = readIndentedValue(cursor, indent, false);
    } else map[key] = readInlineValue(cursor, rest, indent);
  }
}

/**
 * The value of `key:` (or `-`) with nothing after it: a block node below, a PyYAML-style
 * sequence at the key's own indentation, or null.
 */
function readIndentedValue(cursor: Cursor, indent: number, inSequence: boolean): unknown {
  skipBlank(cursor);
  if (cursor.at >= cursor.lines.length) return null;
  const line = cursor.lines[cursor.at]!;
  const own = indentOf(line);
  const content = line.slice(own);
  if (own > indent) {
    // A scalar may start on the line below its key (`body:` then an indented quoted string).
    if (content.startsWith('- ') || content === '-' || keyEnd(content) !== null) return readNode(cursor, own);
    return readInlineValue(cursor, content, indent);
  }
  if (!inSequence && own === indent && (content.startsWith('- ') || content === '-')) return readSequence(cursor, own);
  return null;
}

/** Where a mapping key ends (the `:` before a space or the line's end), or null when the line is no `key:`. */
function keyEnd(content: string): number | null {
  if (content.startsWith("'") || content.startsWith('"')) {
    const close = closingQuote(content, 0);
    if (close === null) return null;
    return content[close + 1] === ':' && (content.length === close + 2 || content[close + 2] === ' ') ? close + 1 : null;
  }
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(content) && !/^-[^ ]/.test(content)) return null;
  const colon = content.indexOf(': ');
  const end = colon > 0 ? colon : content.endsWith(':') && content.length > 1 ? content.length - 1 : null;
  // ` #` starts a comment: `request #:` is the scalar `request`, no key.
  return end !== null && !content.slice(0, end).includes(' #') ? end : null;
}

function readKey(raw: string): string {
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  if (raw.startsWith('"')) return unescapeDouble(raw.slice(1, -1));
  // A plain scalar never ends in spaces: `key  :` is the key `key`.
  return raw.trimEnd();
}

/** The index of the quote that closes the one at `open`, on this line, or null. */
function closingQuote(text: string, open: number): number | null {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (quote === "'" && text[i] === "'") {
      if (text[i + 1] === "'") i++;
      else return i;
    } else if (quote === '"') {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i;
    }
  }
  return null;
}

/** A value written after `key: ` (or `- `): a scalar, possibly running on over the next lines. */
function readInlineValue(cursor: Cursor, rest: string, indent: number): unknown {
  if (rest === '{}') return next(cursor, {});
  if (rest === '[]') return next(cursor, []);
  // `!binary` is Ruby Psych's tag for the same thing (VCR's bytes that are not all ASCII).
  const binary = rest.startsWith('!!binary') ? 8 : rest.startsWith('!binary ') ? 7 : 0;
  if (binary > 0) {
    const header = rest.slice(binary).trim();
    if (!/^\|-?$/.test(header)) fail('a !!binary that is no block');
    const base64 = readBlock(cursor, indent, header).replace(/\s+/g, '');
    // Buffer.from skips what is not base64 and reads - and _ as URL-safe digits; Python drops
    // them, and rejects bad padding (vcrpy cannot load such a cassette): the full reader decides.
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) fail('a !!binary that is no plain base64');
    return Buffer.from(base64, 'base64');
  }
  if (rest.startsWith('|')) return readBlock(cursor, indent, rest);
  if (rest.startsWith("'") || rest.startsWith('"')) return readQuoted(cursor, rest, indent);
  // What cannot start a plain scalar (YAML's indicators; `-`, `?` and `:` only before a space).
  if (/^(?:[[\]{},&*!>%@`#]|[-?:](?: |$))/.test(rest)) fail(`an unsupported value at line ${cursor.at + 1}`);
  return readPlain(cursor, rest, indent);
}

function next<T>(cursor: Cursor, value: T): T {
  cursor.at++;
  return value;
}

/** A literal block (`|`, `|-`, `|+`, with an optional indentation digit), as YAML keeps it. */
function readBlock(cursor: Cursor, indent: number, header: string): string {
  const match = /^\|([-+]?)([1-9]?)([-+]?)$/.exec(header.trim());
  if (!match || (match[1] && match[3])) fail(`block header ${header}`);
  const chomp = match![1] || match![3];
  const explicit = match![2] ? indent + Number(match![2]) : null;
  cursor.at++;
  const lines: string[] = [];
  let contentIndent = explicit;
  while (cursor.at < cursor.lines.length) {
    const line = cursor.lines[cursor.at]!;
    if (line.trim() === '') {
      lines.push(contentIndent !== null && line.length > contentIndent ? line.slice(contentIndent) : '');
      cursor.at++;
      continue;
    }
    const own = indentOf(line);
    if (contentIndent === null) {
      if (own <= indent) break;
      contentIndent = own;
    }
    if (own < contentIndent) break;
    lines.push(line.slice(contentIndent));
    cursor.at++;
  }
  // Blank lines read past the block belong to what follows: give back the ones after its last line.
  let trailing = 0;
  while (trailing < lines.length && lines[lines.length - 1 - trailing] === '') trailing++;
  const body = lines.slice(0, lines.length - trailing);
  if (chomp === '+') {
    // Keep: every line break, the trailing blank lines included.
    return body.length === 0 ? '\n'.repeat(trailing) : `${body.join('\n')}\n${'\n'.repeat(trailing)}`;
  }
  if (body.length === 0) return '';
  return chomp === '-' ? body.join('\n') : `${body.join('\n')}\n`;
}

/** A quoted scalar, folded over lines as YAML folds flow scalars. */
function readQuoted(cursor: Cursor, rest: string, indent: number): string {
  const quote = rest[0]!;
  const pieces: string[] = [];
  let line = rest.slice(1);
  for (let first = true; ; first = false) {
    const close = closingQuote(quote + line, 0);
    if (close !== null) {
      const inside = line.slice(0, close - 1);
      if ((quote + line).slice(close + 1).trim() !== '') fail(`text after a quoted scalar at line ${cursor.at + 1}`);
      pieces.push(first ? inside : inside.replace(/^ +/, ''));
      cursor.at++;
      break;
    }
    pieces.push(first ? line : line.replace(/^ +/, ''));
    cursor.at++;
    if (cursor.at >= cursor.lines.length) fail('an unclosed quoted scalar');
    const nextLine = cursor.lines[cursor.at]!;
    if (nextLine.trim() !== '' && indentOf(nextLine) <= indent) fail('a quoted scalar continued at its key’s indentation');
    line = nextLine;
  }
  return quote === "'" ? foldSingle(pieces) : foldDouble(pieces);
}

/** Lines of a single-quoted scalar: a break is a space, each blank line a newline; `''` is a quote. */
function foldSingle(pieces: string[]): string {
  return joinFolded(pieces.map((piece, i) => (i < pieces.length - 1 ? piece.replace(/ +$/, '') : piece))).replace(/''/g, "'");
}

function joinFolded(pieces: string[]): string {
  let out = '';
  let pendingBreaks = 0;
  pieces.forEach((piece, i) => {
    if (i === 0) {
      out = piece;
      return;
    }
    if (piece === '' && i < pieces.length - 1) {
      pendingBreaks++;
      return;
    }
    out += pendingBreaks > 0 ? '\n'.repeat(pendingBreaks) : ' ';
    pendingBreaks = 0;
    out += piece;
  });
  return out;
}

/** Lines of a double-quoted scalar: as single-quoted, but a `\` at a line's end joins without a space. */
function foldDouble(pieces: string[]): string {
  let out = '';
  let pendingBreaks = 0;
  let joined = true;
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    let text = piece;
    const escapedBreak = !last && /(^|[^\\])(\\\\)*\\$/.test(text);
    if (escapedBreak) text = text.slice(0, -1);
    else if (!last) text = text.replace(/ +$/, '');
    if (i > 0) {
      // A blank line is a newline, after an escaped line break too; only a break itself folds to a space.
      if (text === '' && !last && !escapedBreak) {
        pendingBreaks++;
        return;
      }
      out += pendingBreaks > 0 ? '\n'.repeat(pendingBreaks) : joined ? '' : ' ';
      pendingBreaks = 0;
    }
    out += text;
    joined = escapedBreak;
  });
  return unescapeDouble(out);
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

function unescapeDouble(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, code: string) => {
    if (code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
    const known = ESCAPES[code];
    if (known === undefined) fail(`escape \\${code}`);
    return known!;
  });
}

/** A plain scalar, folded over the more indented lines after it, then typed as YAML 1.1 types it. */
function readPlain(cursor: Cursor, rest: string, indent: number): unknown {
  const pieces = [rest.trimEnd()];
  cursor.at++;
  while (cursor.at < cursor.lines.length) {
    const line = cursor.lines[cursor.at]!;
    if (line.trim() === '') {
      // A blank line inside a plain scalar is a newline; after it, only more of the scalar may follow.
      let ahead = cursor.at;
      while (ahead < cursor.lines.length && cursor.lines[ahead]!.trim() === '') ahead++;
      if (ahead < cursor.lines.length && indentOf(cursor.lines[ahead]!) > indent) {
        for (; cursor.at < ahead; cursor.at++) pieces.push('');
        continue;
      }
      break;
    }
    if (indentOf(line) <= indent) break;
    const text = line.trim();
    if (keyEnd(text) !== null) fail(`a plain scalar that looks like a key at line ${cursor.at + 1}`);
    pieces.push(text);
    cursor.at++;
  }
  const value = joinFolded(pieces);
  // `: ` or a `:` ending a line is a mapping PyYAML refuses here; ` #` starts a comment.
  if (value.includes(' #') || value.includes(': ') || pieces.some((piece) => piece.endsWith(':')))
    fail('a plain scalar with a comment or a colon');
  return pieces.length > 1 ? value : typePlain(value);
}

/** YAML 1.1 types of a one-line plain scalar, as far as this reader is sure of them. */
function typePlain(value: string): unknown {
  if (value === '' || value === '~' || value === 'null' || value === 'Null' || value === 'NULL') return null;
  if (/^(true|True|TRUE|yes|Yes|YES|on|On|ON)$/.test(value)) return true;
  if (/^(false|False|FALSE|no|No|NO|off|Off|OFF)$/.test(value)) return false;
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(value)) {
    const number = Number(value);
    if (!Number.isSafeInteger(number)) fail('a large integer');
    return number;
  }
  // As PyYAML: a sign only before a digit (`-.5` is a string to it).
  if (/^([-+]?[0-9]+\.[0-9]*|\.[0-9]+)$/.test(value)) return Number(value);
  // Numbers written otherwise (0x, 0o, 1_000, 1:30, 1e5, .inf), timestamps, y/n and merge keys: the full reader decides.
  if (OTHER_TYPED.some((pattern) => pattern.test(value))) fail(`the scalar ${value.slice(0, 20)}`);
  return value;
}

const OTHER_TYPED = [
  /^[-+]?(0b[0-1_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|[0-9][0-9_]*)$/,
  // A float has a digit: a lone `.` is a string to PyYAML (a gRPC sample cassette holds one).
  /^([-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?|\.[0-9][0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.(inf|Inf|INF))$/,
  /^\.(nan|NaN|NAN)$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
  /^([yYnN]|<<|=)$/,
];
