import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { NotPyYamlOutput, readPyYaml } from '../../src/formats/decode/fast-yaml.js';
import { CORPUS, ROOT, runCli } from '../helpers.js';
import { PYTHON_LOAD_FILES, asPython } from '../oracle/pyyaml.js';

interface Row {
  id: string;
  path: string;
  interaction: number;
  kind: string;
  error: string | null;
}

const VCR = join(CORPUS, 'vcr');

// An independent reading of every cassette by PyYAML (libyaml), as vcrpy loads them: how many
// interactions, or which other dialect; and the text of each OpenAI chat stream, joined from its SSE lines.
const PYTHON_CASSETTES = `
import gzip, json, os, re, sys, yaml
out = {}
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if not re.search(r"\\.ya?ml(\\.gz)?$", name) or "cassettes" not in root.split(os.sep):
            continue
        path = os.path.join(root, name)
        raw = open(path, "rb").read()
        doc = yaml.load(gzip.decompress(raw) if name.endswith(".gz") else raw, Loader=yaml.CSafeLoader)
        if "requests" in doc:
            out[path] = {"count": len(doc["requests"]), "streams": []}
            continue
        items = doc["interactions"]
        if any("request" not in item for item in items):
            out[path] = {"unsupported": True}
            continue
        streams = []
        for item in items:
            body = item["response"].get("body") or {}
            text = body.get("string") if isinstance(body, dict) else None
            if isinstance(text, str) and '"chat.completion.chunk"' in text:
                chunks = [json.loads(line[5:]) for line in text.splitlines() if line.startswith("data:") and line[5:].strip() != "[DONE]"]
                joined = "".join((c["choices"][0]["delta"].get("content") or "") for c in chunks if c.get("choices"))
                streams.append(joined or None)
            else:
                streams.append(False)
        out[path] = {"count": len(items), "streams": streams}
print(json.dumps(out))
`;

describe('the real cassettes in ../shared/corpus/vcr', () => {
  const oracle = JSON.parse(
    execFileSync('python3', ['-c', PYTHON_CASSETTES, VCR], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ) as Record<string, { count: number; streams: Array<string | null | false> } | { unsupported: true }>;
  const result = runCli(['list', '--json', relative(ROOT, VCR)]);
  const rows = JSON.parse(result.stdout) as Row[];
  const byFile = new Map<string, Row[]>();
  for (const row of rows) byFile.set(join(ROOT, row.path), [...(byFile.get(join(ROOT, row.path)) ?? []), row]);

  it('lists every cassette PyYAML reads, with as many interactions as it finds, none with an error', () => {
    expect(result.status).toBe(0);
    expect(Object.keys(oracle).length).toBeGreaterThan(100);
    expect([...byFile.keys()].sort()).toEqual(Object.keys(oracle).sort());
    for (const [path, expected] of Object.entries(oracle)) {
      const listed = byFile.get(path)!;
      if ('unsupported' in expected)
        expect(
          listed.map((row) => row.kind),
          path,
        ).toEqual(['unsupported']);
      else if (expected.count === 0)
        expect(
          listed.map((row) => row.kind),
          path,
        ).toEqual(['empty']);
      else
        expect(
          listed.map((row) => row.interaction),
          path,
        ).toEqual([...Array(expected.count).keys()]);
    }
    expect(rows.filter((row) => row.error !== null)).toEqual([]);
  });

  it('reports the WebSocket and gRPC dialects as unsupported, with the reason', () => {
    const unsupported = rows.filter((row) => row.kind === 'unsupported').map((row) => row.path);
    expect(unsupported.some((path) => path.includes('/realtime/'))).toBe(true);
    expect(unsupported.some((path) => path.endsWith('.xai.yaml'))).toBe(true);
    const shown = runCli(['list', relative(ROOT, VCR)]);
    expect(shown.stdout).toMatch(/a WebSocket message log/);
  });

  it('rebuild every OpenAI chat stream to the text Python joins from the same SSE lines', () => {
    let checked = 0;
    for (const [path, expected] of Object.entries(oracle)) {
      if ('unsupported' in expected) continue;
      expected.streams.forEach((text, interaction) => {
        if (text === false) return;
        const shown = JSON.parse(runCli(['show', '--json', `${relative(ROOT, path)}#${interaction}`]).stdout) as { text: string | null };
        expect(shown.text, `${path}#${interaction}`).toBe(text);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('verify finds the one real credential of the real cassettes, and nothing else', () => {
    const verify = runCli(['verify', '--json', relative(ROOT, VCR)]);
    const report = JSON.parse(verify.stdout) as {
      files: number;
      problems: Array<{ path: string; interaction: number; code: string; data: { kind: string; location: string } }>;
    };
    // openllmetry's Pinecone cassette kept its Api-Key header (a UUID, in vcrpy's list of values).
    expect(
      report.problems.map((problem) => [
        problem.path.split('/').at(-1),
        problem.interaction,
        problem.code,
        problem.data.kind,
        problem.data.location,
      ]),
    ).toEqual([
      ['test_pinecone_retrieval.yaml', 0, 'secret/found', 'Api-Key value', 'request.headers.Api-Key[0]'],
      ['test_pinecone_retrieval.yaml', 2, 'secret/found', 'Api-Key value', 'request.headers.Api-Key[0]'],
    ]);
    expect(report.files).toBe(Object.keys(oracle).length);
    expect(verify.status).toBe(1);
  });

  it('read by the fast reader exactly as PyYAML reads them, or left to the full parser', () => {
    const paths = Object.keys(oracle);
    const python = JSON.parse(
      execFileSync('python3', ['-c', PYTHON_LOAD_FILES, ...paths], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }),
    ) as Record<string, unknown>;
    let fast = 0;
    for (const path of paths) {
      const raw = readFileSync(path);
      let read: unknown;
      try {
        read = readPyYaml((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
      } catch (error) {
        if (error instanceof NotPyYamlOutput) continue;
        throw error;
      }
      fast++;
      expect(JSON.parse(JSON.stringify(asPython(read))), path).toEqual(python[path]);
    }
    expect(fast).toBeGreaterThanOrEqual(paths.length - 3);
  });
});
