import { isObject } from '../../json/json-value.js';
import type { Recording } from '../../load/open-recording.js';
import { BEARER, CREDENTIAL_KEY, URL_PARAM, findKeys, isPlaceholder, maskSecret, type SecretPattern } from '../../secrets.js';
import { defineRule, hit, type FileRule, type Hit } from '../define-rule.js';
import { findCassetteFix, type CassetteFix } from '../../../formats/containers/secret-fix.js';
import { stringifyJson } from '../../json/depth.js';

/**
 * One case-sensitive pass over the raw text decides whether the tree is walked at all: a
 * key's prefix followed by key characters, or a credential header or parameter name (in
 * the spellings providers use). A regular-expression pass over every byte is the cost of
 * this rule on a healthy tree, so there is one, not three.
 */
const HINT =
  /sk-[A-Za-z0-9_-]{20}|AIza[0-9A-Za-z_-]{35}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_|hf_[A-Za-z0-9]{30}|eyJ[A-Za-z0-9_-]{8,}\.eyJ|aws_secret_access_key|[Aa]uthorization|[Aa]pi[-_]?[Kk]ey|apikey|[Ss]ubscription[-_][Kk]ey|(?:[Aa]ccess|[Aa]uth|[Ss]ecurity|[Ss]ession)[-_][Tt]oken|[?&](?:key|api_key|apikey|token|access_token|auth|sig|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=/;
const BASE64 = /^[A-Za-z0-9+/]{20,}={0,2}$/;
const DATA_URL = /^data:[^,;]*;base64,/;
const MAX_BASE64 = 64 * 1024;

/**
 * Fields that hold opaque base64 (inline media, Gemini thought signatures, OpenAI encrypted
 * reasoning, Anthropic thinking signatures, base64 embeddings): random bytes in which any
 * prefix turns up by chance. Their values are neither scanned as text nor decoded.
 */
const OPAQUE_FIELD =
  /^(?:data|b64_json|bytes|signature|thoughtSignature|thought_signature|encrypted_content|encryptedContent|embedding|partial_image_b64|audio)$/;
const OPAQUE_VALUE = /^(?:data:[^,;]*;base64,)?[A-Za-z0-9+/_-]{64,}={0,2}$/;

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
    "OpenAI, Anthropic, Google, AWS, GitHub and Hugging Face keys and JWTs, each by its real shape and only as a whole token (a prefix inside a longer token or a base64 run is no key); credential headers by name (`Authorization`, `*-Api-Key`, `*-Security-Token`...) whatever holds the value (a string, vcrpy's list, `!!binary`, `[name, value]` lists); `key=`/`token=`/`X-Amz-Security-Token=` URL parameters; keys inside base64 text or split across stream chunks; the config's own patterns. Opaque base64 fields (inline media, thought signatures, encrypted reasoning) are not read as text; placeholders (`<ANTHROPIC_API_KEY>`, `[REDACTED]`, `AUTHORIZATION-XXX`) are no secrets. Shows where and a masked value, never the secret",
  check(recording, context) {
    const found = collectSecrets(recording, context.secretPatterns);
    const { value } = recording;
    if (found === null || !isObject(value)) return [];
    // A cassette's finding says how its recorder keeps the secret out of the next recording.
    const container = recording.entry.container;
    return found.hits(recording.http ? (secret, location) => ({ ...findCassetteFix(secret, location, value), container }) : undefined);
  },
});

/** Every credential in one recording, by value, where first seen: the rule's findings before masking. */
export function findSecrets(
  recording: Recording,
  secretPatterns: readonly RegExp[] = [],
): Array<{ kind: string; value: string; location: string }> {
  return collectSecrets(recording, secretPatterns)?.entries() ?? [];
}

function collectSecrets(recording: Recording, secretPatterns: readonly RegExp[]): Findings | null {
  const { text, value } = recording;
  if (text === null || !isObject(value)) return null;
  const custom: SecretPattern[] = secretPatterns.map((pattern) => ({ kind: `secret matching ${pattern}`, pattern }));
  const found = new Findings();
  // Base64 text is decoded in files that carry base64 (data URLs, b64_json, encoding_format):
  // two substring searches, where a pattern for every alignment of every key prefix cost more than the rest of the rule.
  const base64 = text.includes('base64') || text.includes('b64_json');
  if (custom.length > 0 || base64 || HINT.test(text)) walk(value, custom, base64, found);
  scanAnswer(recording, custom, found);
  if (recording.looseText) scanText(recording.looseText, custom, 'a comment or key outside the interactions', found);
  return found;
}

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
  hits(fixFor?: (value: string, location: string) => CassetteFix & { container: string }): Hit[] {
    return [...this.byValue].map(([value, { kind, locations }]) => {
      const [first, ...more] = locations;
      const where = more.length === 0 ? first! : `${first} and ${more.length} more place${more.length > 1 ? 's' : ''}`;
      return hit('secret/found', { kind, location: where, masked: maskSecret(value), ...(fixFor && { fix: fixFor(value, first!) }) });
    });
  }
}

function scanText(text: string, custom: readonly SecretPattern[], location: string, found: Findings): void {
  for (const key of findKeys(text, custom)) found.add(key.kind, key.value, location);
  // A bearer token in text is a credential whatever it looks like, as the masker treats it.
  if (/bearer\s/i.test(text))
    for (const match of text.matchAll(BEARER))
      if (!isPlaceholder(match[1]!) && !found.has(match[1]!)) found.add('bearer token', match[1]!, location);
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
    } else if (value instanceof Uint8Array) {
      // A YAML `!!binary` value: bytes, scanned as the text they hold.
      const text = decodeText(Buffer.from(value).toString('base64'));
      if (text !== null) scanText(text, custom, path, found);
    } else if (Array.isArray(value)) {
      // Header lists: [["Authorization", "Bearer …"], …]
      if (value.length === 2 && typeof value[0] === 'string' && CREDENTIAL_KEY.test(value[0]) && credentialValues(value[1]).length > 0) {
        for (const credential of credentialValues(value[1])) addCredential(value[0], credential, path, custom, found);
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` });
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        // A key used as an object key leaks as much as one used as a value.
        for (const secret of findKeys(key, custom)) found.add(secret.kind, secret.value, `${path || '(top level)'} (as a key)`);
        // A credential header's value, whatever holds it: a string, vcrpy's list of values, `!!binary` bytes.
        if (CREDENTIAL_KEY.test(key) && (typeof child === 'string' || Array.isArray(child) || child instanceof Uint8Array)) {
          const values = credentialValues(child);
          values.forEach((credential, i) =>
            addCredential(key, credential, Array.isArray(child) ? `${childPath}[${i}]` : childPath, custom, found),
          );
          if (values.length > 0 || typeof child === 'string') continue;
        }
        if (OPAQUE_FIELD.test(key) && typeof child === 'string' && OPAQUE_VALUE.test(child)) continue;
        stack.push({ value: child, path: childPath });
      }
    }
  }
}

/** A credential header's value: the provider keys in it by their kind, else the whole value as the header's credential. */
function addCredential(name: string, value: string, location: string, custom: readonly SecretPattern[], found: Findings): void {
  const keys = findKeys(value, custom);
  if (keys.length === 0) found.add(`${name} value`, value, location);
  for (const key of keys) found.add(key.kind, key.value, location);
}

/** The credentials a header holds: its string, each string of its list, its bytes as text; placeholders left out. */
function credentialValues(value: unknown): string[] {
  const texts = Array.isArray(value) ? value : [value];
  return texts
    .map((text) => (text instanceof Uint8Array ? Buffer.from(text).toString('utf8') : text))
    .filter((text): text is string => typeof text === 'string' && !isPlaceholder(text));
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
