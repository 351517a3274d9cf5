import { isObject } from '../../../core/json/json-value.js';
import { readBody, readHeaderMap, type ContainerRead, type Interaction, type RawBody, splitExchange } from '../interaction.js';

/**
 * A Ruby VCR cassette's interactions. Methods are written lower-case (`post`) and read as
 * HTTP writes them; a body is `{encoding, string}` (`!binary` bytes when not all ASCII) or
 * `{encoding, base64_string}` under `preserve_exact_body_bytes`.
 */
export function readRubyVcrCassette(parsed: unknown): ContainerRead {
  if (!isObject(parsed) || !Array.isArray(parsed.http_interactions))
    return { ok: false, unsupported: false, reason: 'no http_interactions list', line: null };
  return { ok: true, dialect: 'ruby-vcr', interactions: parsed.http_interactions.map(readInteraction) };
}

function readInteraction(item: unknown): Interaction {
  const { request, response, problems } = splitExchange(
    isObject(item) ? item.request : undefined,
    isObject(item) ? item.response : undefined,
  );
  const status = isObject(response?.status) ? response.status : null;
  const code = typeof status?.code === 'number' ? status.code : null;
  if (response && code === null) problems.push('response status has no numeric code');
  if (request && typeof request.uri !== 'string') problems.push('request has no uri');
  if (request && typeof request.method !== 'string') problems.push('request has no method');
  return {
    request: {
      method: typeof request?.method === 'string' ? request.method.toUpperCase() : null,
      uri: typeof request?.uri === 'string' ? request.uri : null,
      headers: readHeaderMap(request?.headers),
      body: readRubyBody(request?.body),
    },
    response: {
      status: code,
      message: typeof status?.message === 'string' ? status.message : null,
      headers: readHeaderMap(response?.headers),
      body: readRubyBody(response?.body),
    },
    problems,
  };
}

function readRubyBody(body: unknown): RawBody {
  if (!isObject(body)) return readBody(body);
  if (typeof body.base64_string === 'string')
    return { form: 'bytes', bytes: Buffer.from(body.base64_string.replace(/\s+/g, ''), 'base64') };
  return readBody(body.string);
}
