import { isObject } from '../../core/json/json-value.js';
import type * as z from 'zod/mini';
import type { Envelope } from '../../core/load/envelope.js';
import type { Answer, Choice, RecordedError, RecordingKind, ToolCall, Usage } from '../../core/types.js';
import { isDeeperThan, stringifyJson } from '../../core/json/depth.js';

/** One recording shape: how to recognise it and how to read the model's answer out of it. */
export interface FormatAdapter {
  kind: RecordingKind;
  /**
   * The `__type__` names this shape owns, each with the schema of its `__data__`: the fields
   * reconstruction and replay rely on. The verify rules' schema table is built from these.
   */
  types?: Readonly<Record<string, z.ZodMiniType>>;
  detect(recording: Envelope): boolean;
  reconstruct(recording: Envelope): Answer;
  /** Pieces of a streamed body; defaults to the body's length when it is a list. */
  countChunks?(recording: Envelope): number | null;
}

export function emptyAnswer(): Answer {
  return {
    index: 0,
    text: null,
    reasoning: null,
    toolCalls: [],
    finishReason: null,
    usage: null,
    error: null,
    otherChoices: [],
    facts: {},
  };
}

/** A tool call while its pieces arrive: arguments are joined, then parsed once at the end. */
export interface ToolCallDraft {
  id: string | null;
  name: string | null;
  arguments: string;
  /** Already structured arguments (Ollama, genai and Anthropic send objects, not strings). */
  parsed?: unknown;
}

/** Collects the pieces of one choice across a stream. */
export class ChoiceBuilder {
  text: string | null = null;
  reasoning: string | null = null;
  finishReason: string | null = null;
  private readonly toolCalls = new Map<number | string, ToolCallDraft>();

  constructor(readonly index: number) {}

  // Empty pieces are not text: a tool-call-only answer has `null` text, not `""`.
  addText(piece: unknown): void {
    if (typeof piece === 'string' && piece !== '') this.text = (this.text ?? '') + piece;
  }

  /**
   * A chat message's content, a string or (Mistral, and OpenAI-compatible servers) a list of
   * parts: `text` parts are its text, `thinking` parts (themselves lists of text) its
   * reasoning; a `refusal` is what the model said instead of an answer.
   */
  addContent(content: unknown, refusal?: unknown): void {
    if (Array.isArray(content))
      for (const part of content) {
        if (typeof part === 'string') this.addText(part);
        else if (isObject(part) && (part.type === 'text' || part.type === undefined)) this.addText(part.text);
        else if (isObject(part) && part.type === 'thinking')
          for (const thought of Array.isArray(part.thinking) ? part.thinking : [part.thinking])
            this.addReasoning(isObject(thought) ? thought.text : thought);
      }
    else this.addText(content);
    this.addText(refusal);
  }

  addReasoning(piece: unknown): void {
    if (typeof piece === 'string' && piece !== '') this.reasoning = (this.reasoning ?? '') + piece;
  }

  toolCall(key: number | string): ToolCallDraft {
    let draft = this.toolCalls.get(key);
    if (!draft) {
      draft = { id: null, name: null, arguments: '' };
      this.toolCalls.set(key, draft);
    }
    return draft;
  }

  /** A call that arrives whole (not in indexed pieces). */
  addToolCall(): ToolCallDraft {
    return this.toolCall(`whole:${this.toolCalls.size}`);
  }

  /** A call whose arguments arrive already structured: id and name as strings when they are, the input as sent. */
  addStructuredCall(id: unknown, name: unknown, input: unknown): void {
    const call = this.addToolCall();
    call.id = typeof id === 'string' ? id : null;
    call.name = typeof name === 'string' ? name : null;
    call.parsed = input ?? null;
  }

  build(): Choice {
    return {
      index: this.index,
      text: this.text,
      reasoning: this.reasoning,
      toolCalls: [...this.toolCalls.values()].map(finishToolCall),
      finishReason: this.finishReason,
    };
  }
}

function finishToolCall(draft: ToolCallDraft): ToolCall {
  return { id: draft.id, name: draft.name, arguments: draft.parsed !== undefined ? draft.parsed : parseArguments(draft.arguments) };
}

/** Arguments as parsed JSON when they are valid JSON, else the raw string. */
function parseArguments(raw: string): unknown {
  if (raw.trim() === '') return raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    // Deeper than Python's json could have written: keep the text the model sent.
    return isDeeperThan(parsed) ? raw : parsed;
  } catch {
    return raw;
  }
}

/** Choice 0 is the answer; the others are kept beside it. */
export function answerFromChoices(builders: Iterable<ChoiceBuilder>, extra: Partial<Answer> = {}): Answer {
  const choices = [...builders].map((builder) => builder.build()).sort((a, b) => a.index - b.index);
  const [first, ...others] = choices;
  return { ...emptyAnswer(), ...(first ?? {}), otherChoices: others, ...extra };
}

export function makeUsage(prompt: unknown, completion: unknown, total: unknown): Usage | null {
  const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const usage = { prompt: num(prompt), completion: num(completion), total: num(total) };
  if (usage.prompt === null && usage.completion === null && usage.total === null) return null;
  if (usage.total === null && usage.prompt !== null && usage.completion !== null) usage.total = usage.prompt + usage.completion;
  return usage;
}

export function makeError(type: unknown, status: unknown, message: unknown): RecordedError {
  return {
    type: typeof type === 'string' ? type : null,
    status: typeof status === 'number' ? status : null,
    message: typeof message === 'string' ? message : message === undefined || message === null ? null : stringifyJson(message),
  };
}

/** Keeps one builder per choice index. */
export class ChoiceSet {
  private readonly builders = new Map<number, ChoiceBuilder>();
  get(index: unknown): ChoiceBuilder {
    const key = typeof index === 'number' ? index : 0;
    let builder = this.builders.get(key);
    if (!builder) {
      builder = new ChoiceBuilder(key);
      this.builders.set(key, builder);
    }
    return builder;
  }
  values(): Iterable<ChoiceBuilder> {
    return this.builders.values();
  }
}
