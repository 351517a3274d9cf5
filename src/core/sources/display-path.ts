import { basename, relative, sep } from 'node:path';

/** The path relative to cwd, as every command prints it; a prefix cut when the file is below cwd. */
export function displayPath(absPath: string, cwd: string): string {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  const relativePath = absPath.startsWith(prefix) ? absPath.slice(prefix.length) : relative(cwd, absPath);
  return toSlashes(relativePath || basename(absPath));
}

export function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
