/** Raw server-sent-event lines as recorded (`event: ...`, `data: {...}`, ``), grouped into events. */
export interface SseEvent {
  event: string | null;
  /** The data parsed as JSON, or the raw text when it is not JSON (`[DONE]`). */
  data: unknown;
}

export function isSseLines(body: unknown): body is string[] {
  return Array.isArray(body) && body.length > 0 && body.every((line) => typeof line === 'string');
}

export function parseSseLines(lines: readonly unknown[]): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | null = null;
  let data: string[] = [];
  const flush = (): void => {
    if (data.length === 0) {
      event = null;
      return;
    }
    const raw = data.join('\n');
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // keep the raw text: `[DONE]` and friends
    }
    events.push({ event, data: parsed });
    event = null;
    data = [];
  };
  for (const line of lines) {
    if (typeof line !== 'string') continue;
    if (line === '') flush();
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  flush();
  return events;
}

/** Events with data: what a person would call the chunks of the stream. */
export function countSseEvents(body: unknown): number | null {
  return Array.isArray(body) ? body.filter((line) => typeof line === 'string' && line.startsWith('data:')).length : null;
}
