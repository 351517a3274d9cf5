import { isObject } from '../../json/json-value.js';
import { defineRule, hit, type FileRule, type Hit } from '../define-rule.js';

interface SecretPattern {
  kind: string;
  pattern: RegExp;
}

/** Credential formats with a recognisable shape. Sources: each provider's documented key prefix. */
const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/ },
  { kind: 'OpenAI API key', pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/ },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'AWS secret access key', pattern: /aws_secret_access_key\\?["']?\s*[:=]\s*\\?["']?[A-Za-z0-9/+=]{40}/i },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { kind: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}/ },
];

// Keys whose value is a credential whatever it looks like (OpenAI, Anthropic, Azure, Google).
const CREDENTIAL_KEYS = /^(authorization|proxy-authorization|api-key|x-api-key|api_key|apikey|x-goog-api-key|ocp-apim-subscription-key)$/i;
const CREDENTIAL_KEY_TEXT =
  /["'](?:authorization|proxy-authorization|api-key|x-api-key|api_key|apikey|x-goog-api-key|ocp-apim-subscription-key)\\?["']\s*:/i;
// Credentials passed in a URL: ?key=..., &token=...
const URL_PARAM = /[?&](key|api_key|apikey|token|access_token|auth|sig)=([^&#\s"'\\]+)/i;
// Every pattern above starts with one of these: one case-insensitive pass over the text
// decides whether the precise patterns run at all (they are rarely needed).
const PREFILTER =
  /\b(?:sk-|aiza|akia|asia|gh[pousr]_|github_pat_|hf_)|aws_secret_access_key|["'](?:authorization|proxy-authorization|api-key|x-api-key|api_key|apikey|x-goog-api-key|ocp-apim-subscription-key)\\?["']\s*:|[?&](?:key|api_key|apikey|token|access_token|auth|sig)=/i;
const PLACEHOLDER =
  /^(|\*+|x+|\.+|-+|<[^>]*>|\{\{.*\}\}|\$\{.*\}|\$[A-Z_]+|none|null|redacted|\[redacted\]|placeholder|fake.*|dummy.*|test.*|example.*|your[-_ ].*|sk-(fake|test|dummy|x+).*|bearer\s*(|\*+|x+|<[^>]*>|redacted|fake.*|test.*|dummy.*))$/i;

/** A credential anywhere in the file. The message names where and shows a masked value only. */
export const secretRule = defineRule<'secret', FileRule<'secret'>>({
  name: 'secret',
  scope: 'file',
  defaultSeverity: 'error',
  description:
    "OpenAI, Anthropic, Google, AWS, GitHub and Hugging Face key patterns, `Authorization`/`api-key`/`x-api-key` values that are not placeholders, `key=`/`token=` URL parameters, and the config's own patterns; shows where and a masked value, never the secret",
  check(recording, context) {
    const { text, value } = recording;
    if (text === null || !isObject(value)) return [];
    const custom = context.secretPatterns.map((pattern) => ({ kind: `secret matching ${pattern}`, pattern }));
    const patterns = [...SECRET_PATTERNS, ...custom];
    // Two cheap passes over the raw text decide whether anything is worth a closer look;
    // only then do the full patterns run, and only a real hit pays for walking the tree.
    if (custom.length === 0 && !PREFILTER.test(text)) return [];
    const suspects = patterns.filter(({ pattern }) => pattern.test(text));
    const keyHit = CREDENTIAL_KEY_TEXT.test(text);
    const urlHit = URL_PARAM.test(text);
    if (suspects.length === 0 && !keyHit && !urlHit) return [];
    return findSecrets(value, suspects, keyHit, urlHit);
  },
});

function findSecrets(root: unknown, suspects: readonly SecretPattern[], keyHit: boolean, urlHit: boolean): Hit[] {
  // By value: one secret seen in several places (or by several patterns) is one finding.
  const found = new Map<string, { kind: string; locations: Set<string> }>();
  const report = (kind: string, value: string, location: string): void => {
    const seen = found.get(value);
    if (seen) seen.locations.add(location);
    else found.set(value, { kind, locations: new Set([location]) });
  };
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      for (const { kind, pattern } of suspects) {
        const match = pattern.exec(value);
        if (match) report(kind, match[0], path);
      }
      if (urlHit) {
        const match = URL_PARAM.exec(value);
        if (match && !isPlaceholder(match[2]!)) report(`credential in URL parameter ${match[1]}=`, match[2]!, path);
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` });
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        if (keyHit && CREDENTIAL_KEYS.test(key) && typeof child === 'string' && !isPlaceholder(child)) {
          report(`${key} value`, child, childPath);
          continue;
        }
        stack.push({ value: child, path: childPath });
      }
    }
  }
  return [...found].map(([value, { kind, locations }]) => {
    const [first, ...more] = locations;
    const where = more.length === 0 ? first! : `${first} and ${more.length} more place${more.length > 1 ? 's' : ''}`;
    return hit('secret/found', { kind, location: where, masked: mask(value) });
  });
}

function isPlaceholder(value: string): boolean {
  return value.length < 8 || PLACEHOLDER.test(value.trim());
}

/** Enough to recognise which key it is, never enough to use it. */
function mask(value: string): string {
  const visible = value.replace(/^Bearer\s+/i, '').slice(0, 4);
  return `${visible}… (${value.length} characters)`;
}
