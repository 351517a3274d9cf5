import { sep } from 'node:path';

/**
 * A cassette's name below the nearest folder on its path that `isFolder` accepts, `/`-separated,
 * without the extension `suffix` matches: `TestClient/Warmup` for `pkg/testdata/TestClient/Warmup.yaml`.
 * Null when no folder on the path is one, or the file sits right in the folder and `nested` asks for more.
 */
export function nameBelowFolder(
  absPath: string,
  isFolder: (name: string) => boolean,
  suffix: RegExp,
): { name: string; folder: string } | null {
  const parts = absPath.split(sep);
  const at = parts.slice(0, -1).findLastIndex(isFolder);
  if (at < 0) return null;
  return {
    name: parts
      .slice(at + 1)
      .join('/')
      .replace(suffix, ''),
    folder: parts.slice(0, at + 1).join(sep) || sep,
  };
}
