import { readSmallFile } from '../read-small-file.js';

export type CollectionResult = { ok: true; ids: Set<string> } | { ok: false; reason: string };

/**
 * The test ids of a real collection, from `pytest --collect-only -q` output (summary,
 * warning and blank lines ignored), a plain list of node ids, or a pytest-json-report file
 * (`collectors[].result[].nodeid`).
 */
export function parseCollection(text: string): Set<string> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return idsFromJsonReport(JSON.parse(trimmed));
    } catch {
      // not JSON after all: read it as lines
    }
  }
  const ids = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    // A node id: starts at column 0 with a path to a .py file, then ::. Warnings are indented
    // or carry `file.py:12:`; summaries ("3 tests collected") have no ::.
    if (raw.startsWith(' ') || raw.startsWith('\t')) continue;
    if (/^[^\s:]+\.py::\S/.test(line) && !/\.py:\d+:/.test(line)) ids.add(line);
  }
  return ids;
}

function idsFromJsonReport(report: unknown): Set<string> {
  const ids = new Set<string>();
  const collectors = (report as { collectors?: unknown })?.collectors;
  if (!Array.isArray(collectors)) throw new Error('no collectors');
  for (const collector of collectors) {
    for (const item of (collector as { result?: unknown })?.result instanceof Array ? (collector as { result: unknown[] }).result : []) {
      const nodeid = (item as { nodeid?: unknown; type?: unknown })?.nodeid;
      // Collectors list modules and classes too; tests are the ids with a function part.
      if (typeof nodeid === 'string' && nodeid.includes('::') && (item as { type?: unknown }).type !== 'Class') ids.add(nodeid);
    }
  }
  return ids;
}

export function readCollectionFile(path: string): CollectionResult {
  const read = readSmallFile(path, 256 * 1024 * 1024);
  return read.ok ? { ok: true, ids: parseCollection(read.text) } : { ok: false, reason: read.reason };
}
