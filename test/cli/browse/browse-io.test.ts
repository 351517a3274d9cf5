import { describe, expect, it } from 'vitest';
import { createBrowseIO } from '../../../src/cli/browse/browse-io.js';
import { interactionKey } from '../../../src/cli/browse/state.js';
import { join } from 'node:path';
import { DEMO, FIXTURES, indexPaths, testContext } from '../../helpers.js';

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

describe('browse over Ruby VCR, go-vcr and Polly cassettes', () => {
  const ROOT = join(FIXTURES, 'containers');

  it("shows the selected call of each format's cassette, verifies them all, and lets the filter search their answers", async () => {
    const { entries } = await indexPaths(['.'], ROOT);
    const io = createBrowseIO(entries, ['.'], testContext(ROOT).context);
    const byContainer = (container: string, path: string) =>
      entries.find((entry) => entry.container === container && entry.path.includes(path))!;
    const go = byContainer('go-vcr', 'GenStream-Text');
    const polly = byContainer('polly-har', 'call/openai_completions');
    const ruby = byContainer('ruby-vcr', 'gpt-5-nano_can_have');
    expect(io.describe(go, false, 100).lines.join('\n')).toContain('Hello.');
    expect(io.describe(polly, false, 100).lines.join('\n')).toContain('Once upon a time, a dragon named Ember');
    expect(io.describe(ruby, false, 100).lines.join('\n')).toContain("Café au lait, s'il vous plaît.");
    const verified = await io.verify(() => {});
    expect(verified.counts).toEqual({ errors: 0, warnings: 0 });
    const answers = await new Promise<ReadonlyMap<string, string>>((resolve) =>
      io.readAnswers((found) => {
        if (found.size === entries.length) resolve(found);
      }),
    );
    io.close();
    expect(answers.get(interactionKey(ruby.absPath, ruby.interaction))).toMatch(/Order a coffee in French.*Café au lait/s);
  });
});
