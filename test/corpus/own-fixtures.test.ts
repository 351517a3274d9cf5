import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, ROOT } from '../helpers.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
  );
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe("the repository's own fixtures and demo recordings", () => {
  it('are written here, never copied from the corpus (the corpus is read from where it is)', () => {
    const corpus = new Map(filesUnder(CORPUS).map((path) => [digest(path), relative(CORPUS, path)]));
    const copies = [...filesUnder(join(ROOT, 'test', 'fixtures')), ...filesUnder(join(ROOT, 'recordings'))]
      .filter((path) => corpus.has(digest(path)))
      .map((path) => `${relative(ROOT, path)} = ${corpus.get(digest(path))}`);
    expect(copies).toEqual([]);
  });
});
