// Did-you-mean: the closest known name to a misspelt one, by edit distance over code points.

function distance(a: readonly string[], b: readonly string[]): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/**
 * Chinese names are short (a typo is one character in four), so the threshold scales with length:
 * at most a third of the longer name, and at least one edit.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const target = [...name];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const chars = [...candidate];
    const d = distance(target, chars);
    const limit = Math.max(1, Math.floor(Math.max(chars.length, target.length) / 3));
    if (d <= limit && (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best))) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const found = suggest(name, candidates);
  return found === undefined ? undefined : `是否要写 \`${found}\`？(did you mean \`${found}\`?)`;
}
