import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEventStream } from '../../src/formats/decode/event-stream.js';
import { eventStreamFrame } from '../builders/event-stream-frame.js';

const STREAM = Buffer.concat([
  eventStreamFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' } }),
  eventStreamFrame('messageStop', { stopReason: 'end_turn' }),
]);

describe('AWS event streams', () => {
  it('reads each frame: its event type, message type and payload', () => {
    const { messages, complete } = readEventStream(STREAM);
    expect(complete).toBe(true);
    expect(messages.map((message) => [message.type, message.messageType, JSON.parse(message.payload.toString())])).toEqual([
      ['contentBlockDelta', 'event', { contentBlockIndex: 0, delta: { text: 'Hello' } }],
      ['messageStop', 'event', { stopReason: 'end_turn' }],
    ]);
  });

  it('ends at a frame whose header runs past its headers, keeping the frames before it', () => {
    const damaged = Buffer.from(STREAM);
    const second = damaged.readUInt32BE(0);
    damaged.writeUInt16BE(0xffff, second + 12 + 1 + ':event-type'.length + 1); // the first header's value length
    const { messages, complete } = readEventStream(damaged);
    expect(complete).toBe(false);
    expect(messages.map((message) => message.type)).toEqual(['contentBlockDelta']);
  });

  it('never throws on a damaged or cut stream (hostile cassettes carry them)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.nat(), (edits, cut) => {
        const bytes = Buffer.from(STREAM);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const { messages } = readEventStream(bytes.subarray(0, cut % (bytes.length + 1)));
        expect(messages.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 20_000, seed: 20261127 },
    );
  });
});
