import { isObject, type JsonObject } from '../../core/json/json-value.js';

/**
 * What keeps a secret out of the next recording of a cassette, by where it sits: a header,
 * query or form parameter filter by name, else a hook on the request or the response. The
 * settings are named as vcrpy names them; each container format words the fix its
 * recorder's way (`describeSecretFix`).
 */
export type CassetteFix =
  | { setting: 'filter_headers' | 'filter_query_parameters' | 'filter_post_data_parameters'; name: string }
  | { setting: 'before_record_request' | 'before_record_response'; name: null };

/** Where a secret was found in an interaction (`request.headers.authorization[0]`, `request.url`...) and what it is. */
export function findCassetteFix(secret: string, location: string, interaction: JsonObject): CassetteFix {
  const header = /^request\.headers\.([^.[]+)/.exec(location);
  if (header) return { setting: 'filter_headers', name: header[1]!.toLowerCase() };
  // Anything not in the request (the response, or the answer rebuilt from its stream) is the response's.
  if (!location.startsWith('request')) return { setting: 'before_record_response', name: null };
  const request = isObject(interaction.request) ? interaction.request : {};
  if (location === 'request.url' && typeof request.url === 'string' && request.url.includes('?')) {
    const name = parameterHolding(request.url.slice(request.url.indexOf('?') + 1), secret);
    if (name !== null) return { setting: 'filter_query_parameters', name };
  }
  // A form body (`a=1&key=...`) has its own filter; JSON or text needs a hook.
  if (location === 'request.body' && typeof request.body === 'string') {
    const name = parameterHolding(request.body, secret);
    if (name !== null) return { setting: 'filter_post_data_parameters', name };
  }
  return { setting: 'before_record_request', name: null };
}

/** The parameter of a query (or form body) whose value holds the secret; URLSearchParams decodes as servers do. */
function parameterHolding(query: string, secret: string): string | null {
  for (const [name, value] of new URLSearchParams(query)) if (name !== '' && value.includes(secret)) return name;
  return null;
}
