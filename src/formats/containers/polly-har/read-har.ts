import { isObject } from '../../../core/json/json-value.js';
import { splitExchange, type ContainerRead, type Interaction, type RawBody } from '../interaction.js';

/** A HAR 1.2 log (Polly.js writes one per recording): `log.entries`. */
export function isHar(parsed: unknown): boolean {
  return isObject(parsed) && isObject(parsed.log) && Array.isArray(parsed.log.entries);
}

/**
 * A HAR log's entries as interactions. `content.text` is the body as the client saw it,
 * already decoded whatever `content-encoding` says; `content.encoding: "base64"` marks bytes.
 * Headers are `[{name, value}]` lists: a name written twice keeps both values.
 */
export function readHar(parsed: unknown): ContainerRead {
  if (!isHar(parsed)) return { ok: false, unsupported: false, reason: 'no log.entries list', line: null };
  const log = (parsed as { log: { entries: unknown[]; creator?: unknown } }).log;
  const creator = isObject(log.creator) && typeof log.creator.name === 'string' ? log.creator.name : null;
  return { ok: true, dialect: creator === 'Polly.JS' ? 'polly' : 'har', interactions: log.entries.map(readEntry) };
}

function readEntry(entry: unknown): Interaction {
  const { request, response, problems } = splitExchange(
    isObject(entry) ? entry.request : undefined,
    isObject(entry) ? entry.response : undefined,
  );
  if (request && typeof request.url !== 'string') problems.push('request has no url');
  if (request && typeof request.method !== 'string') problems.push('request has no method');
  if (response && typeof response.status !== 'number') problems.push('response has no numeric status');
  const postData = isObject(request?.postData) ? request.postData : null;
  const content = isObject(response?.content) ? response.content : null;
  return {
    request: {
      method: typeof request?.method === 'string' ? request.method : null,
      uri: typeof request?.url === 'string' ? request.url : null,
      headers: readHeaderList(request?.headers),
      body: readContent(postData?.text, postData?.encoding),
    },
    response: {
      status: typeof response?.status === 'number' ? response.status : null,
      message: typeof response?.statusText === 'string' && response.statusText !== '' ? response.statusText : null,
      headers: readHeaderList(response?.headers),
      body: readContent(content?.text, content?.encoding),
    },
    problems,
  };
}

function readContent(text: unknown, encoding: unknown): RawBody {
  if (typeof text !== 'string' || text === '') return { form: 'none' };
  if (encoding === 'base64') return { form: 'bytes', bytes: Buffer.from(text, 'base64') };
  return { form: 'text', text };
}

function readHeaderList(value: unknown): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  if (!Array.isArray(value)) return headers;
  for (const item of value) {
    if (!isObject(item) || typeof item.name !== 'string') continue;
    (headers[item.name] ??= []).push(typeof item.value === 'string' ? item.value : String(item.value));
  }
  return headers;
}

/**
 * What a HAR holds outside the requests and responses the interactions show: the request's
 * parsed cookies (a recorder that blanks the `cookie` header may keep them), form parameters,
 * redirects and the log's own fields. Query parameters and response cookies repeat the URL
 * and `set-cookie`, which the interactions show.
 */
export function findHarLooseText(parsed: unknown): string {
  if (!isHar(parsed)) return '';
  const { entries, ...log } = (parsed as { log: { entries: unknown[] } }).log;
  const loose: unknown[] = [log];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    const request = isObject(entry.request) ? entry.request : {};
    const response = isObject(entry.response) ? entry.response : {};
    const postData = isObject(request.postData) ? request.postData : {};
    loose.push(request.cookies, postData.params, response.redirectURL);
  }
  return JSON.stringify(loose);
}
