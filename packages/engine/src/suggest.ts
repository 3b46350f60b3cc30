/** Edit distance (Levenshtein) between two short strings. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

/** The closest known names to `input`: substring matches first, then by edit distance. */
export function closest(input: string, known: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of known) {
    const lower = name.toLowerCase();
    const d = distance(needle, lower);
    const score = lower.includes(needle) || needle.includes(lower) ? d / 4 : d;
    if (score <= Math.max(3, needle.length / 2)) scored.push({ name, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)).slice(0, max).map((s) => s.name);
}

/** "Did you mean …?" text, or an empty string. */
export function didYouMean(input: string, known: Iterable<string>): string {
  const names = closest(input, known);
  return names.length ? ` Did you mean ${names.map((n) => `"${n}"`).join(', ')}?` : '';
}
