import { isUtf8 } from 'node:buffer';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { isDeeperThan } from '../../core/json/depth.js';
import { isObject } from '../../core/json/json-value.js';
import { parseSseLines } from './sse.js';
import { isEventStream, readEventStream } from './event-stream.js';
import type { RawBody } from '../containers/interaction.js';

/** A body made readable: decompressed, decoded, and parsed as far as its content allows. */
export interface DecodedBody {
  /** The body's text, after decompression; null for bytes that are not text (images, protobuf). */
  text: string | null;
  /** Parsed JSON (or pydantic-ai's parsed tree); undefined when the body is not JSON. */
  json: unknown;
  /** Server-sent events: each event's data, JSON-parsed where it is JSON (`[DONE]` stays text). */
  sse: Array<{ event: string | null; data: unknown }> | null;
  /** AWS event-stream messages, the payload JSON-parsed (an invoke stream's `bytes` chunk unwrapped to the model's own). */
  events: Array<{ type: string | null; messageType: string | null; payload: unknown }> | null;
  /** The stream stopped inside a frame: an event stream cut short. */
  truncated: boolean;
  bytes: number;
  /** What was undone to read it (`gzip`, `br`, `deflate`), or null. */
  decompressed: string | null;
  /** The body could not be decompressed (or decoded) as its headers said. */
  problem: string | null;
  contentType: string | null;
}

// A decompressed body is bounded, and so are a cassette's bodies together: a zip bomb, or 60
// small brotli bodies of 64 MB each, must not take the run down.
const MAX_DECOMPRESSED = 64 * 1024 * 1024;
export const MAX_DECOMPRESSED_PER_CASSETTE = 256 * 1024 * 1024;

/** What is left of one cassette's allowance for decompressed bodies, shared by its interactions. */
export interface DecompressionBudget {
  left: number;
}

function headerValue(headers: Record<string, string[]>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(headers)) if (key.toLowerCase() === wanted) return values[0] ?? null;
  return null;
}

export function decodeBody(body: RawBody, headers: Record<string, string[]>, budget?: DecompressionBudget): DecodedBody {
  const contentType = headerValue(headers, 'content-type');
  const decoded: DecodedBody = {
    text: null,
    json: undefined,
    sse: null,
    events: null,
    truncated: false,
    bytes: 0,
    decompressed: null,
    problem: null,
    contentType,
  };
  if (body.form === 'none') return decoded;
  if (body.form === 'parsed') {
    decoded.json = body.value;
    if (typeof body.value === 'string') return readText(decoded, body.value);
    return decoded;
  }
  if (body.form === 'text') {
    decoded.bytes = Buffer.byteLength(body.text);
    return readText(decoded, body.text);
  }
  let bytes = body.bytes;
  decoded.bytes = bytes.length;
  const encoding = headerValue(headers, 'content-encoding')?.toLowerCase() ?? null;
  const gzipMagic = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzipMagic || (encoding !== null && ['gzip', 'x-gzip', 'br', 'deflate'].includes(encoding))) {
    const method = gzipMagic ? 'gzip' : encoding === 'x-gzip' ? 'gzip' : encoding!;
    const limit = budget ? Math.min(MAX_DECOMPRESSED, budget.left) : MAX_DECOMPRESSED;
    const overBudget = `this cassette's bodies decompress to more than ${MAX_DECOMPRESSED_PER_CASSETTE / 1024 / 1024} MB together`;
    try {
      if (limit <= 0) throw new Error(overBudget);
      bytes = decompress(bytes, method, limit);
      if (budget) budget.left -= bytes.length;
      decoded.decompressed = method;
    } catch (error) {
      // Past what is left of the cassette's allowance: said as such, and nothing more is inflated.
      if (budget && limit < MAX_DECOMPRESSED && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        budget.left = 0;
        decoded.problem = `${method} body could not be decompressed: ${overBudget}`;
        return decoded;
      }
      // Recorded already decoded (the client asked for it, the header stayed): read as is.
      if (gzipMagic || !isUtf8(bytes)) decoded.problem = `${method} body could not be decompressed: ${(error as Error).message}`;
    }
  }
  if (contentType?.includes('vnd.amazon.eventstream') || (!isUtf8(bytes) && isEventStream(bytes))) return readEvents(decoded, bytes);
  if (!isUtf8(bytes)) return decoded;
  return readText(decoded, bytes.toString('utf8'));
}

function decompress(bytes: Buffer, method: string, limit: number): Buffer {
  const options = { maxOutputLength: limit };
  if (method === 'gzip') return gunzipSync(bytes, options);
  if (method === 'br') return brotliDecompressSync(bytes, options);
  try {
    return inflateSync(bytes, options);
  } catch {
    return inflateRawSync(bytes, options); // `deflate` is raw deflate on some servers
  }
}

function readText(decoded: DecodedBody, text: string): DecodedBody {
  decoded.text = text;
  const trimmed = text.trimStart();
  if (decoded.json === undefined && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    const json = parseJson(trimmed);
    if (json !== undefined) decoded.json = json;
  }
  if (decoded.json === undefined && (decoded.contentType?.includes('text/event-stream') || /^(data|event|id|:)[: ]/.test(trimmed)))
    decoded.sse = parseSseLines(text.split(/\r?\n/));
  // Ollama streams newline-delimited JSON (application/x-ndjson): one event per line, as SSE data.
  else if (decoded.json === undefined && trimmed.startsWith('{')) {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    const events = lines.map((line) => parseJson(line));
    if (lines.length > 1 && events.every((event) => event !== undefined))
      decoded.sse = events.map((data) => ({ event: null, data: data as unknown }));
  }
  return decoded;
}

/**
 * invoke-with-response-stream wraps each of the model's own chunks as base64 in
 * `{"bytes": ...}`: unwrapped once here, for the answer, the stream check and the secret scan.
 */
function unwrapChunk(payload: unknown): unknown {
  if (!isObject(payload) || typeof payload.bytes !== 'string' || Object.keys(payload).some((key) => key !== 'bytes' && key !== 'p'))
    return payload;
  const inner = Buffer.from(payload.bytes, 'base64').toString('utf8');
  return parseJson(inner) ?? inner;
}

function readEvents(decoded: DecodedBody, bytes: Buffer): DecodedBody {
  try {
    const { messages, complete } = readEventStream(bytes);
    decoded.truncated = !complete;
    decoded.events = messages.map((message) => ({
      type: message.type,
      messageType: message.messageType,
      payload: unwrapChunk(parseJson(message.payload.toString('utf8')) ?? message.payload.toString('utf8')),
    }));
  } catch (error) {
    decoded.truncated = true;
    decoded.problem = `event stream could not be read: ${(error as Error).message}`;
  }
  return decoded;
}

function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return isDeeperThan(value) ? undefined : value;
  } catch {
    return undefined;
  }
}
