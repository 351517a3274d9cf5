import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { shortenTestId } from '../../src/cli/format-text.js';
import { renderListHuman } from '../../src/cli/reporters/list.js';
import { REPORTERS } from '../../src/cli/reporters/verify/index.js';
import { renderGithubSummary } from '../../src/cli/reporters/verify/github-summary.js';
import type { Terminal } from '../../src/cli/terminal.js';
import type { Entry } from '../../src/core/types.js';
import type { Finding } from '../../src/core/verify/run-verify.js';

function terminal(columns: number | null): Terminal {
  const plain = new Chalk({ level: 0 });
  return {
    out: plain,
    err: plain,
    columns,
    stderrIsTty: false,
    interactive: false,
    write: async () => {},
    writeError: () => {},
    writeProgress: () => {},
  };
}

const base: Entry = {
  id: '0123456789ab',
  path: 'tests/integration/inference/recordings/0123456789ab.json',
  absPath: '/x',
  interaction: 0,
  nameHash: '0123456789ab',
  layout: 'per-area',
  bytes: 13_400,
  testId:
    'tests/integration/inference/test_openai_completion.py::test_openai_chat_completion_streaming[txt=openai/gpt-4o-inference:chat_completion:streaming_01]',
  endpoint: '/v1/chat/completions',
  model: 'gpt-4o',
  kind: 'chat-stream',
  streaming: true,
  chunks: 16,
  responseId: null,
  error: null,
  format: 'ogx',
  container: 'ogx',
  note: null,
};
const entries: Entry[] = [
  base,
  {
    ...base,
    id: 'fedcba987654',
    testId: null,
    endpoint: '/api/ps',
    model: null,
    kind: 'ollama-ps',
    streaming: false,
    chunks: null,
    bytes: 980,
  },
  {
    ...base,
    id: 'broken',
    path: 'tests/integration/inference/recordings/broken.json',
    testId: null,
    endpoint: null,
    model: null,
    kind: 'unknown',
    streaming: null,
    chunks: null,
    bytes: 0,
    error: 'empty file',
  },
];

describe('list human reporter', () => {
  it('fits the test id into a narrow terminal: the file and the middle of the name go, the end of the parameters stays', () => {
    expect(renderListHuman(entries, 3, terminal(100))).toMatchInlineSnapshot(`
      "ID            ENDPOINT        MODEL   KIND         STREAM  CHUNKS  TEST
      0123456789ab  /v1/chat/comp…  gpt-4o  chat-stream  yes         16  test_ope…reaming[…:streaming_01]
      fedcba987654  /api/ps         -       ollama-ps    no           -  -
      broken        error: empty file  tests/integration/inference/recordings/broken.json

      3 recordings: 1 chat-stream, 1 ollama-ps; 1 with errors
      "
    `);
  });

  it('prints whole test ids when piped', () => {
    const out = renderListHuman(entries.slice(0, 1), 5, terminal(null));
    expect(out).toContain(
      'inference/test_openai_completion.py::test_openai_chat_completion_streaming[txt=openai/gpt-4o-inference:chat_completion:streaming_01]\n',
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe('1 of 5 recordings: 1 chat-stream; no errors');
  });
});

describe('shortenTestId', () => {
  const id = 'tests/integration/responses/test_basic_responses.py::TestX::test_stream[openai_client-txt=openai/gpt-4o-earth]';
  it.each([
    [200, 'responses/test_basic_responses.py::TestX::test_stream[openai_client-txt=openai/gpt-4o-earth]'],
    [90, 'test_basic_responses.py::TestX::test_stream[openai_client-txt=openai/gpt-4o-earth]'],
    [60, 'TestX::test_stream[openai_client-txt=openai/gpt-4o-earth]'],
    [40, 'TestX::test_stream[…openai/gpt-4o-earth]'],
    [20, 'TestX…ream[…o-earth]'],
  ])('keeps what tells tests apart in %i columns', (width, expected) => {
    const short = shortenTestId(id, width);
    expect(short).toBe(expected);
    expect(short.length).toBeLessThanOrEqual(width);
  });

  it('never cuts the end of the parameters, which tells two variants apart', () => {
    const variant = (n: number) =>
      `tests/integration/responses/test_basic_responses.py::test_responses_store[openai_client-txt=openai/gpt-4o-tools${n}-True]`;
    for (const width of [30, 40, 50]) {
      const [a, b] = [shortenTestId(variant(0), width), shortenTestId(variant(1), width)];
      expect(a.endsWith('tools0-True]')).toBe(true);
      expect(b.endsWith('tools1-True]')).toBe(true);
      expect(a.length).toBeLessThanOrEqual(width);
    }
  });
});

describe('list table width', () => {
  it.each([100, 130, 200])('keeps every row within a %i-column terminal', (columns) => {
    const wide = {
      ...base,
      id: 'models-64a2277c90f0-a073edf8',
      model: 'publishers/google/models/gemini-2.0-flash',
      endpoint: '/generate_content_stream',
    };
    const lines = renderListHuman([base, wide], 2, terminal(columns)).split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThan(columns);
    expect(lines[1]).toContain('0123456789ab');
  });
});

/** A verify run of one file with one error finding, as the reporters receive it. */
function reportOf(finding: Finding) {
  return {
    files: 1,
    checkedPaths: [finding.path],
    errors: 1,
    warnings: 0,
    findings: [finding],
    missing: [],
    suppressed: 0,
    unusedSuppressions: 0,
  };
}

describe('verify reports for CI', () => {
  const finding = {
    code: 'parse/empty' as const,
    rule: 'parse' as const,
    severity: 'error' as const,
    path: 'rec\n::error file=x::forged"<a>.json',
    message: 'empty file; the recorder cannot load this file: fix or delete it',
    data: { reason: 'empty file' },
  };
  const result = reportOf(finding);

  it('JUnit: attributes carry newlines as character references, never raw', () => {
    const xml = REPORTERS.junit(result, { terminal: terminal(null), strict: false });
    expect(xml).toContain('<testcase classname="cassette.verify" name="rec&#10;::error file=x::forged&quot;&lt;a&gt;.json">');
    expect(xml).toContain('<failure type="parse/empty" message="empty file; the recorder cannot load this file: fix or delete it">');
  });

  it('JUnit: text nodes carry newlines as references too, so no line of the report is a workflow command', () => {
    const forged = { ...result.findings[0]!, message: 'header x\n::error file=evil.py,line=1::owned' };
    const xml = REPORTERS.junit({ ...result, findings: [forged] }, { terminal: terminal(null), strict: false });
    expect(xml.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
    expect(xml).toContain('header x&#10;::error file=evil.py,line=1::owned');
  });

  it('GitHub: one annotation line per finding, whatever the file name holds', () => {
    const lines = REPORTERS.github(result, { terminal: terminal(null), strict: false })
      .trimEnd()
      .split('\n');
    expect(lines).toEqual([
      '::error file=rec%0A%3A%3Aerror file=x%3A%3Aforged"<a>.json,title=cassette parse/empty::empty file; the recorder cannot load this file: fix or delete it',
      'cassette verify: 1 file, 1 error (parse 1), 0 warnings; failed',
    ]);
  });

  it('GitHub: the last line sums up the run, suppressed findings and the baseline included', () => {
    const warning = {
      ...finding,
      path: 'a/b.json',
      code: 'duplicate/found-is-other' as const,
      rule: 'duplicate' as const,
      severity: 'warning' as const,
    };
    const run = { ...result, findings: [finding, warning, warning], warnings: 2, suppressed: 7 };
    const last = REPORTERS.github(run, { terminal: terminal(null), strict: false, suppressions: 'cassette-suppressions.json' })
      .trimEnd()
      .split('\n')
      .at(-1);
    expect(last).toBe(
      'cassette verify: 1 file, 1 error (parse 1), 2 warnings (duplicate 2); 7 suppressed by cassette-suppressions.json; failed',
    );
  });

  it('GitHub job summary: counts per rule and code, what rehash fixes, the folders with most findings, in Markdown that no path breaks', () => {
    const hash = {
      ...finding,
      code: 'hash/older-scheme' as const,
      rule: 'hash' as const,
      path: 'tests/integration/responses/recordings/x.json',
    };
    const run = {
      ...result,
      files: 3170,
      findings: [hash, hash, { ...hash, path: 'tests/a|b`c/recordings/y.json' }, finding],
      errors: 4,
      suppressed: 12,
    };
    expect(
      renderGithubSummary(run, { terminal: terminal(null), strict: false, suppressions: 'cassette-suppressions.json', rehashFixes: 3 }),
    ).toMatchInlineSnapshot(`
      "## cassette verify: failed

      **3170 files: 4 errors, 0 warnings** (12 more suppressed by \`cassette-suppressions.json\`)

      | rule | code | severity | findings |
      |---|---|---|---:|
      | hash | \`hash/older-scheme\` | error | 3 |
      | parse | \`parse/empty\` | error | 1 |

      \`cassette rehash --write\` fixes 3 of them (renames each file to the name the recorder looks up).

      | folder | findings |
      |---|---:|
      | \`tests/integration/responses/recordings\` | 2 |
      | \`.\` | 1 |
      | \`tests/a\\|b'c/recordings\` | 1 |

      "
    `);
  });
});

describe('long lines on a terminal', () => {
  const finding = {
    code: 'hash/no-scheme' as const,
    rule: 'hash' as const,
    severity: 'error' as const,
    path: 'tests/integration/responses/recordings/5cc7605f9950.json',
    message: `name matches no hash scheme: the request was edited after recording, or the file renamed; the E7 recorder looks for ${'ab'.repeat(32)}.json and never finds this file`,
    data: {},
  };
  const result = reportOf(finding);

  it('wrap at the terminal width, each continuation indented under its text', () => {
    const lines = REPORTERS.human(result, { terminal: terminal(80), strict: false }).split('\n');
    expect(lines.every((line) => line.length <= 80)).toBe(true);
    expect(lines[1]).toMatch(/^ {2}error {4}hash +name matches no hash scheme: /);
    expect(lines[2]).toMatch(/^ {4}\S/);
    // Nothing is lost to the wrapping: the words are the message's, in order.
    expect(lines.slice(1, 4).join(' ').replace(/\s+/g, ' ')).toContain(finding.message.slice(0, 150));
  });

  it('stay whole when piped, for grep and for tools that read them', () => {
    const lines = REPORTERS.human(result, { terminal: terminal(null), strict: false }).split('\n');
    expect(lines[1]!.length).toBeGreaterThan(150);
  });
});
