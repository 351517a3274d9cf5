/**
 * AWS's `application/vnd.amazon.eventstream` framing (Bedrock's converse-stream and
 * invoke-with-response-stream): each message is a big-endian total length, headers length
 * and prelude CRC, then headers, a payload and a message CRC. CRCs are not checked: a
 * cassette is read, not trusted, and a bad frame ends the reading.
 */
export interface EventMessage {
  /** `:event-type` (messageStart, contentBlockDelta, chunk...) or `:exception-type`. */
  type: string | null;
  messageType: string | null;
  payload: Buffer;
}

export function readEventStream(bytes: Buffer): { messages: EventMessage[]; complete: boolean } {
  const messages: EventMessage[] = [];
  let at = 0;
  while (at + 16 <= bytes.length) {
    const total = bytes.readUInt32BE(at);
    const headersLength = bytes.readUInt32BE(at + 4);
    if (total < 16 || at + total > bytes.length || headersLength > total - 16) return { messages, complete: false };
    const headers = readHeaders(bytes.subarray(at + 12, at + 12 + headersLength));
    if (headers === null) return { messages, complete: false };
    const payload = bytes.subarray(at + 12 + headersLength, at + total - 4);
    messages.push({
      type: headers[':event-type'] ?? headers[':exception-type'] ?? null,
      messageType: headers[':message-type'] ?? null,
      payload,
    });
    at += total;
  }
  return { messages, complete: at === bytes.length };
}

/** Looks like an event stream: the first prelude's lengths hold together. */
export function isEventStream(bytes: Buffer): boolean {
  if (bytes.length < 16) return false;
  const total = bytes.readUInt32BE(0);
  const headersLength = bytes.readUInt32BE(4);
  return total >= 16 && total <= bytes.length && headersLength <= total - 16;
}

// Header value types and their sizes; 6 (bytes) and 7 (string) carry a 2-byte length.
const FIXED_SIZE: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };

/** A frame's headers; null when one runs past their end (a damaged frame ends the reading). */
function readHeaders(bytes: Buffer): Record<string, string> | null {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  let at = 0;
  while (at < bytes.length) {
    const nameLength = bytes[at]!;
    const name = bytes.toString('utf8', at + 1, at + 1 + nameLength);
    at += 1 + nameLength;
    if (at >= bytes.length) return null;
    const type = bytes[at]!;
    at += 1;
    if (type === 6 || type === 7) {
      if (at + 2 > bytes.length) return null;
      const length = bytes.readUInt16BE(at);
      if (at + 2 + length > bytes.length) return null;
      if (type === 7) headers[name] = bytes.toString('utf8', at + 2, at + 2 + length);
      at += 2 + length;
    } else if (type in FIXED_SIZE) at += FIXED_SIZE[type]!;
    else break;
  }
  return headers;
}
