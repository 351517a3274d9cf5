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
 * Provider key formats, by each provider's documented prefix, alphabet and length, matched
 * only as whole tokens: never preceded or followed by a character of the key's alphabet, so
 * `hf_` inside a cookie (`…Iejmmhf_cpXj…`), `sk-` inside a URL (`…hWsk-3kPD…`) or a slug
 * (`gsk-boosts-…`) and a prefix inside a base64 run are no keys. A match must also look
 * random (see `looksRandom`): `sk-learn-compatible-estimator` and `sk-xxxx…` are words and
 * placeholders. `max` bounds a match: a longer run is a blob that happens to hold a prefix.
 */
interface KeyShape extends SecretPattern {
  max: number;
}

const KEY_PATTERNS: readonly KeyShape[] = [
  { kind: 'Anthropic API key', pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g, max: 256 },
  {
    kind: 'OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g,
    max: 256,
  },
  { kind: 'Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, max: 39 },
  // In a SigV4 `Credential=AKIA…/20250101/…` the id is followed by a slash: only letters and digits bound it.
  { kind: 'AWS access key id', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g, max: 20 },
  {
    kind: 'AWS secret access key',
    pattern: /aws_secret_access_key\\?["']?\s*[:=]\s*\\?["']?[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi,
    max: 128,
  },
  {
    kind: 'GitHub token',
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{80,90})(?![A-Za-z0-9_])/g,
    max: 101,
  },
  { kind: 'Hugging Face token', pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34}(?![A-Za-z0-9_])/g, max: 37 },
  // Session tokens a service returns and the client sends back (`eyJhbGciOi…`): header.payload.signature.
  {
    kind: 'JSON Web Token',
    pattern: /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_.-])/g,
    max: 8192,
  },
];

/**
 * Header and field names whose value is a credential whatever it looks like: authorization,
 * and any name ending in an API key, a subscription key or an access, auth, security or
 * session token (`Api-Key`, `X-Agentops-Api-Key`, `X-Amz-Security-Token`, `access_token`).
 * One spelling serves the rule (by name), the masker (as text) and redact.
 */
export const CREDENTIAL_NAME =
  '(?:proxy-)?authorization|[A-Za-z0-9_-]*?(?:api[-_]?key|apikey|subscription[-_]key|(?:access|auth|security|session)[-_]token)';
export const CREDENTIAL_KEY = new RegExp(`^(?:${CREDENTIAL_NAME})$`, 'i');

/** Credentials passed in a URL: ?key=..., &token=..., a presigned URL's signature and session token. */
export const URL_PARAM =
  /[?&](key|api_key|apikey|token|access_token|auth|sig|x-amz-signature|x-amz-credential|x-amz-security-token)=([^&#\s"'\\]+)/gi;

export const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g;

const PLACEHOLDER =
  /^(|\*+|x+|\.+|-+|<[^>]*>|\{\{.*\}\}|\$\{.*\}|\$[A-Z_]+|none|null|redacted|\[redacted\]|placeholder|fake.*|dummy.*|test.*|example.*|your[-_ ].*|sk-(fake|test|dummy|x+).*|bearer\s*(|\*+|x+|<[^>]*>|redacted|fake.*|test.*|dummy.*))$/i;

/**
 * A value that stands for a credential without being one (`<redacted>`, `${OPENAI_API_KEY}`,
 * `fake-key`), after an authorization scheme (`Bearer <AUTH_TOKEN>`, `Token <KEY>`). An AWS
 * signature header is one when its key id and signature are (Ruby VCR's filters write
 * `Credential=<AWS_ACCESS_KEY_ID>/...` and `Signature=<AWS_SIGV4_SIGNATURE>`).
 */
export function isPlaceholder(value: string): boolean {
  const bare = value.trim().replace(/^(?:bearer|token|basic|bot|apikey|key)\s+/i, '');
  if (/^AWS4-HMAC-SHA256\s/i.test(bare)) {
    const keyId = /Credential=([^/,\s]*)/.exec(bare)?.[1];
    const signature = /Signature=([^,\s]*)/.exec(bare)?.[1];
    return (keyId === undefined || isPlaceholder(keyId)) && (signature === undefined || isPlaceholder(signature));
  }
  return (
    bare.length < 8 ||
    PLACEHOLDER.test(bare) ||
    /redacted|placeholder|filtered|scrubbed|x{6,}|\*{4,}|[-_]x{3,}$/i.test(bare) ||
    // The header's own name in capitals, as recorders' filters write it: `AUTHORIZATION-XXX`, `API_KEY`.
    /^[A-Z]+(?:[-_][A-Z]+)+$/.test(bare)
  );
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

/** Every provider key (or user pattern match) in a text. */
export function findKeys(text: string, extra: readonly SecretPattern[] = []): FoundKey[] {
  const found: FoundKey[] = [];
  if (extra.length === 0 && !KEY_HINT.test(text)) return found;
  for (const { kind, pattern, max } of KEY_PATTERNS) {
    for (const match of text.matchAll(pattern)) if (match[0].length <= max && looksRandom(match[0])) found.push({ kind, value: match[0] });
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
  /sk-[A-Za-z0-9_-]{20}|AIza[0-9A-Za-z_-]{35}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_|hf_[A-Za-z0-9]{30}|eyJ[A-Za-z0-9_-]{8,}\.eyJ/;
const CREDENTIAL_HINT =
  /bearer\s|aws_secret_access_key|[?&](?:key|api_key|apikey|token|access_token|auth|sig|x-amz-signature|x-amz-credential|x-amz-security-token)=|authorization|api[-_]?key|apikey|subscription[-_]key|(?:access|auth|security|session)[-_]token/i;
// The credential names as a JSON or YAML pair (`"Api-Key": "…"`), the masker's view of what the rule finds by name.
const CREDENTIAL_PAIR = new RegExp(`(["']?)\\b(${CREDENTIAL_NAME})\\1(\\s*[:=]\\s*)(["'])((?:(?!\\4)[^\\\\]|\\\\.){8,}?)\\4`, 'gi');

/** Every credential in a text replaced by its mask: what the terminal writer does to all output but `show --raw`. */
export function maskSecrets(text: string): string {
  if (!KEY_HINT.test(text) && !CREDENTIAL_HINT.test(text)) return text;
  return text.length > WINDOWED_ABOVE ? maskAroundHints(text) : maskText(text);
}

// Below this a text is masked whole; above (a list --json of thousands of rows where test
// names say `bad_apiKey`), only around what the hints find: every pattern's match starts at
// or just after a hint (a key is its own hint, the others start with a name, `Bearer` or
// `key=`), and ends on that line or the next (a name and its value on two lines of YAML).
// A whole-text pass over megabytes cost a warm list ~15 ms.
const WINDOWED_ABOVE = 64 * 1024;
// A value runs to the end of its line, however long (a token of a few kilobytes), up to this.
const MAX_WINDOW = 64 * 1024;
const HINTS = [new RegExp(KEY_HINT.source, 'g'), new RegExp(CREDENTIAL_HINT.source, 'gi')];

function maskAroundHints(text: string): string {
  const starts = HINTS.flatMap((hint) => [...text.matchAll(hint)].map((match) => match.index)).sort((a, b) => a - b);
  const windowEnd = (start: number): number => Math.min(start + MAX_WINDOW, lineEndAfter(text, lineEndAfter(text, start) + 1));
  let out = '';
  let done = 0;
  let i = 0;
  while (i < starts.length) {
    // From just before the hint (a quote, the character that makes a key a whole token); overlapping windows are one.
    const from = Math.max(done, starts[i]! - 2);
    let to = windowEnd(starts[i]!);
    while (i < starts.length && starts[i]! - 2 <= to) to = Math.max(to, windowEnd(starts[i++]!));
    out += text.slice(done, from) + maskText(text.slice(from, to));
    done = to;
  }
  return out + text.slice(done);
}

/** The end of the line `at` is on (its line break), or the text's end. */
function lineEndAfter(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

function maskText(text: string): string {
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
