import { describe, expect, it } from 'vitest';
import { findVcrpyMisses as parseVcrMisses } from '../../../src/formats/containers/vcrpy/misses.js';
import { run as runWhy } from '../../../src/cli/commands/why.js';
import { FIXTURES, outputOf, testContext } from '../../helpers.js';
import { join } from 'node:path';

const VCR = join(FIXTURES, 'vcr');
const CASSETTE = 'tests/models/cassettes/test_openai/test_chat_stream.yaml';

/** What pytest prints for a vcrpy miss: the traceback's E lines, then the short summary. */
function pytestLog(uri: string, failed: string[]): string {
  return [
    '    def test_chat_stream():',
    '>       client.chat.completions.create(model="gpt-4o", messages=messages, stream=True)',
    `E   vcr.errors.CannotOverwriteExistingCassetteException: Can't overwrite existing cassette ('${CASSETTE}') in your current record mode (<RecordMode.NONE: 'none'>).`,
    `E   No match for the request (<Request (POST) ${uri}>) was found.`,
    'E   Found 1 similar requests with 1 different matcher(s) :',
    'E   ',
    'E   1 - (<Request (POST) https://api.openai.com/v1/chat/completions>).',
    "E   Matchers succeeded : ['method', 'scheme', 'host', 'port', 'path']",
    'E   Matchers failed :',
    ...failed.map((line) => `E   ${line}`),
    '',
    '=========================== short test summary info ============================',
    `FAILED tests/models/test_openai.py::test_chat_stream - vcr.errors.CannotOverwriteExistingCassetteException: Can't overwrite existing cassette ('${CASSETTE}') in your current record mode (<RecordMode.NONE: 'none'>).`,
  ].join('\n');
}

describe("vcrpy's CannotOverwriteExistingCassetteException", () => {
  it('is read from a pytest log: cassette, record mode, the missed request, the failed matchers and the test', () => {
    const [miss, ...rest] = parseVcrMisses(
      pytestLog('https://api.openai.com/v1/chat/completions?api-version=2', [
        'query - assertion failure :',
        "[('api-version', '2')] != []",
      ]),
    );
    expect(rest).toEqual([]);
    expect(miss).toEqual({
      format: 'vcrpy',
      cassette: CASSETTE,
      recordMode: 'none',
      body: null,
      method: 'POST',
      uri: 'https://api.openai.com/v1/chat/completions?api-version=2',
      testId: 'tests/models/test_openai.py::test_chat_stream',
      similar: [
        {
          method: 'POST',
          uri: 'https://api.openai.com/v1/chat/completions',
          failed: [{ matcher: 'query', detail: "[('api-version', '2')] != []" }],
        },
      ],
    });
  });

  it('names the cassette, the closest recorded request and the matcher it fails on, and how to re-record', async () => {
    const log = pytestLog('https://api.openai.com/v1/chat/completions?api-version=2', [
      'query - assertion failure :',
      "[('api-version', '2')] != []",
    ]);
    const outcome = await runWhy({ input: log, paths: ['.'] }, {}, testContext(VCR).context);
    expect(outcome.exitCode).toBe(1);
    expect(outputOf(outcome)).toBe(
      [
        'vcrpy cassette miss 1/1  POST https://api.openai.com/v1/chat/completions?api-version=2  tests/models/test_openai.py::test_chat_stream',
        `  cassette ${CASSETTE} (1 interaction, record mode none)`,
        '  most similar recorded requests:',
        '    #0  POST https://api.openai.com/v1/chat/completions',
        '        differs in: query (query -api-version)',
        '  fix: re-record it: pytest --record-mode=rewrite tests/models/test_openai.py::test_chat_stream',
        '',
        '1 cassette miss: re-record to fix',
        '',
      ].join('\n'),
    );
  });

  it('names the body paths that differ when a matcher printed both bodies', async () => {
    const recorded = '{"messages":[{"role":"user","content":"What is the capital of France?"}],"model":"gpt-4o","stream":true}';
    const missed = recorded.replace('gpt-4o', 'gpt-4.1').replace('France', 'Spain');
    const log = pytestLog('https://api.openai.com/v1/chat/completions', ['body - assertion failure :', `b'${missed}' != b'${recorded}'`]);
    const outcome = await runWhy({ input: log, paths: ['.'] }, { json: true }, testContext(VCR).context);
    const [miss] = JSON.parse(outputOf(outcome)).misses;
    expect(miss.closest[0]).toEqual({
      interaction: 0,
      method: 'POST',
      uri: 'https://api.openai.com/v1/chat/completions',
      differs: ['body'],
      query: [],
      bodyPaths: ['messages[0].content', 'model'],
    });
  });

  it('says so when the cassette is not under the paths given', async () => {
    const log = pytestLog('https://api.openai.com/v1/chat/completions', []).replaceAll(
      CASSETTE,
      'tests/other/cassettes/test_x/test_y.yaml',
    );
    const outcome = await runWhy({ input: log, paths: ['.'] }, { json: true }, testContext(VCR).context);
    expect(JSON.parse(outputOf(outcome)).misses[0]).toMatchObject({ found: false, verdict: 'missing' });
    // Never recorded (a new or renamed test) is the likely cause: the fix records it.
    const human = outputOf(await runWhy({ input: log, paths: ['.'] }, {}, testContext(VCR).context));
    expect(human).toContain('no cassette tests/other/cassettes/test_x/test_y.yaml: not under the paths given, nor at that path from here');
    expect(human).toMatch(
      /fix: if the test is new or was renamed, record it: pytest --record-mode=once \S+; else give the folder that holds the cassette/,
    );
  });

  /** A CI job's pytest log: three failures, each under its heading, absolute cassette paths, summary lines cut short. */
  function ciLog(): string {
    const root = '/home/runner/work/proj/proj';
    const failure = (heading: string, cassette: string, uri: string) => [
      `${'_'.repeat(20)} ${heading} ${'_'.repeat(20)}`,
      '',
      '>       response = client.send(request)',
      `E   vcr.errors.CannotOverwriteExistingCassetteException: Can't overwrite existing cassette ('${root}/${cassette}') in your current record mode (<RecordMode.NONE: 'none'>).`,
      `E   No match for the request (<Request (POST) ${uri}>) was found.`,
      'E   No similar requests, that have not been played, found.',
      '',
      '.venv/lib/python3.12/site-packages/vcr/stubs/__init__.py:263: CannotOverwriteExistingCassetteException',
    ];
    const summary = (testId: string) =>
      `FAILED ${testId} - vcr.errors.CannotOverwriteExistingCassetteException: Can't overwrite existing cassette ('${root}/tests/models/cassettes/test_op...`;
    return [
      '=================================== FAILURES ===================================',
      ...failure('test_chat_stream', CASSETTE, 'https://api.openai.com/v1/chat/completions?x=1'),
      ...failure(
        'test_messages_gzip',
        'tests/models/cassettes/test_anthropic/test_messages_gzip.yaml',
        'https://api.anthropic.com/v1/messages?x=1',
      ),
      ...failure(
        'TestAgent.test_two_calls',
        'tests/models/cassettes/test_openai/TestAgent.test_two_calls.yaml',
        'https://api.openai.com/v1/responses?x=1',
      ),
      '=========================== short test summary info ============================',
      summary('tests/models/test_openai.py::test_chat_stream'),
      summary('tests/models/test_anthropic.py::test_messages_gzip'),
      summary('tests/models/test_openai.py::TestAgent::test_two_calls'),
      '========================= 3 failed, 12 passed in 4.20s =========================',
    ].join('\n');
  }

  it('pairs each miss of a CI log with its own test, and finds cassettes by the end of their absolute paths', async () => {
    const misses = parseVcrMisses(ciLog());
    expect(misses.map((miss) => [miss.cassette.split('/').at(-1), miss.testId])).toEqual([
      ['test_chat_stream.yaml', 'tests/models/test_openai.py::test_chat_stream'],
      ['test_messages_gzip.yaml', 'tests/models/test_anthropic.py::test_messages_gzip'],
      ['TestAgent.test_two_calls.yaml', 'tests/models/test_openai.py::TestAgent::test_two_calls'],
    ]);
    const outcome = await runWhy({ input: ciLog(), paths: ['.'] }, { json: true }, testContext(VCR).context);
    const found = JSON.parse(outputOf(outcome)).misses.map((miss: { cassette: string | null; testId: string }) => [
      miss.cassette,
      miss.testId,
    ]);
    expect(found).toEqual([
      [CASSETTE, 'tests/models/test_openai.py::test_chat_stream'],
      ['tests/models/cassettes/test_anthropic/test_messages_gzip.yaml', 'tests/models/test_anthropic.py::test_messages_gzip'],
      ['tests/models/cassettes/test_openai/TestAgent.test_two_calls.yaml', 'tests/models/test_openai.py::TestAgent::test_two_calls'],
    ]);
  });

  it('reads the misses of a JUnit XML report, its messages escaped as XML', async () => {
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
    const log = pytestLog('https://api.openai.com/v1/chat/completions?api-version=2', []);
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<testsuites><testsuite name="pytest" errors="0" failures="1" tests="1">',
      `<testcase classname="tests.models.test_openai" name="test_chat_stream" time="0.1"><failure message="${escape(log.split('\n')[2]!)}">${escape(log)}</failure></testcase>`,
      '</testsuite></testsuites>',
    ].join('\n');
    const outcome = await runWhy({ input: xml, paths: ['.'] }, { json: true }, testContext(VCR).context);
    expect(JSON.parse(outputOf(outcome)).misses).toMatchObject([
      { cassette: CASSETTE, testId: 'tests/models/test_openai.py::test_chat_stream', method: 'POST' },
    ]);
  });
});
