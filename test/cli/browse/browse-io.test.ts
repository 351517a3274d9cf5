import { describe, expect, it } from 'vitest';
import { createBrowseIO } from '../../../src/cli/browse/browse-io.js';
import { interactionKey } from '../../../src/cli/browse/state.js';
import { DEMO, indexPaths, testContext } from '../../helpers.js';

describe("browse's background reading", () => {
  it('gives the filter what each call asked as well as what it answered', async () => {
    const { entries } = await indexPaths([DEMO], DEMO);
    const io = createBrowseIO(entries, ['.'], testContext(DEMO).context);
    const answers = await new Promise<ReadonlyMap<string, string>>((resolve) =>
      io.readAnswers((found) => {
        if (found.size === entries.length) resolve(found);
      }),
    );
    io.close();
    const tool = entries.find((entry) => entry.id === 'a570124d3a6f')!;
    // The prompt ("What is the weather in Tokyo?") and the tool the answer calls.
    expect(answers.get(interactionKey(tool.absPath, tool.interaction))).toMatch(/Tokyo.*get_weather/s);
  });
});
