/**
 * The line (1-based) where each interaction of a YAML cassette starts: its `mark` (vcrpy's
 * and Ruby VCR's `- request:`, go-vcr's `- id:`) in the top-level list, for annotations that point at the call, not the file.
 * Null when the file is not written so (another dialect, a flow style): a wrong line is
 * worse than none. Block scalars are indented past the list, so a body holding the text
 * the mark cannot be taken for one. Native searches only (indexOf): cassettes run to
 * hundreds of megabytes.
 */
export function findInteractionLines(text: string, interactions: number, mark: string): number[] | null {
  const lines: number[] = [];
  let indent: number | null = null;
  let line = 1;
  let counted = 0; // line breaks are counted up to here
  for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + mark.length)) {
    let start = at;
    while (start > 0 && text.charCodeAt(start - 1) === 0x20) start--;
    if (start > 0 && text.charCodeAt(start - 1) !== 0x0a) continue; // inside a line: not an item
    if (indent !== null && at - start !== indent) continue;
    indent = at - start;
    for (let newline = text.indexOf('\n', counted); newline >= 0 && newline < start; newline = text.indexOf('\n', newline + 1)) {
      line++;
      counted = newline + 1;
    }
    lines.push(line);
  }
  return lines.length === interactions ? lines : null;
}
