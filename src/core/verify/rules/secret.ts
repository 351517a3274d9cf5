import { isObject } from '../../json/json-value.js';
import type { Recording } from '../../load/open-recording.js';
import { CREDENTIAL_KEY, URL_PARAM, findKeys, isPlaceholder, maskSecret, type SecretPattern } from '../../secrets.js';
import { defineRule, hit, type FileRule, type Hit } from '../define-rule.js';
import { findCassetteFix, type CassetteFix } from './cassette-secret-fix.js';
import { stringifyJson } from '../../json/depth.js';

/**
 * One case-sensitive pass over the raw text decides whether the tree is walked at all: a
 * key's prefix followed by key characters, or a credential header or parameter name (in
 * the spellings providers use). A regular-expression pass over every byte is the cost of
 * this rule on a healthy tree, so there is one, not three.
 */
const HINT =
  /sk-[A-Za-z0-9_-]{20}|AIza[0-9A-Za-z_-]{35}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_|hf_[A-Za-z0-9]{30}|aws_secret_access_key|["'](?:[Aa]uthorization|[Pp]roxy-[Aa]uthorization|[Aa]pi-[Kk]ey|[Xx]-[Aa]pi-[Kk]ey|api_key|apikey|[Xx]-[Gg]oog-[Aa]pi-[Kk]ey|[Oo]cp-[Aa]pim-[Ss]ubscription-[Kk]ey|[Xx]-[Aa]mz-[Ss]ecurity-[Tt]oken)\\?["']|[?&](?:key|api_key|apikey|token|access_token|auth|sig|X-Amz-Signature|X-Amz-Credential)=/;
const BASE64 = /^[A-Za-z0-9+/]{20,}={0,2}$/;
const DATA_URL = /^data:[^,;]*;base64,/;
const MAX_BASE64 = 64 * 1024;

/**
 * A credential anywhere in the file: in any string or object key, in header lists of
 * `[name, value]` pairs, in base64 text, and in a streamed answer even when the key was
 * split across chunks. Findings show where and a masked value, never the secret.
 */
export const secretRule = defineRule<'secret', FileRule<'secret'>>({
  name: 'secret',
  scope: 'file',
  defaultSeverity: 'error',
  formats: ['ogx', 'vcr'],
  description:
    "OpenAI, Anthropic, Google, AWS, GitHub and Hugging Face keys (by their real shapes, not words that start alike), credential headers (also as `[name, value]` lists), `key=`/`token=` URL parameters, keys inside base64 text or split across stream chunks, and the config's own patterns; shows where and a masked value, never the secret; in a cassette, headers (AWS SigV4 `Credential=` too), URIs and bodies after decompression",
  check(recording, context) {
    const { text, value } = recording;
    if (text === null || !isObject(value)) return [];
    const custom: SecretPattern[] = context.secretPatterns.map((pattern) => ({ kind: `secret matching ${pattern}`, pattern }));
    const found = new Findings();
    // Base64 text is decoded in files that carry base64 (data URLs, b64_json, encoding_format):
    // two substring searches, where a pattern for every alignment of every key prefix cost more than the rest of the rule.
    const base64 = text.includes('base64') || text.includes('b64_json');
    if (custom.length > 0 || base64 || HINT.test(text)) walk(value, custom, base64, found);
    scanAnswer(recording, custom, found);
    return found.hits(recording.entry.format === 'vcr' ? (secret, location) => findCassetteFix(secret, location, value) : undefined);
  },
});

/** By value: one secret seen in several places (or by several patterns) is one finding. */
class Findings {
  private readonly byValue = new Map<string, { kind: string; locations: Set<string> }>();

  add(kind: string, value: string, location: string): void {
    const seen = this.byValue.get(value);
    if (seen) seen.locations.add(location);
    else this.byValue.set(value, { kind, locations: new Set([location]) });
  }

  has(value: string): boolean {
    return [...this.byValue.keys()].some((known) => known.includes(value) || value.includes(known));
  }

  entries(): Array<{ kind: string; value: string; location: string }> {
    return [...this.byValue].map(([value, { kind, locations }]) => ({ kind, value, location: [...locations][0]! }));
  }

  /** `fixFor`: in a cassette, the vcrpy setting that keeps the secret out of the next recording. */
  hits(fixFor?: (value: string, location: string) => CassetteFix): Hit[] {
    return [...this.byValue].map(([value, { kind, locations }]) => {
      const [first, ...more] = locations;
      const where = more.length === 0 ? first! : `${first} and ${more.length} more place${more.length > 1 ? 's' : ''}`;
      return hit('secret/found', { kind, location: where, masked: maskSecret(value), ...(fixFor && { fix: fixFor(value, first!) }) });
    });
  }
}

function scanText(text: string, custom: readonly SecretPattern[], location: string, found: Findings): void {
  for (const key of findKeys(text, custom)) found.add(key.kind, key.value, location);
  if (!text.includes('=')) return;
  for (const match of text.matchAll(URL_PARAM)) {
    if (!isPlaceholder(match[2]!)) found.add(`credential in URL parameter ${match[1]}=`, match[2]!, location);
  }
}

function walk(root: unknown, custom: readonly SecretPattern[], base64: boolean, found: Findings): void {
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      scanText(value, custom, path, found);
      if (base64 && value.length <= MAX_BASE64) {
        const payload = value.replace(DATA_URL, '');
        const decoded = BASE64.test(payload) ? decodeText(payload) : null;
        if (decoded !== null) scanText(decoded, custom, `${path} (base64)`, found);
      }
    } else if (Array.isArray(value)) {
      // Header lists: [["Authorization", "Bearer …"], …]
      if (value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && CREDENTIAL_KEY.test(value[0])) {
        if (!isPlaceholder(value[1])) found.add(`${value[0]} value`, value[1], path);
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` });
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        // A key used as an object key leaks as much as one used as a value.
        for (const secret of findKeys(key, custom)) found.add(secret.kind, secret.value, `${path || '(top level)'} (as a key)`);
        if (CREDENTIAL_KEY.test(key) && typeof child === 'string') {
          if (!isPlaceholder(child)) found.add(`${key} value`, child, childPath);
          continue;
        }
        stack.push({ value: child, path: childPath });
      }
    }
  }
}

/** Decoded base64 when it is text (a key hides in text, not in an image), else null. */
function decodeText(value: string): string | null {
  const bytes = Buffer.from(value, 'base64');
  let printable = 0;
  for (const byte of bytes) if ((byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x09 || byte === 0x0d) printable++;
  return bytes.length > 0 && printable / bytes.length >= 0.95 ? bytes.toString('latin1') : null;
}

/** A key split across stream chunks is whole only in the rebuilt answer. */
function scanAnswer(recording: Recording, custom: readonly SecretPattern[], found: Findings): void {
  if (!recording.envelope || !Array.isArray(recording.envelope.body)) return;
  const answer = recording.answer();
  if (!answer.ok) return;
  const { text, reasoning, toolCalls } = answer.answer;
  const before = new Findings();
  if (text) scanText(text, custom, 'the answer rebuilt from the stream', before);
  if (reasoning) scanText(reasoning, custom, 'the reasoning rebuilt from the stream', before);
  toolCalls.forEach((call, i) => {
    const args = typeof call.arguments === 'string' ? call.arguments : stringifyJson(call.arguments);
    if (args) scanText(args, custom, `the arguments of tool call ${i} rebuilt from the stream`, before);
  });
  // Report only what no single chunk already showed whole.
  for (const hitFound of before.entries()) if (!found.has(hitFound.value)) found.add(hitFound.kind, hitFound.value, hitFound.location);
}
