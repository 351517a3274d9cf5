import { basename } from 'node:path';
import { isObject, type JsonObject } from '../../core/json/json-value.js';
import type { Envelope } from '../../core/load/envelope.js';
import { urlPath } from '../../core/load/envelope.js';
import { decodeBody, type DecodedBody, type DecompressionBudget } from '../decode/decode-body.js';
import type { Interaction } from './interaction.js';

/** The raw HTTP exchange of one cassette interaction, decoded: what the rules check besides its envelope. */
export interface HttpExchange {
  /** The recorder's dialect: `vcrpy`, `langchain`, `ruby-vcr`, `go-vcr`, `polly`, `har`. */
  dialect: string;
  /** Where the interaction's structure departs from its recorder's (a missing response, a status that is no number). */
  problems: string[];
  request: DecodedBody;
  response: DecodedBody;
}

/** The interaction as the loader sees a recording: an envelope for the adapters, a plain view for the secret scan. */
export interface InteractionView {
  envelope: Envelope;
  facts: HttpExchange;
  /** Headers, URI and decoded bodies as one JSON tree: what the secret rule walks. */
  value: JsonObject;
}

export function viewInteraction(
  interaction: Interaction,
  dialect: string,
  fileName: string,
  testId: string | null,
  /** The cassette's allowance for decompressed bodies, shared by all its interactions. */
  budget?: DecompressionBudget,
): InteractionView {
  const { request, response } = interaction;
  const requestBody = decodeBody(request.body, request.headers, budget);
  const responseBody = decodeBody(response.body, response.headers, budget);
  const requestJson = isObject(requestBody.json) ? requestBody.json : null;
  const body = answerBody(responseBody);
  const streaming = responseBody.sse !== null || responseBody.events !== null;
  const url = request.uri;
  const requestView: JsonObject = {
    method: request.method,
    url,
    headers: request.headers as unknown as JsonObject,
    body: (requestBody.json ?? requestBody.text ?? null) as JsonObject,
  };
  const responseView: JsonObject = {
    status: response.status,
    // The reason phrase is recorded text too: a server may echo a credential there.
    ...(response.message !== null && { statusMessage: response.message }),
    headers: response.headers as unknown as JsonObject,
    body: (responseBody.json ??
      responseBody.text ??
      (responseBody.events ? responseBody.events.map((event) => event.payload) : null)) as JsonObject,
  };
  const envelope: Envelope = {
    fileName,
    testId,
    hasTestIdField: true,
    request: requestView,
    response: responseView,
    shape: 'http',
    method: request.method,
    url,
    endpoint: url === null ? null : urlPath(url),
    model: modelOf(requestJson, url),
    requestBody: requestJson,
    body,
    isStreaming: streaming,
  };
  return {
    envelope,
    facts: { dialect, problems: interaction.problems, request: requestBody, response: responseBody },
    value: { request: requestView, response: responseView },
  };
}

/**
 * The response body as the answer adapters read it: JSON as parsed; a stream as the list of
 * its events' data (`[DONE]` left out); an AWS event stream as `{eventType: payload}` items,
 * invoke-with-response-stream's chunks as the model's own.
 */
function answerBody(body: DecodedBody): unknown {
  if (body.sse) return body.sse.map((event) => event.data).filter((data) => data !== '[DONE]');
  // A chunk event is the model's own chunk (unwrapped by decodeBody); other events keep their name.
  if (body.events) return body.events.map((event) => (event.type === 'chunk' ? event.payload : { [event.type ?? 'event']: event.payload }));
  return body.json ?? body.text ?? undefined;
}

/** The model: the request body's, else the URL's (Gemini `models/<m>:generateContent`, Bedrock `model/<m>/converse`). */
function modelOf(requestJson: JsonObject | null, url: string | null): string | null {
  if (typeof requestJson?.model === 'string' && requestJson.model !== '') return requestJson.model;
  if (url === null) return null;
  const path = urlPath(url);
  const gemini = /\/models\/([^/:]+):/.exec(path);
  if (gemini) return decodeURIComponent(gemini[1]!);
  const bedrock = /\/model\/([^/]+)\/(?:converse|invoke)/.exec(path);
  if (bedrock) return decodeURIComponent(bedrock[1]!);
  return null;
}

/** A cassette's entry id: `<file stem>#<n>` (the stem without what `suffix` matches); `<path>#<n>` is its ref for `show`. */
export function interactionId(absPath: string, index: number, suffix: RegExp): string {
  return `${basename(absPath).replace(suffix, '')}#${index}`;
}
