/** Small text helpers shared by the human reporters. */

/** Shortens from the middle: the start (file, test) and the end (parameters) are what tell tests apart. */
function truncateMiddle(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width <= 1) return '…';
  const tail = Math.floor((width - 1) / 2);
  const head = width - 1 - tail;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

export function truncateEnd(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/**
 * Fits a test id into a column. The test name tells tests apart best, then its parameters,
 * then the file: so `tests/integration/` goes first, then the folder, then the file, and
 * only then are parameters and name shortened from the middle.
 */
export function shortenTestId(testId: string, width: number | null): string {
  const short = testId.replace(/^tests\/integration\//, '');
  if (width === null || short.length <= width) return short;
  const match = /^(.*?\.py)::([^[]*)(\[.*\])?$/s.exec(short);
  if (!match) return truncateMiddle(short, width);
  const [, file = '', name = '', params = ''] = match;
  const candidates = [`${file.split('/').at(-1)}::${name}${params}`, `${name}${params}`];
  for (const candidate of candidates) if (candidate.length <= width) return candidate;
  const room = width - name.length - 2;
  if (params && room >= 6) return `${name}[${truncateMiddle(params.slice(1, -1), room)}]`;
  return truncateMiddle(`${name}${params}`, width);
}

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1000 * 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1000 / 1000).toFixed(1)} MB`;
}

export function padEnd(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function padStart(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** Counts values, most frequent first, ties by name: `12 chat-stream, 3 embeddings`. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
