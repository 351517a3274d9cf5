import type { Envelope } from './envelope.js';
import { getArray, getObject, getString, isObject, type JsonObject } from '../json/json-value.js';
import { stringifyJson } from '../json/depth.js';

interface RequestMessage {
  role: string;
  content: string;
}

/** What was asked, in the words a person reads: messages, tools offered, and the other parameters. */
export interface RequestSummary {
  messages: RequestMessage[];
  tools: string[];
  params: Record<string, unknown>;
}

// Keys rendered as messages or tools; everything else in the body is a parameter.
const CONTENT_KEYS = new Set(['messages', 'prompt', 'contents', 'input', 'system', 'tools', 'model', 'instructions']);

export function summarizeRequest(recording: Envelope): RequestSummary {
  const body = recording.requestBody ?? {};
  if (recording.shape === 'tool') return { messages: [], tools: [getString(recording.request.tool_name) ?? '?'], params: { ...body } };
  if (recording.shape === 'file-processing') {
    return {
      messages: [],
      tools: [],
      params: { api: recording.request.api, provider: recording.request.provider, file_id: recording.request.file_id },
    };
  }
  const messages: RequestMessage[] = [];
  if (typeof body.system === 'string' || Array.isArray(body.system))
    messages.push({ role: 'system', content: flattenContent(body.system) });
  if (typeof body.instructions === 'string') messages.push({ role: 'instructions', content: body.instructions });
  for (const message of getArray(body.messages) ?? []) {
    if (isObject(message)) messages.push({ role: getString(message.role) ?? '?', content: describeMessage(message) });
  }
  for (const content of getArray(body.contents) ?? []) {
    if (isObject(content)) messages.push({ role: getString(content.role) ?? 'user', content: flattenContent(content.parts) });
  }
  if (typeof body.prompt === 'string') messages.push({ role: 'prompt', content: body.prompt });
  if (body.input !== undefined) messages.push({ role: 'input', content: flattenContent(body.input) });

  const tools = (getArray(body.tools) ?? []).map((tool) => {
    if (!isObject(tool)) return String(tool);
    return getString(getObject(tool.function)?.name) ?? getString(tool.name) ?? getString(tool.type) ?? '?';
  });
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (!CONTENT_KEYS.has(key)) params[key] = value;
  return { messages, tools, params };
}

function describeMessage(message: JsonObject): string {
  const parts = [flattenContent(message.content)];
  for (const call of getArray(message.tool_calls) ?? []) {
    const fn = getObject(isObject(call) ? call.function : null);
    if (fn)
      parts.push(
        `[tool call ${getString(fn.name) ?? '?'}(${typeof fn.arguments === 'string' ? fn.arguments : stringifyJson(fn.arguments ?? {})})]`,
      );
  }
  if (typeof message.tool_call_id === 'string') parts.unshift(`[result of ${message.tool_call_id}]`);
  return parts.filter((part) => part !== '').join(' ');
}

/** Text of a content value: a string, or a list of parts (text, images, tool results...). */
function flattenContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) return isObject(content) ? describePart(content) : String(content);
  return content.map((part) => (typeof part === 'string' ? part : isObject(part) ? describePart(part) : String(part))).join('\n');
}

function describePart(part: JsonObject): string {
  if (typeof part.text === 'string') return part.text;
  if (typeof part.content === 'string') return part.content;
  if (Array.isArray(part.content)) return flattenContent(part.content);
  const type = getString(part.type) ?? Object.keys(part)[0] ?? 'part';
  return `[${type}]`;
}
