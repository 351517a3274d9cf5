import { urlPath } from '../load/envelope.js';
import type { PathChange } from './types.js';

/**
 * Which request changes the recorder sees (FORMAT.md section 3): for an inference call the
 * method, the path of the URL, the body and the test id; for a tool call the provider, the
 * tool and its arguments; for a raw http call the whole URL, the method and the payload.
 * Anything else (headers, the URL's host and port, `endpoint`, `model`, provider metadata)
 * changes nothing the recorder looks up: it is noise in a re-record.
 */
export function splitRequestChanges(changes: readonly PathChange[], shape: string): { hashed: PathChange[]; noise: PathChange[] } {
  const hashed: PathChange[] = [];
  const noise: PathChange[] = [];
  for (const change of changes) (isHashed(change, shape) ? hashed : noise).push(change);
  return { hashed, noise };
}

function isHashed(change: PathChange, shape: string): boolean {
  const { path } = change;
  if (path === 'test_id') return shape !== 'tool';
  const field = /^request\.([^.[]+)/.exec(path)?.[1];
  if (shape === 'tool') return field === 'provider' || field === 'tool_name' || field === 'kwargs';
  if (shape === 'http') return field === 'url' || field === 'method' || field === 'payload';
  // vcrpy matches on method, URI (query included) and, as most projects configure it, body: headers are noise.
  if (shape === 'cassette') return field === 'url' || field === 'method' || field === 'body';
  if (field === 'url')
    return typeof change.old !== 'string' || typeof change.new !== 'string' || urlPath(change.old) !== urlPath(change.new);
  return field === 'method' || field === 'body';
}
