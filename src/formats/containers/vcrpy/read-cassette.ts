import { isObject } from '../../../core/json/json-value.js';
import { readBody, readHeaderMap, type ContainerRead, type Interaction, splitExchange } from '../interaction.js';

/** Is the parsed file a vcrpy cassette (or langchain-aws's): request/response interactions whose request has a `uri`? */
export function isVcrpyCassette(parsed: unknown): boolean {
  if (!isObject(parsed)) return false;
  if (Array.isArray(parsed.requests) && Array.isArray(parsed.responses)) return true;
  if (!Array.isArray(parsed.interactions)) return false;
  const first: unknown = parsed.interactions[0];
  return !isObject(first) || !isObject(first.request) || 'uri' in first.request;
}

/**
 * A parsed cassette's interactions. The dialect is chosen by content: vcrpy (`interactions`
 * of request/response), langchain-aws (`requests` and `responses` lists); WebSocket message
 * logs and gRPC samples are other dialects, named as unsupported. Never throws.
 */
export function readVcrpyCassette(parsed: unknown): ContainerRead {
  if (parsed === null || parsed === undefined) return { ok: false, unsupported: true, reason: 'an empty YAML document (comments only)' };
  if (!isObject(parsed)) return { ok: false, unsupported: false, reason: 'top level is not a mapping', line: null };
  if (Array.isArray(parsed.requests) && Array.isArray(parsed.responses)) return readLangchain(parsed.requests, parsed.responses);
  if (!Array.isArray(parsed.interactions))
    return { ok: false, unsupported: true, reason: `no interactions (keys: ${Object.keys(parsed).slice(0, 5).join(', ') || 'none'})` };
  const items = parsed.interactions;
  const other = items.find((item) => isObject(item) && !('request' in item) && !('response' in item));
  if (other !== undefined) return { ok: false, unsupported: true, reason: describeDialect(other) };
  return {
    ok: true,
    dialect: 'vcrpy',
    interactions: items.map((item) => readInteraction(item, isObject(item) ? item.response : undefined)),
  };
}

function describeDialect(item: unknown): string {
  if (isObject(item) && 'direction' in item && 'kind' in item)
    return 'a WebSocket message log (kind/direction/data), not HTTP interactions';
  if (isObject(item) && Object.keys(item).some((key) => /^(request|response)_(stream|sample)$/.test(key)))
    return 'gRPC request/response samples, not HTTP interactions';
  return `interactions that are not request/response pairs (keys: ${isObject(item) ? Object.keys(item).slice(0, 4).join(', ') : typeof item})`;
}

function readLangchain(requests: unknown[], responses: unknown[]): ContainerRead {
  const count = Math.max(requests.length, responses.length);
  const interactions = Array.from({ length: count }, (_, i) => readInteraction({ request: requests[i] }, responses[i]));
  return { ok: true, dialect: 'langchain', interactions };
}

function readInteraction(item: unknown, responseValue: unknown): Interaction {
  const { request, response, problems } = splitExchange(isObject(item) ? item.request : undefined, responseValue);
  const status = isObject(response?.status) ? response.status : null;
  // vcrpy's older httpx layout, which it still replays: `status_code` and `content` beside the headers.
  const oldHttpx = response !== null && !('status' in response) && typeof response.status_code === 'number';
  const code = oldHttpx ? response.status_code : status?.code;
  if (response && typeof code !== 'number') problems.push('response status has no numeric code');
  if (request && typeof request.uri !== 'string') problems.push('request has no uri');
  if (request && typeof request.method !== 'string') problems.push('request has no method');
  return {
    request: {
      method: typeof request?.method === 'string' ? request.method : null,
      uri: typeof request?.uri === 'string' ? request.uri : null,
      headers: readHeaderMap(request?.headers),
      body: request && 'parsed_body' in request ? { form: 'parsed', value: request.parsed_body } : readBody(request?.body),
    },
    response: {
      status: typeof code === 'number' ? code : null,
      message: typeof status?.message === 'string' ? status.message : null,
      headers: readHeaderMap(response?.headers),
      body:
        response && 'parsed_body' in response
          ? { form: 'parsed', value: response.parsed_body }
          : readBody(oldHttpx ? response.content : isObject(response?.body) ? response.body.string : response?.body),
    },
    problems,
  };
}
