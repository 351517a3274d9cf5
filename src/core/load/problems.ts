/**
 * Every way a file can fail to be a recording, in one place: the loader, the sources and
 * every command say the same words for the same problem. The code is stable (it is part of
 * `verify --json`); the words may improve.
 */
const WORDS = {
  'parse/unreadable': (data: { reason: string }) => data.reason,
  'parse/too-large': (data: { bytes: number; limit: number }) =>
    `file is ${formatBytes(data.bytes)}, over the ${formatBytes(data.limit)} limit`,
  'parse/not-utf8': (data: { offset: number }) => `not valid UTF-8 (first bad byte at offset ${data.offset})`,
  'parse/empty': () => 'empty file',
  'parse/whitespace': () => 'file holds only whitespace',
  'parse/truncated': (data: { reason: string; line: number; column: number }) =>
    `truncated JSON: ${data.reason} at line ${data.line}, column ${data.column}`,
  'parse/invalid-json': (data: { detail: string }) => `invalid JSON: ${data.detail}`,
  'parse/too-deep': () => 'too deeply nested to read',
  'parse/bom': () => "starts with a UTF-8 byte-order mark, which Python's json.load rejects",
  'parse/not-an-object': (data: { type: string }) => `top level is ${data.type}, not an object`,
  'parse/skipped': (data: { reason: string }) => data.reason,
  'parse/invalid-yaml': (data: { detail: string; line: number | null }) =>
    `invalid YAML: ${data.detail}${data.line === null ? '' : ` (line ${data.line})`}`,
  'parse/not-gzip': (data: { reason: string }) => `not gzip: ${data.reason}`,
  'parse/no-answer': (data: { reason: string }) => data.reason,
  'parse/cassette-bug': (data: { detail: string }) => `cassette could not read this file (${data.detail}); please report it`,
  'schema/envelope': (data: { field: string; type: string | null }) =>
    data.type === null ? `no "${data.field}" in the file` : `"${data.field}" is ${data.type}, not an object`,
} as const;

export type ProblemCode = keyof typeof WORDS;
export const PROBLEM_CODES = Object.keys(WORDS) as ProblemCode[];
type ProblemData<C extends ProblemCode> = Parameters<(typeof WORDS)[C]>[0];

export interface Problem {
  code: ProblemCode;
  message: string;
  data: Record<string, unknown>;
}

export function makeProblem<C extends ProblemCode>(code: C, ...[data]: ProblemData<C> extends undefined ? [] : [ProblemData<C>]): Problem {
  const say = WORDS[code] as (data: unknown) => string;
  return { code, message: say(data), data: { ...(data as object | undefined) } };
}

/** Problems that leave the file usable (the recorder itself may still refuse it). */
export function isWarningOnly(problem: Problem | null): boolean {
  return problem?.code === 'parse/bom';
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** An error from the file system, in a few words. */
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
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return `cannot read: ${(error as Error | undefined)?.message ?? String(error)}`;
  }
}
