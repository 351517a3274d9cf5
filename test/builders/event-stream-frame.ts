/**
 * An AWS event-stream frame, as Bedrock's streams carry them: a prelude (total and headers
 * length, CRC), string headers, a JSON payload and a message CRC. CRCs are zeroed: cassette
 * does not check them (Bedrock's SDK would).
 */
export function eventStreamFrame(eventType: string, payload: unknown): Buffer {
  const header = (name: string, value: string) => {
    const nameBytes = Buffer.from(name);
    const valueBytes = Buffer.from(value);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(valueBytes.length);
    return Buffer.concat([Buffer.from([nameBytes.length]), nameBytes, Buffer.from([7]), length, valueBytes]);
  };
  const headerBytes = Buffer.concat([
    header(':event-type', eventType),
    header(':content-type', 'application/json'),
    header(':message-type', 'event'),
  ]);
  const body = Buffer.from(JSON.stringify(payload));
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(16 + headerBytes.length + body.length, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  return Buffer.concat([prelude, headerBytes, body, Buffer.alloc(4)]);
}
