import { describe, expect, it } from 'vitest';
import { run as runVerify } from '../../../src/cli/commands/verify.js';
import { vcrCassette } from '../../builders/vcr-cassette.js';
import { makeTempDir, outputOf, runCli, testContext, writeTree } from '../../helpers.js';

/**
 * The secret rule on the shapes real cassettes hold: every credential, and nothing else.
 * Each cassette is one vcrpy interaction, its request headers, URI and bodies as given.
 */

interface Finding {
  code: string;
  data: { kind: string; location: string; masked: string };
}

const cassette = (options: { uri?: string; headers?: string; body?: unknown; responseHeaders?: string; responseBody?: unknown }) =>
  vcrCassette({ ...options, response: options.responseBody ?? { id: 'chatcmpl-1', object: 'chat.completion', choices: [] } });

async function secretsIn(text: string): Promise<Finding['data'][]> {
  const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_y.yaml': text });
  const outcome = await runVerify({ paths: ['tests'] }, { json: true, rule: ['secret'] }, testContext(root).context);
  return (JSON.parse(outputOf(outcome)).problems as Finding[]).map((problem) => problem.data);
}

// 40 characters of base64 with every key prefix inside, as inline media and signatures hold them.
const BASE64_WITH_PREFIXES = `iVBORw0KGgoAAAANSUhEUgAAAhf_${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'.repeat(2)}ghp_${'Zq3xR8mN2kL5vB9cT1wY4uH7jF6dS0aE2gP8r'.repeat(3)}sk-proj-${'Q'.repeat(3)}x9Lm2Pq7Rt4Vw8Yz3Bc6Df1Gh5Jk0Mn4`;

describe('the secret rule: no false alarm on what real cassettes hold', () => {
  it('a key prefix inside a longer token is no key: a Cloudflare cookie, a URL query, a slug', async () => {
    const found = await secretsIn(
      cassette({
        uri: 'https://news.example.com/gsk-boosts-lung-cancer-survival-9f3a2b?sig_ref=AWEtsqfBqYB1hWsk-3kPDok7Qx9Lm2Pq7Rt4Vw8Yz3Bc6',
        responseHeaders: [
          '      set-cookie:',
          '      - __cf_bm=Iejmmhf_cpXjAbCdEfGhIjKlMnOpQrStUvWxYz12a9Qr.5-1750000000-1.0.1.1-Xk2; path=/; HttpOnly',
        ].join('\n'),
      }),
    );
    expect(found).toEqual([]);
  });

  it('opaque base64 is not text: inline media, Gemini thought signatures, OpenAI encrypted reasoning', async () => {
    const found = await secretsIn(
      cassette({
        uri: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
        body: { contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: BASE64_WITH_PREFIXES } }] }] },
        responseBody: {
          candidates: [{ content: { parts: [{ text: 'A cat.', thoughtSignature: BASE64_WITH_PREFIXES }] } }],
          output: [{ type: 'reasoning', encrypted_content: `gAAAAABo${BASE64_WITH_PREFIXES}` }],
        },
      }),
    );
    expect(found).toEqual([]);
  });
});

describe('the secret rule: every credential, whatever holds it', () => {
  it("judges credential headers by name in vcrpy's lists and as !!binary", async () => {
    const headers = [
      '      Api-Key:',
      '      - 3f2c9a8e-41b7-4d5e-9c0a-7b6e5d4c3b2a',
      '      X-Agentops-Api-Key:',
      '      - 9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      '      X-Amz-Security-Token:',
      `      - !!binary |\n        ${Buffer.from(`IQoJb3JpZ2luX2VjE${'Jf9Xk2Lm7Qp4Rt8Vw3Yz6Bc1Df5Gh0Jk'.repeat(4)}`).toString('base64')}`,
      '      authorization:',
      '      - Bearer 7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4',
    ].join('\n');
    const found = await secretsIn(cassette({ headers }));
    expect(found.map((item) => [item.kind, item.location])).toEqual([
      ['Api-Key value', 'request.headers.Api-Key[0]'],
      ['X-Agentops-Api-Key value', 'request.headers.X-Agentops-Api-Key[0]'],
      ['X-Amz-Security-Token value', 'request.headers.X-Amz-Security-Token[0]'],
      ['authorization value', 'request.headers.authorization[0]'],
    ]);
    for (const item of found) expect(item.masked).toMatch(/^.{1,4}… \(\d+ characters\)$/);
  });

  it('finds a session JWT in a body and a presigned URL session token, and leaves placeholders alone', async () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzUwMDAwMDAwfQ.Xk2Lm7Qp4Rt8Vw3Yz6Bc1Df5Gh0Jk9Nm2Pq7Rs';
    const found = await secretsIn(
      cassette({
        uri: 'https://bucket.s3.amazonaws.com/f.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJf9Xk2Lm7Qp4Rt8Vw3&X-Amz-Expires=60',
        headers: [
          '      x-api-key:',
          '      - <ANTHROPIC_API_KEY>',
          '      Authorization:',
          "      - '[REDACTED]'",
          '      x-goog-api-key:',
          '      - X-GOOG-API-KEY-XXX',
        ].join('\n'),
        responseBody: { session: { token: jwt } },
      }),
    );
    expect(found.map((item) => item.kind).sort()).toEqual(['JSON Web Token', 'credential in URL parameter X-Amz-Security-Token='].sort());
  });
});

describe('masking', () => {
  it('never alters a path or a test id that merely holds a key prefix', () => {
    const name = 'tests/cassettes/test_google/test_google_task_prefix[task-type-retrieval-document-gemini-embedding-001].yaml';
    const root = writeTree(makeTempDir(), { [name]: cassette({}) });
    // Through the built binary: the writer masks what every command prints.
    expect(JSON.parse(runCli(['list', '--json', 'tests'], { cwd: root }).stdout)[0].path).toBe(name);
    expect(runCli(['list', 'tests'], { cwd: root, env: { COLUMNS: '400' } }).stdout).toContain('task-type-retrieval-document');
  });
});

describe('a cassette that runs code when vcrpy loads it', () => {
  it('is an error, named by its tag, whether or not the rest of it reads', async () => {
    const text = cassette({}).replace(
      '      string: |',
      '      string: !!python/object/apply:os.system ["touch /tmp/cassette-pwned"]\n      unused: |',
    );
    const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_y.yaml': text });
    const outcome = await runVerify({ paths: ['tests'] }, { json: true, rule: ['parse'] }, testContext(root).context);
    const problems = JSON.parse(outputOf(outcome)).problems as Array<{ code: string; severity: string; message: string }>;
    expect(problems.filter((problem) => problem.code === 'parse/code-tag')).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('!!python/object/apply:os.system') }),
    ]);
    expect(outcome.exitCode).toBe(1);
  });

  it('leaves the same text inside a body alone: a fetched mkdocs.yml is data', async () => {
    const text = cassette({
      responseBody: 'markdown_extensions:\n  - pymdownx.superfences:\n      format: !!python/name:pymdownx.superfences.fence_code_format',
    });
    const root = writeTree(makeTempDir(), { 'tests/cassettes/test_x/test_y.yaml': text });
    const outcome = await runVerify({ paths: ['tests'] }, { json: true, rule: ['parse'] }, testContext(root).context);
    expect(JSON.parse(outputOf(outcome)).problems).toEqual([]);
  });
});

describe('secrets in the corners of a cassette', () => {
  it('finds a key in a comment, under a key beside interactions, and in a status message', async () => {
    const keys = ['Ab3dEf6hIj9kLm2nOp5q', 'Zq3xR8mN2kL5vB9cT1wY', 'Qm7vT2xLp9RkW4nZ8cYb'].map((body) => `sk-proj-${body}${body}`);
    const text = `# recorded with ${keys[0]}\n${cassette({}).replace('      message: OK', `      message: OK ${keys[2]}`)}extra:\n  token_used: ${keys[1]}\n`;
    const found = await secretsIn(text);
    expect(found.map((item) => [item.kind, item.location]).sort()).toEqual(
      [
        ['OpenAI API key', 'a comment or key outside the interactions'],
        ['OpenAI API key', 'a comment or key outside the interactions'],
        ['OpenAI API key', 'response.statusMessage'],
      ].sort(),
    );
  });
});

describe('a key written twice', () => {
  it('finds the secret in the first value, which the loaded cassette drops', async () => {
    const key = `sk-proj-${'Ab3dEf6hIj9kLm2nOp5q'.repeat(2)}`;
    const text = cassette({ headers: `      x-api-key:\n      - ${key}\n      x-api-key:\n      - FILTERED` });
    const found = await secretsIn(text);
    expect(found.map((item) => item.kind)).toEqual(['OpenAI API key']);
  });
});
