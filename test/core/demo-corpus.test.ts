import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, indexPaths } from '../helpers.js';

const ORACLE = join(ROOT, 'test', 'oracle', 'request_hash.py');
const pythonHashes = (scheme: string, files: string[]) =>
  execFileSync('python3', [ORACLE, scheme, ...files], { encoding: 'utf8' })
    .trim()
    .split('\n');

const entries = (await indexPaths([DEMO], ROOT)).entries;

describe('the demo corpus in recordings/', () => {
  it('names each per-area file by its E7 request hash, as Python computes it', async () => {
    const perArea = entries.filter((entry) => entry.layout === 'per-area' && entry.kind !== 'file-processing');
    expect(perArea.length).toBeGreaterThan(15);
    const hashes = pythonHashes(
      'E7',
      perArea.map((entry) => entry.absPath),
    );
    perArea.forEach((entry, i) => expect(entry.nameHash, entry.path).toBe(hashes[i]));
  });

  it('names the 2025-layout file by the first 12 hex of its E2 hash', async () => {
    const legacy = entries.filter((entry) => entry.layout === 'legacy');
    expect(legacy).toHaveLength(1);
    expect(pythonHashes('E2', [legacy[0]!.absPath])[0]!.slice(0, 12)).toBe(legacy[0]!.nameHash);
  });
});
