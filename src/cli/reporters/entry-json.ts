import type { Entry } from '../../core/types.js';

/** The fields that name a recording, first in every JSON shape that describes one. */
export function describeEntryJson(entry: Entry) {
  return {
    id: entry.id,
    path: entry.path,
    // Which call of the file: always 0 for an ogx recording; container formats hold several.
    interaction: entry.interaction,
    testId: entry.testId,
    endpoint: entry.endpoint,
    model: entry.model,
    kind: entry.kind,
    streaming: entry.streaming,
  };
}
