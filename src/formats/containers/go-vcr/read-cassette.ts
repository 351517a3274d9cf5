import { isObject } from '../../../core/json/json-value.js';
import { readBody, readHeaderMap, type ContainerRead, type Interaction, splitExchange } from '../interaction.js';

/** go-vcr's cassette format versions: v4 reads and writes 2; go-vcr v1 wrote 1 with the same fields. */
const VERSIONS = new Set([1, 2]);

/** A go-vcr cassette: `interactions` whose requests carry a `url` (vcrpy's carry a `uri`). */
export function isGoVcrCassette(parsed: unknown): boolean {
  if (!isObject(parsed) || !Array.isArray(parsed.interactions)) return false;
  const first: unknown = parsed.interactions[0];
  if (isObject(first) && isObject(first.request)) return 'url' in first.request && !('uri' in first.request);
  return parsed.version === 2;
}

/**
 * A go-vcr cassette's interactions: the response status is `code` (a number) and `status`
 * ("200 OK"); bodies are strings (`!!binary` when not UTF-8), already gunzipped by Go when
 * `uncompressed` is set.
 */
export function readGoVcrCassette(parsed: unknown): ContainerRead {
  if (!isObject(parsed) || !Array.isArray(parsed.interactions))
    return { ok: false, unsupported: false, reason: 'no interactions list', line: null };
  if (!VERSIONS.has(parsed.version as number))
    return {
      ok: false,
      unsupported: false,
      reason: `cassette version ${JSON.stringify(parsed.version ?? null)}: go-vcr reads version 2 only ("unsupported cassette version format")`,
      line: null,
    };
  return { ok: true, dialect: 'go-vcr', interactions: parsed.interactions.map(readInteraction) };
}

function readInteraction(item: unknown, index: number): Interaction {
  const { request, response, problems } = splitExchange(
    isObject(item) ? item.request : undefined,
    isObject(item) ? item.response : undefined,
  );
  if (request && typeof request.url !== 'string') problems.push('request has no url');
  if (request && typeof request.method !== 'string') problems.push('request has no method');
  if (response && typeof response.code !== 'number') problems.push('response has no numeric code');
  // go-vcr renumbers `id` on save: another number means the file was edited by hand.
  if (isObject(item) && 'id' in item && item.id !== index) problems.push(`id ${JSON.stringify(item.id)} at position ${index}`);
  const status = typeof response?.status === 'string' ? response.status : null;
  return {
    request: {
      method: typeof request?.method === 'string' ? request.method : null,
      uri: typeof request?.url === 'string' ? request.url : null,
      headers: readHeaderMap(request?.headers),
      // `form` is Go's parsed Form (the URL's query included): what the body says, never more.
      body: readBody(request?.body),
    },
    response: {
      status: typeof response?.code === 'number' ? response.code : null,
      // "200 OK": the reason phrase after the code.
      message: status === null ? null : status.replace(/^\d{3} ?/, '') || null,
      headers: readHeaderMap(response?.headers),
      body: readBody(response?.body),
    },
    problems,
  };
}
