import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const roots = new Map<string, string | null>();

/** The nearest folder at or above `folder` holding one of `markers` (`go.mod`, `Gemfile`), or null. Cached per folder and markers. */
export function findMarkedRoot(folder: string, markers: readonly string[]): string | null {
  const key = `${markers.join('\0')}\0\0${folder}`;
  if (roots.has(key)) return roots.get(key)!;
  let root: string | null = null;
  for (let current = folder; ; current = dirname(current)) {
    if (markers.some((marker) => existsSync(join(current, marker)))) {
      root = current;
      break;
    }
    if (dirname(current) === current) break;
  }
  roots.set(key, root);
  return root;
}
