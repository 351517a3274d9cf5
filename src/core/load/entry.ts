import { basename, dirname, sep } from 'node:path';
import { MODEL_LIST_NAME } from '../../formats/answers/model-list.js';
import type { SourceFile } from '../sources/source.js';
import type { Entry, Layout } from '../types.js';

const HASH_NAME = /^([0-9a-f]{64}|[0-9a-f]{12})\.json$/;

/** An entry with what the file's name and place tell; the loader fills in the rest. */
export function makeEntry(file: SourceFile, bytes: number, interaction: number): Entry {
  const name = readFileName(basename(file.absPath));
  return {
    id: name.id,
    path: file.display,
    absPath: file.absPath,
    interaction,
    nameHash: name.hash,
    layout: detectLayout(file.absPath),
    bytes,
    testId: null,
    endpoint: null,
    model: null,
    kind: 'unknown',
    streaming: null,
    chunks: null,
    responseId: null,
    error: null,
    format: 'ogx',
    container: 'ogx',
    note: null,
  };
}

/** 12 hex of the hash, `models-<hash12>-<digest>`, or the file stem when the name is no hash. */
function readFileName(fileName: string): { id: string; hash: string | null } {
  const hash = HASH_NAME.exec(fileName);
  if (hash) return { id: hash[1]!.slice(0, 12), hash: hash[1]! };
  const models = MODEL_LIST_NAME.exec(fileName);
  if (models) return { id: `models-${models[1]!.slice(0, 12)}-${models[2]!}`, hash: models[1]! };
  return { id: fileName.replace(/\.json$/, ''), hash: null };
}

function detectLayout(absPath: string): Layout {
  const folder = dirname(absPath);
  const parent = basename(folder);
  if (parent === 'recordings') return 'per-area';
  if (parent === 'responses' && `${folder}${sep}`.includes(`${sep}recordings${sep}`)) return 'legacy';
  return 'other';
}
