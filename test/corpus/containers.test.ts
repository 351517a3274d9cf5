import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRecordings } from '../../src/core/load/open-recording.js';
import { createDiskSource, diskFile } from '../../src/core/sources/disk.js';
import { CORPUS, ROOT, makeTempDir, runCli } from '../helpers.js';

// An independent reading of the Ruby VCR, go-vcr and Polly HAR samples: PyYAML (libyaml, with
// Psych's `!binary` taught to it as Ruby VCR loads it) and Python's json. Which files are
// cassettes (by the recorders' own folders and top-level keys), and per interaction the
// method, URL, status and the bodies' text as stored.
const PYTHON_CONTAINERS = `
import base64, json, os, sys, yaml
class Loader(yaml.CSafeLoader): pass
Loader.add_constructor("!binary", lambda loader, node: base64.b64decode(loader.construct_scalar(node)))
def text(value):
    if isinstance(value, bytes):
        try: return value.decode("utf-8")
        except UnicodeDecodeError: return None
    return value if isinstance(value, str) and value != "" else None
out = {}
for root, dirs, files in os.walk(sys.argv[1]):
    parts = root.split(os.sep)
    for name in files:
        path = os.path.join(root, name)
        if name.endswith(".har"):
            entries = json.load(open(path, encoding="utf-8"))["log"]["entries"]
            out[path] = [{
                "method": e["request"]["method"], "uri": e["request"]["url"], "status": e["response"]["status"],
                "request": text((e["request"].get("postData") or {}).get("text")),
                "response": text(e["response"]["content"].get("text")),
            } for e in entries]
        elif name.endswith((".yml", ".yaml")) and ("testdata" in parts or any(p.endswith("cassettes") for p in parts)):
            doc = yaml.load(open(path, "rb"), Loader=Loader)
            if isinstance(doc, dict) and "http_interactions" in doc:
                out[path] = [{
                    "method": i["request"]["method"].upper(), "uri": i["request"]["uri"], "status": i["response"]["status"]["code"],
                    "request": text((i["request"].get("body") or {}).get("string")),
                    "response": text((i["response"].get("body") or {}).get("string")),
                } for i in doc["http_interactions"]]
            elif isinstance(doc, dict) and doc.get("version") == 2 and "interactions" in doc:
                out[path] = [{
                    "method": i["request"]["method"], "uri": i["request"]["url"], "status": i["response"]["code"],
                    "request": text(i["request"].get("body")), "response": text(i["response"].get("body")),
                } for i in doc["interactions"]]
print(json.dumps(out))
`;

type Read = Array<{ method: string; uri: string; status: number; request: string | null; response: string | null }>;

const TREES = ['ruby-vcr', 'go-vcr', 'polly-har'] as const;

describe.each(TREES)('the real cassettes in ../shared/corpus/%s', (tree) => {
  const dir = join(CORPUS, tree);
  const oracle = JSON.parse(
    execFileSync('python3', ['-c', PYTHON_CONTAINERS, dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }),
  ) as Record<string, Read>;

  it('are the files cassette lists, one row per interaction, none with an error', () => {
    const result = runCli(['list', '--json', relative(ROOT, dir)]);
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ path: string; interaction: number; error: string | null; container: string }>;
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(join(ROOT, row.path), (counts.get(join(ROOT, row.path)) ?? 0) + 1);
    expect(Object.keys(oracle).length).toBeGreaterThan(30);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(Object.entries(oracle).map(([path, read]) => [path, read.length])));
    expect(rows.filter((row) => row.error !== null)).toEqual([]);
    expect(new Set(rows.map((row) => row.container))).toEqual(new Set([tree]));
  });

  it('hold the method, URL, status and body text Python reads, interaction by interaction', () => {
    const source = createDiskSource({ cwd: dir });
    for (const [path, read] of Object.entries(oracle)) {
      const ours = openRecordings(source, diskFile(path, dir)).map((recording) => {
        const facts = recording.http!;
        return {
          method: recording.envelope!.method,
          uri: recording.envelope!.url,
          status: recording.envelope!.response.status,
          request: facts.request.decompressed === null ? facts.request.text : read[recording.entry.interaction]!.request,
          response: facts.response.decompressed === null ? facts.response.text : read[recording.entry.interaction]!.response,
        };
      });
      expect({ path, interactions: ours }).toEqual({ path, interactions: read });
    }
  });

  it('verify passes them: the projects filter their keys, and their placeholders are no secrets', () => {
    const result = runCli(['verify', '--json', relative(ROOT, dir)]);
    const report = JSON.parse(result.stdout) as { files: number; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.files).toBe(Object.keys(oracle).length);
    expect(result.status).toBe(0);
  });
});

describe("prune by each project's naming rule, on the samples", () => {
  const orphans = (dir: string) => {
    const result = runCli(['prune', '--json', dir]);
    const report = JSON.parse(result.stdout) as { orphans: Array<{ path: string; reason: string }>; refusals: Array<{ code: string }> };
    return { orphans: report.orphans.map((orphan) => [relative(dir, join(ROOT, orphan.path)), orphan.reason]), refusals: report.refusals };
  };

  it('ruby_llm at fb5a49bf0: every cassette has its example', () => {
    expect(orphans(join(CORPUS, 'ruby-vcr')).orphans).toEqual([]);
  });

  it('genai at 66b63e622: every cassette has its test, every scoreboard folder its listed model', () => {
    expect(orphans(join(CORPUS, 'go-vcr')).orphans).toEqual([]);
  });

  it("genai's af783471: a model folder no scoreboard lists (any more) is an orphan, its test still there", () => {
    const root = makeTempDir();
    cpSync(join(CORPUS, 'go-vcr'), root, { recursive: true });
    const board = join(root, 'genai/providers/openaichat/testdata/TestClient/Scoreboard');
    const [model] = readdirSync(board);
    cpSync(join(board, model!), join(board, 'gpt-4.5-preview-retired'), { recursive: true });
    const found = orphans(root).orphans;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(([path, reason]) => path!.includes('/Scoreboard/gpt-4.5-preview-retired/') && reason === 'not-listed')).toBe(true);
  });

  it('Mirascope at 41d433578: the five recordings whose test is gone', () => {
    const e2e = 'mirascope-ts/typescript/tests/e2e';
    expect(orphans(join(CORPUS, 'polly-har')).orphans).toEqual([
      [`${e2e}/output/cassettes/call/anthropic-beta/returns-max-tokens-finish-reason.har`, 'test-function-missing'],
      [`${e2e}/output/cassettes/format/openai_responses/parses-structured-output-with-zod-schema.har`, 'test-file-missing'],
      [`${e2e}/input/cassettes/openai-compatibility/makes-successful-api-call.har`, 'test-file-missing'],
      [`${e2e}/output/cassettes/resume/openai_completions/resumestream-returns-streaming-response.har`, 'test-function-missing'],
      [`${e2e}/output/cassettes/stream/returns-max-tokens-finish-reason-openai.har`, 'test-function-missing'],
    ]);
  });
});
