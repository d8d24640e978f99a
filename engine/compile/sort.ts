// Turns a short array of strings into code-unit order in place, without a comparator call per comparison.

/**
 * Insertion sort of the first `n` elements, ascending by `<`: code units for strings (never locale order:
 * SEMANTICS §0), value for numbers. The arrays on the hot path hold a handful of names, ids or indexes,
 * where this beats `Array.prototype.sort` and its comparator closure.
 */
export function sortPrefix<T extends string | number>(a: { [i: number]: T }, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** A short string array in code-unit order, in place. */
export function sortCodeUnits<T extends string>(a: T[]): T[] {
  sortPrefix(a, a.length);
  return a;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The distinct ids of some records, in code-unit order. Sorting first makes removing duplicates one pass:
 * checking each id against the ones kept (`includes`) was quadratic, seconds for a subject with 100,000 records.
 */
export function distinctSortedIds(recs: readonly { readonly id: string }[], n: number = recs.length): string[] {
  if (n === 1) return [recs[0]!.id];
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) ids[i] = recs[i]!.id;
  if (ids.length <= 32) sortCodeUnits(ids);
  else ids.sort(byCodeUnits);
  let k = 0;
  for (let i = 0; i < ids.length; i++) if (k === 0 || ids[i] !== ids[k - 1]) ids[k++] = ids[i]!;
  ids.length = k;
  return ids;
}
