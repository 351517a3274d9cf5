/**
 * ` (did you mean "kinds"?)` for a mistyped name, or nothing: the closest choice within a
 * couple of edits, or the one that starts with what was typed.
 */
export function suggest(value: string, choices: readonly string[]): string {
  const lower = value.toLowerCase();
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(value.length / 3)) + 1;
  for (const choice of choices) {
    const distance = editDistance(lower, choice.toLowerCase());
    if (distance < bestDistance) {
      best = choice;
      bestDistance = distance;
    }
  }
  best ??= lower.length >= 2 ? (choices.find((choice) => choice.toLowerCase().startsWith(lower)) ?? null) : null;
  return best === null ? '' : ` (did you mean "${best}"?)`;
}

/** Levenshtein distance, two rows at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
