/**
 * A vcrpy cassette of one interaction, written as vcrpy writes one: request body as a quoted
 * string, response body as a block scalar (a quoted one folds single line breaks), headers
 * as YAML given verbatim (a list of values per name, `!!binary` where wanted).
 */
export interface CassetteParts {
  uri?: string;
  method?: string;
  /** The request body: JSON-serialised, or given as YAML text (`!!binary …`) with `requestYaml`. */
  body?: unknown;
  /** Request headers as YAML lines under `headers:`, indented six spaces. */
  headers?: string;
  /** The response body's text (JSON, SSE, NDJSON); an object is serialised as JSON. */
  response?: unknown;
  /** The response body as YAML (`!!binary |…`), instead of `response`. */
  responseYaml?: string;
  responseHeaders?: string;
  contentType?: string;
}

const yamlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function vcrCassette(parts: CassetteParts): string {
  const responseText =
    typeof parts.response === 'string' ? parts.response : JSON.stringify(parts.response ?? { object: 'chat.completion', choices: [] });
  const responseBody =
    parts.responseYaml ??
    `|\n${responseText
      .split('\n')
      .map((line) => (line === '' ? '' : `        ${line}`))
      .join('\n')}`;
  return [
    'interactions:',
    '- request:',
    `    body: ${parts.body === undefined ? 'null' : yamlString(typeof parts.body === 'string' ? parts.body : JSON.stringify(parts.body))}`,
    '    headers:',
    parts.headers ?? '      content-type:\n      - application/json',
    `    method: ${parts.method ?? 'POST'}`,
    `    uri: ${parts.uri ?? 'https://api.openai.com/v1/chat/completions'}`,
    '  response:',
    '    body:',
    `      string: ${responseBody}`,
    '    headers:',
    parts.responseHeaders ?? `      content-type:\n      - ${parts.contentType ?? 'application/json'}`,
    '    status:',
    '      code: 200',
    '      message: OK',
    'version: 1',
    '',
  ].join('\n');
}
