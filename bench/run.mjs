// npm run bench: cassette against a bare Node baseline, measured in the same run so that
// a noisy machine moves both sides alike. Prints medians and ratios against the targets.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const BIN = join(ROOT, 'bin', 'cassette.js');
const FILES = Number(process.env.BENCH_FILES ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// The scaling rows: 0 skips them (the large tree is about 800 MB on disk).
const LARGE_FILES = Number(process.env.BENCH_LARGE_FILES ?? 30_000);
const LARGE_RUNS = Math.max(5, Math.min(RUNS, 5));
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 25);
// The VCR rows: pydantic-ai's cassettes from ../shared/corpus/vcr, copied to this many.
const CASSETTES = Number(process.env.BENCH_CASSETTES ?? 1406);
// The go-vcr rows: genai's cassettes from ../shared/corpus/go-vcr, copied to as many as genai holds.
const GO_CASSETTES = Number(process.env.BENCH_GO_CASSETTES ?? 3259);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.json') ? [join(dir, d.name)] : [],
  );
}

/** The ogx recordings of the corpus: JSON below a `recordings` folder (go-vcr's scoreboards are JSON too, and no recordings). */
const isOgxRecording = (path) => path.split('/').includes('recordings');

/**
 * Mirrors the real corpus into copy-<k>/ project roots until the tree holds FILES
 * recordings. Copies are byte-identical, so names stay valid hashes and the checks do the
 * work they do on a real, mostly healthy tree (the corpus's own stale files included).
 */
function makeCorpus(files = FILES) {
  const sources = walk(CORPUS)
    .filter(isOgxRecording)
    .map((path) => ({ rel: relative(CORPUS, path), text: readFileSync(path, 'utf8') }));
  const indexes = walkAll(CORPUS)
    .filter((path) => path.endsWith('index.sqlite'))
    .map((path) => relative(CORPUS, path));
  const root = mkdtempSync(join(tmpdir(), 'cassette-bench-'));
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const source = sources[i % sources.length];
    const copy = `copy-${Math.floor(i / sources.length)}`;
    const path = join(root, copy, source.rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, source.text);
    bytes += Buffer.byteLength(source.text);
    for (const index of indexes)
      if (i % sources.length === 0) {
        mkdirSync(dirname(join(root, copy, index)), { recursive: true });
        writeFileSync(join(root, copy, index), readFileSync(join(CORPUS, index)));
      }
  }
  return { root, bytes };
}

/**
 * A re-record of the tree: a copy where every tenth recording changed, half of those in
 * their answer (text or the first field of the body) and half only in noise (ids).
 */
function makeRerecord(root) {
  const copy = `${root}-rerecorded`;
  cpSync(root, copy, { recursive: true });
  walk(copy).forEach((path, i) => {
    if (i % 10 !== 0) return;
    const recording = JSON.parse(readFileSync(path, 'utf8'));
    const body = recording.response?.body;
    const first = Array.isArray(body) ? body[0] : body;
    if (first && typeof first === 'object') {
      const data = first.__data__ ?? first;
      if (i % 20 === 0) data.id = `rerecorded-${i}`;
      else data.cassette_bench_changed = i;
    }
    writeFileSync(path, JSON.stringify(recording, null, 2));
  });
  return copy;
}

/** One 60 MB minified chat stream (the hostile file), in a recordings folder of its own. */
function makeHugeRecording(megabytes = 60, prompt = 'Write a long story.') {
  const dir = mkdtempSync(join(tmpdir(), 'cassette-bench-huge-'));
  const chunk = JSON.stringify({
    __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
    __data__: {
      id: 'rec-000000000000',
      choices: [{ delta: { content: 'word ', role: 'assistant' }, finish_reason: null, index: 0 }],
      created: 0,
      model: 'gpt-4o',
      object: 'chat.completion.chunk',
    },
  });
  const count = Math.ceil((megabytes * 1024 * 1024) / (chunk.length + 1));
  const request = {
    method: 'POST',
    url: 'https://api.openai.com/v1/v1/chat/completions',
    headers: {},
    body: { model: 'gpt-4o', messages: [{ role: 'user', content: prompt }], stream: true },
  };
  mkdirSync(join(dir, 'recordings'));
  // Written in blocks: the whole text at once would be a 200 MB string in this process.
  const path = join(dir, 'recordings', 'huge.json');
  writeFileSync(path, `{"test_id": null, "request": ${JSON.stringify(request)}, "response": {"body": [`);
  const block = Array.from({ length: 10_000 }, () => chunk).join(',');
  for (let written = 0; written < count; written += 10_000) {
    const n = Math.min(10_000, count - written);
    appendFileSync(path, `${written === 0 ? '' : ','}${n === 10_000 ? block : Array.from({ length: n }, () => chunk).join(',')}`);
  }
  appendFileSync(path, '], "is_streaming": true}}');
  return dir;
}

function walkAll(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walkAll(join(dir, d.name)) : [join(dir, d.name)]));
}

const BASELINE = `
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((d) => d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.json') ? [join(dir, d.name)] : []);
let n = 0;
for (const file of walk(process.argv[1])) { JSON.parse(readFileSync(file, 'utf8')); n++; }
if (n === 0) process.exit(3);
`;

/**
 * A project's cassettes (below `from`, as `isCassette` picks them) copied until the tree holds
 * `count`: pydantic-ai's 1,406 (157 MB), genai's 3,259. Copies go to `copies` project roots
 * copy-<k>/ (a mirror each), and past that beside the originals as `<name>-<n>`: genai keeps
 * a dozen scenario files per model folder, which a mirror per copy would turn into thousands
 * of one-file folders. The test sources beside them are left out: list reads cassettes only.
 */
function makeCassettes(from, isCassette, count, copies = Number.POSITIVE_INFINITY) {
  const cassettes = walkAll(from).filter(isCassette);
  const root = mkdtempSync(join(tmpdir(), 'cassette-bench-vcr-'));
  for (let i = 0; i < count; i++) {
    const source = cassettes[i % cassettes.length];
    const round = Math.floor(i / cassettes.length);
    const rel = relative(from, source);
    const name = round < copies ? rel : rel.replace(/(\.ya?ml)$/, `-${Math.floor(round / copies)}$1`);
    const path = join(root, `copy-${round % copies}`, name);
    mkdirSync(dirname(path), { recursive: true });
    cpSync(source, path);
  }
  return root;
}

// What vcrpy (or a go-vcr reader) does to load a cassette, at libyaml's speed: the bar cassette
// is held to. argv[2] is the folder cassettes sit below (cassettes, testdata).
const PYTHON_BASELINE = `
import os, re, sys, yaml
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if re.search(r"\\.ya?ml$", name) and sys.argv[2] in root.split(os.sep):
            with open(os.path.join(root, name), "rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)
            n += 1
sys.exit(0 if n > 0 else 3)
`;
const HAVE_LIBYAML = spawnSync('python3', ['-c', 'import yaml; yaml.CSafeLoader']).status === 0;

const HAVE_TIME = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

/**
 * Wall time of one run, and its CPU time (user + system, from GNU time) when available:
 * a baseline that overlaps work on the second core (V8's background threads) looks faster
 * by the wall clock than by the work it does.
 */
function time(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const [cmd, argv] = HAVE_TIME ? ['/usr/bin/time', ['-f', '%U %S', command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', ...options });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !options.allowFindings)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const [user, system] = HAVE_TIME ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [Number.NaN, Number.NaN];
  return { wall, cpu: (user + system) * 1000 };
}

/** Runs each side RUNS times, alternating, and returns the medians. */
function compare(runs, a, b) {
  const runsOf = { a: [], b: [] };
  a();
  b(); // warm the page cache and the CPU
  for (let i = 0; i < runs; i++) {
    runsOf.a.push(a());
    runsOf.b.push(b());
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const of = (side, key) => median(runsOf[side].map((run) => run[key]));
  return { a: of('a', 'wall'), b: of('b', 'wall'), cpuA: of('a', 'cpu'), cpuB: of('b', 'cpu') };
}

/** The target is judged on wall time; the CPU-time ratio is printed beside it. */
function report(label, target, result, aName, bName) {
  const ratio = result.a / result.b;
  const verdict = ratio <= target ? 'ok' : 'OVER TARGET';
  const cpu = Number.isFinite(result.cpuA / result.cpuB) ? `   cpu ratio ${(result.cpuA / result.cpuB).toFixed(2)}` : '';
  console.log(
    `${label.padEnd(34)} ${aName} ${result.a.toFixed(1).padStart(8)} ms   ${bName} ${result.b.toFixed(1).padStart(8)} ms   ratio ${ratio.toFixed(2)} (target <= ${target}) ${verdict}${cpu}`,
  );
  return ratio <= target;
}

/** A peak-memory row against its limit; true when within it (or not measurable here). */
function reportPeak(label, peakMb, limitMb) {
  if (peakMb === null) return true;
  const within = peakMb < limitMb;
  console.log(
    `${label.padEnd(34)} cassette ${peakMb.toFixed(0).padStart(8)} MB   (target < ${limitMb} MB) ${within ? 'ok' : 'OVER TARGET'}`,
  );
  return within;
}

/** Peak resident memory of a node run, from GNU time's %M (KB). */
function peakMemoryMb(args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.error) return null;
  const kb = Number(result.stderr.trim().split('\n').at(-1));
  return Number.isFinite(kb) ? kb / 1024 : null;
}

const { root, bytes } = makeCorpus();
// The index and verify caches go to a folder of the bench's own, never the user's.
const cacheHome = mkdtempSync(join(tmpdir(), 'cassette-bench-cache-'));
const env = { ...process.env, CASSETTE_CACHE_DIR: cacheHome };
/** One cassette run, from the tree's folder. */
const cassette =
  (args, options = {}) =>
  () =>
    time(process.execPath, [BIN, ...args], { cwd: root, env, ...options });
const baseline = (dir) => () => time(process.execPath, ['-e', BASELINE, dir]);
const nodeStart = () => time(process.execPath, ['-e', '0']);
try {
  console.log(
    `node ${process.version}; corpus: ${FILES} files, ${(bytes / 1e6).toFixed(1)} MB, mirrored from ${relative(ROOT, CORPUS)}; medians of ${RUNS} runs (startup: ${STARTUP_RUNS})\n`,
  );
  let ok = true;
  const row = (label, target, runs, a, b, aName = 'cassette', bName = 'baseline') => {
    ok = report(label, target, compare(runs, a, b), aName, bName) && ok;
  };
  const onePath = walk(join(root, 'copy-0')).find((path) => /[0-9a-f]{64}\.json$/.test(path));
  // A recording whose name no other file shares, for the lookup by prefix (the copies share names).
  const uniqueName = `feedfacecafe${'0'.repeat(52)}.json`;
  mkdirSync(join(root, 'unique', 'recordings'), { recursive: true });
  cpSync(onePath, join(root, 'unique', 'recordings', uniqueName));

  row('startup: cassette --version', 1.3, STARTUP_RUNS, cassette(['--version']), nodeStart, 'cassette', 'node -e 0');
  // browse must not slow the help down: ink and react load only when browse runs.
  row('startup: cassette --help', 1.3, STARTUP_RUNS, cassette(['--help']), nodeStart, 'cassette', 'node -e 0');
  row('show <path>', 1.5, STARTUP_RUNS, cassette(['show', onePath]), nodeStart, 'cassette', 'node -e 0');
  row('list --json, cold (--no-cache)', 1.0, RUNS, cassette(['list', '--json', '--no-cache', root]), baseline(root));
  row('verify --json, cold', 1.3, RUNS, cassette(['verify', '--json', root], { allowFindings: true }), baseline(root));
  const changed = makeRerecord(root);
  row(
    'diff (10% changed) vs verify',
    2,
    RUNS,
    cassette(['diff', root, changed, '--json']),
    cassette(['verify', '--json', root], { allowFindings: true }),
    'diff',
    'verify',
  );
  rmSync(changed, { recursive: true, force: true });

  // The baseline: a run against a cassette-suppressions.json holding every finding of the tree
  // (its stale copies), and the GitHub report with its job summary (which plans rehash).
  const baselineFile = join(cacheHome, 'cassette-suppressions.json');
  const summaryFile = join(cacheHome, 'step-summary.md');
  spawnSync(process.execPath, [BIN, 'verify', '--suppress-all', '--suppressions-location', baselineFile, root], { cwd: root, env });
  row(
    'verify, every finding suppressed vs none',
    1.1,
    RUNS,
    cassette(['verify', '--json', '--suppressions-location', baselineFile, root]),
    cassette(['verify', '--json', root], { allowFindings: true }),
    'baseline',
    'verify',
  );
  row(
    'verify --format github + job summary vs --json',
    1.15,
    RUNS,
    cassette(['verify', '--format', 'github', root], { allowFindings: true, env: { ...env, GITHUB_STEP_SUMMARY: summaryFile } }),
    cassette(['verify', '--json', root], { allowFindings: true }),
    'github',
    'json',
  );

  // Warm rows: compare() runs each side once before timing, which fills the caches. The
  // tree is older than a second by now, so its entries are stored.
  row('list --json, warm cache', 0.25, RUNS, cassette(['list', '--json', root]), baseline(root));
  row('show <12-hex prefix>, warm cache', 0.3, RUNS, cassette(['show', 'feedfacecafe', root]), baseline(root));
  row(
    'verify --json --cache, unchanged',
    0.3,
    RUNS,
    cassette(['verify', '--json', '--cache', root], { allowFindings: true }),
    baseline(root),
  );

  if (CASSETTES > 0 && HAVE_LIBYAML) {
    const vcr = makeCassettes(
      join(CORPUS, 'vcr', 'pydantic-ai'),
      (path) => /\.ya?ml$/.test(path) && path.includes('/cassettes/'),
      CASSETTES,
    );
    const python = () => time('python3', ['-c', PYTHON_BASELINE, vcr, 'cassettes']);
    row(
      `list --json, ${CASSETTES} cassettes, cold`,
      1.2,
      RUNS,
      cassette(['list', '--json', '--no-cache', vcr]),
      python,
      'cassette',
      'python ',
    );
    row(`list --json, ${CASSETTES} cassettes, warm`, 0.1, RUNS, cassette(['list', '--json', vcr]), python, 'cassette', 'python ');
    rmSync(vcr, { recursive: true, force: true });
  } else if (CASSETTES > 0) console.log('VCR rows: python3 with PyYAML and libyaml (yaml.CSafeLoader) is not installed, not measured');

  if (GO_CASSETTES > 0 && HAVE_LIBYAML) {
    const go = makeCassettes(
      join(CORPUS, 'go-vcr', 'genai'),
      (path) => /\.yaml$/.test(path) && path.includes('/testdata/'),
      GO_CASSETTES,
      4,
    );
    const python = () => time('python3', ['-c', PYTHON_BASELINE, go, 'testdata']);
    row(
      `list --json, ${GO_CASSETTES} go-vcr cassettes, cold`,
      1.2,
      RUNS,
      cassette(['list', '--json', '--no-cache', go]),
      python,
      'cassette',
      'python ',
    );
    row(`list --json, ${GO_CASSETTES} go-vcr cassettes, warm`, 0.15, RUNS, cassette(['list', '--json', go]), python, 'cassette', 'python ');
    rmSync(go, { recursive: true, force: true });
  }

  const peak = peakMemoryMb([BIN, 'verify', '--json', root]);
  const baselinePeak = peakMemoryMb(['-e', BASELINE, root]);
  if (peak !== null && baselinePeak !== null) {
    const within = peak < 300;
    console.log(
      `${'verify peak memory'.padEnd(34)} cassette ${peak.toFixed(0).padStart(8)} MB   baseline ${baselinePeak.toFixed(0).padStart(8)} MB   (target < 300 MB) ${within ? 'ok' : 'OVER TARGET'}`,
    );
    ok = within && ok;
  } else console.log('verify peak memory: /usr/bin/time is not installed, not measured');

  if (LARGE_FILES > 0) {
    // Scaling: the same commands on a tree ten times the size should take ten times as long.
    const large = makeCorpus(LARGE_FILES);
    const at = (dir, args) => () => time(process.execPath, [BIN, ...args, dir], { cwd: dir, env, allowFindings: true });
    const ratio = LARGE_FILES / FILES;
    const limit = Number((ratio * 1.05).toFixed(2));
    row(
      `list --json, ${LARGE_FILES} / ${FILES} files`,
      limit,
      LARGE_RUNS,
      at(large.root, ['list', '--json', '--no-cache']),
      at(root, ['list', '--json', '--no-cache']),
      'large',
      'small',
    );
    row(
      `verify --json, ${LARGE_FILES} / ${FILES} files`,
      limit,
      LARGE_RUNS,
      at(large.root, ['verify', '--json']),
      at(root, ['verify', '--json']),
      'large',
      'small',
    );
    ok = reportPeak(`verify peak memory, ${LARGE_FILES} files`, peakMemoryMb([BIN, 'verify', '--json', large.root]), 400) && ok;
    rmSync(large.root, { recursive: true, force: true });
  }

  const huge = makeHugeRecording();
  const hugePeak = peakMemoryMb([BIN, 'verify', '--json', huge]);
  const hugeBaseline = peakMemoryMb(['-e', BASELINE, huge]);
  if (hugePeak !== null && hugeBaseline !== null) {
    console.log(
      `${'verify peak memory, one 60 MB file'.padEnd(34)} cassette ${hugePeak.toFixed(0).padStart(8)} MB   baseline ${hugeBaseline.toFixed(0).padStart(8)} MB   (bounded: ${(hugePeak / hugeBaseline).toFixed(2)}x a bare parse)`,
    );
  }
  rmSync(huge, { recursive: true, force: true });

  // A 200 MB recording through show, show --raw and diff, and a 20 MB file of ten million nested arrays.
  const big = makeHugeRecording(200);
  const bigOther = makeHugeRecording(200, 'Write a short story.');
  const bigFile = join(big, 'recordings', 'huge.json');
  for (const [label, args] of [
    ['show, one 200 MB recording', ['show', bigFile]],
    ['show --raw, one 200 MB recording', ['show', '--raw', bigFile]],
    ['diff of two 200 MB recordings', ['diff', bigFile, join(bigOther, 'recordings', 'huge.json')]],
  ]) {
    ok = reportPeak(label, peakMemoryMb([BIN, ...args]), 1200) && ok;
  }
  rmSync(big, { recursive: true, force: true });
  rmSync(bigOther, { recursive: true, force: true });
  const nested = mkdtempSync(join(tmpdir(), 'cassette-bench-nested-'));
  mkdirSync(join(nested, 'recordings'));
  writeFileSync(join(nested, 'recordings', 'nested.json'), `${'['.repeat(10_000_000)}${']'.repeat(10_000_000)}`);
  ok = reportPeak('verify, 10M nested arrays (20 MB)', peakMemoryMb([BIN, 'verify', '--json', nested]), 1000) && ok;
  rmSync(nested, { recursive: true, force: true });
  if (!ok) process.exitCode = 1;
} finally {
  // BENCH_KEEP=1 leaves the corpus for profiling (node --cpu-prof bin/cassette.js verify <dir>).
  if (process.env.BENCH_KEEP) console.log(`\ncorpus kept in ${root}`);
  else rmSync(root, { recursive: true, force: true });
  rmSync(cacheHome, { recursive: true, force: true });
}
