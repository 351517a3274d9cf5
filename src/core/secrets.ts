/**
 * What a credential looks like, in one place: the `secret` rule finds them in recordings,
 * and the terminal writer masks them in everything cassette prints (but `show --raw`).
 */

export interface SecretPattern {
  kind: string;
  /** Global, so that every occurrence in a text is found. */
  pattern: RegExp;
}

/**
 * Provider key formats, by each provider's documented prefix and alphabet. A match must
 * also look random (see `looksRandom`): `sk-learn-compatible-estimator` and `sk-xxxx…`
 * start like keys but are words and placeholders. No word boundary is required before the
 * prefix: a key glued to the word before it (`ask-proj-…`) is still a key.
 */
const KEY_PATTERNS: readonly SecretPattern[] = [
  { kind: 'Anthropic API key', pattern: /sk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'OpenAI API key', pattern: /sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'Google API key', pattern: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'AWS access key id', pattern: /(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'AWS secret access key', pattern: /aws_secret_access_key\\?["']?\s*[:=]\s*\\?["']?[A-Za-z0-9/+=]{40}/gi },
  { kind: 'GitHub token', pattern: /(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { kind: 'Hugging Face token', pattern: /hf_[A-Za-z0-9]{30,}/g },
];

/** Header and parameter names whose value is a credential whatever it looks like. */
export const CREDENTIAL_KEY =
  /^(authorization|proxy-authorization|api-key|x-api-key|api_key|apikey|x-goog-api-key|ocp-apim-subscription-key|x-amz-security-token)$/i;

/** Credentials passed in a URL: ?key=..., &token=... */
export const URL_PARAM = /[?&](key|api_key|apikey|token|access_token|auth|sig|x-amz-signature|x-amz-credential)=([^&#\s"'\\]+)/gi;

const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g;

const PLACEHOLDER =
  /^(|\*+|x+|\.+|-+|<[^>]*>|\{\{.*\}\}|\$\{.*\}|\$[A-Z_]+|none|null|redacted|\[redacted\]|placeholder|fake.*|dummy.*|test.*|example.*|your[-_ ].*|sk-(fake|test|dummy|x+).*|bearer\s*(|\*+|x+|<[^>]*>|redacted|fake.*|test.*|dummy.*))$/i;

/** A value that stands for a credential without being one (`<redacted>`, `${OPENAI_API_KEY}`, `fake-key`). */
export function isPlaceholder(value: string): boolean {
  const bare = value.trim().replace(/^bearer\s+/i, '');
  return bare.length < 8 || PLACEHOLDER.test(bare) || /redacted|placeholder|filtered|scrubbed|x{6,}|\*{4,}/i.test(bare);
}

/**
 * Keys are random: a digit, letters, and no long run of one character. Words that start
 * like a key (`sk-learn-compatible-estimator`) and placeholders (`sk-xxxxxxxx…`) are not.
 */
function looksRandom(value: string): boolean {
  const body = value.replace(/^[a-z]+[-_](?:[a-z]+[-_])?/i, '');
  if (!/\d/.test(body) || !/[A-Za-z]/.test(body)) return false;
  if (/(.)\1{5,}/.test(body) || isPlaceholder(value)) return false;
  return new Set(body).size >= 10;
}

export interface FoundKey {
  kind: string;
  value: string;
}

/**
 * Provider keys are at most ~200 characters (OpenAI project keys are the longest); a longer
 * run of key characters is a URL-safe base64 blob (an image, a PDF) that happens to hold `sk-`.
 */
const MAX_KEY_LENGTH = 256;

/** Every provider key (or user pattern match) in a text. */
export function findKeys(text: string, extra: readonly SecretPattern[] = []): FoundKey[] {
  const found: FoundKey[] = [];
  if (extra.length === 0 && !KEY_HINT.test(text)) return found;
  for (const { kind, pattern } of KEY_PATTERNS) {
    for (const match of text.matchAll(pattern))
      if (match[0].length <= MAX_KEY_LENGTH && looksRandom(match[0])) found.push({ kind, value: match[0] });
  }
  for (const { kind, pattern } of extra) for (const match of matchBounded(text, pattern)) found.push({ kind, value: match });
  return found;
}

/** A user pattern runs on windows of bounded length: even a slow pattern cannot take CI down. */
const WINDOW = 4096;
const OVERLAP = 256;

function matchBounded(text: string, pattern: RegExp): string[] {
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  const found = new Set<string>();
  for (let start = 0; start < text.length || start === 0; start += WINDOW - OVERLAP) {
    for (const match of text.slice(start, start + WINDOW).matchAll(global)) if (match[0] !== '') found.add(match[0]);
    if (start + WINDOW >= text.length) break;
  }
  return [...found];
}

/** Enough to recognise which key it is, never enough to use it: the first 4 characters and the length. */
export function maskSecret(value: string, kind?: string): string {
  const visible = value.replace(/^Bearer\s+/i, '').slice(0, 4);
  return kind ? `${visible}… (${kind}, ${value.length} characters)` : `${visible}… (${value.length} characters)`;
}

/**
 * Two cheap passes decide whether the precise patterns run at all: a key's prefix followed by
 * enough key characters (case-sensitive, so 'task-based' does not count), or a credential
 * name (any case).
 */
const KEY_HINT =
  /sk-[A-Za-z0-9_-]{20}|AIza[0-9A-Za-z_-]{35}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_|hf_[A-Za-z0-9]{30}/;
const CREDENTIAL_HINT =
  /bearer\s|aws_secret_access_key|[?&](?:key|api_key|apikey|token|access_token|auth|sig|x-amz-signature|x-amz-credential)=|authorization|api[-_]?key|x-amz-security-token/i;
const CREDENTIAL_PAIR =
  /(["']?)(authorization|proxy-authorization|api-key|x-api-key|api_key|apikey|x-goog-api-key|ocp-apim-subscription-key|x-amz-security-token)\1(\s*[:=]\s*)(["'])((?:(?!\4)[^\\]|\\.){8,}?)\4/gi;

/** Every credential in a text replaced by its mask: what the terminal writer does to all output but `show --raw`. */
export function maskSecrets(text: string): string {
  if (!KEY_HINT.test(text) && !CREDENTIAL_HINT.test(text)) return text;
  let masked = text;
  for (const { kind, value } of findKeys(text)) masked = masked.split(value).join(maskSecret(value, kind));
  masked = masked.replace(BEARER, (whole, token: string) =>
    isPlaceholder(token) || token.includes('…') ? whole : `Bearer ${maskSecret(token, 'token')}`,
  );
  masked = masked.replace(URL_PARAM, (whole, name: string, value: string) =>
    isPlaceholder(value) || value.includes('…') ? whole : `${whole[0]}${name}=${maskSecret(value, 'credential')}`,
  );
  masked = masked.replace(CREDENTIAL_PAIR, (whole, quote: string, name: string, separator: string, open: string, value: string) =>
    isPlaceholder(value) || value.includes('…')
      ? whole
      : `${quote}${name}${quote}${separator}${open}${maskSecret(value, 'credential')}${open}`,
  );
  return masked;
}
