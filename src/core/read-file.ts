import { readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { JsonSyntaxError, parsePythonJson, type ParseOptions } from './json/parse-json.js';

/** Files above this are reported, not read: a V8 string cannot hold much more than 512 MiB. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export type ReadResult =
  { ok: true; value: unknown; text: string; bytes: number; warning: string | null } | { ok: false; reason: string; bytes: number };

export interface ReadOptions extends ParseOptions {
  maxBytes?: number;
}

const BOM = '\uFEFF';

/**
 * Reads one file as Python would `json.load` it. Never throws: every way a file can be
 * unusable becomes a one-line reason. A BOM is read past but kept as a warning, because the
 * recorder's `json.load` refuses such a file.
 */
export function readJsonFile(path: string, options: ReadOptions = {}): ReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let text: string;
  try {
    // Node decodes UTF-8 natively here, with no Buffer in between and no separate stat (a
    // syscall per file that showed in profiles): the fast path for the common, valid file.
    // Invalid bytes become U+FFFD; only then is the file re-read as bytes to tell a real
    // U+FFFD from broken UTF-8.
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG' || error instanceof RangeError) {
      return {
        ok: false,
        bytes: safeSize(path),
        reason: `file is ${formatBytes(safeSize(path))}, over the ${formatBytes(maxBytes)} limit`,
      };
    }
    return { ok: false, bytes: 0, reason: describeFsError(error) };
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) return { ok: false, bytes, reason: `file is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} limit` };
  if (text.includes('\uFFFD')) return parseJsonBuffer(readFileSync(path), options);
  return parseJsonText(text, bytes, options);
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function parseJsonBuffer(buffer: Buffer, options: ParseOptions = {}): ReadResult {
  const bytes = buffer.length;
  if (bytes > 0 && !isUtf8(buffer)) {
    return { ok: false, bytes, reason: `not valid UTF-8 (first bad byte at offset ${findInvalidUtf8(buffer)})` };
  }
  return parseJsonText(buffer.toString('utf8'), bytes, options);
}

export function parseJsonText(decoded: string, bytes: number, options: ParseOptions = {}): ReadResult {
  if (bytes === 0) return { ok: false, bytes, reason: 'empty file' };
  let text = decoded;
  let warning: string | null = null;
  if (text.startsWith(BOM)) {
    text = text.slice(1);
    warning = "starts with a UTF-8 byte-order mark, which Python's json.load rejects";
  }
  if (text.trim() === '') return { ok: false, bytes, reason: 'file holds only whitespace' };
  try {
    const value = options.lossless ? parsePythonJson(text, options) : parseFast(text);
    return { ok: true, value, text, bytes, warning };
  } catch (error) {
    return { ok: false, bytes, reason: describeParseError(error) };
  }
}

/** JSON.parse is native and fast; Python's NaN/Infinity (or a syntax error) sends us to our parser. */
function parseFast(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return parsePythonJson(text);
  }
}

function describeParseError(error: unknown): string {
  if (error instanceof JsonSyntaxError) {
    const truncated = error.reason === 'unexpected end of input' || error.reason === 'unterminated string';
    return truncated ? `truncated JSON: ${error.reason} at line ${error.line}, column ${error.column}` : `invalid JSON: ${error.message}`;
  }
  if (error instanceof RangeError) return 'too large or too deeply nested to parse';
  return `invalid JSON: ${String(error)}`;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'symlink loop';
    default:
      return `cannot read: ${(error as Error | undefined)?.message ?? String(error)}`;
  }
}

function findInvalidUtf8(buffer: Buffer): number {
  let i = 0;
  while (i < buffer.length) {
    const lead = buffer[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const extra = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    // isUtf8 on the one sequence also rejects overlong forms and surrogates.
    if (extra === 0 || !isUtf8(buffer.subarray(i, i + extra + 1)) || i + extra >= buffer.length) return i;
    i += extra + 1;
  }
  return buffer.length;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
