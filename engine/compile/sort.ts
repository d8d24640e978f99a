// Turns a short array of strings into code-unit order in place, without a comparator call per comparison.

/**
 * Insertion sort by UTF-16 code units (never locale order: SEMANTICS §0). The arrays on the hot path hold a
 * handful of names or ids, where this beats `Array.prototype.sort` and its comparator closure.
 */
export function sortCodeUnits<T extends string>(a: T[]): T[] {
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}
