// Turns the evaluator's numeric scratch into views of one ArrayBuffer: a small typed array of its own costs about
// 250 bytes of heap, a view about 110, and an evaluator holds some twenty of them.

export interface TypedAlloc {
  i32(n: number): Int32Array;
  u8(n: number): Uint8Array;
  f64(n: number): Float64Array;
}

/** Every view starts on an 8-byte boundary, so a Float64Array can follow anything. */
const aligned = (bytes: number): number => (bytes + 7) & ~7;

/**
 * Runs `build` twice: once to add up the sizes it asks for, once to hand it views of a buffer of that size.
 * `build` must ask for the same sizes in the same order both times (it is a plain description of the layout).
 */
export function inOneBuffer<T>(build: (alloc: TypedAlloc) => T): T {
  let bytes = 0;
  build({
    i32: (n) => ((bytes += aligned(n * 4)), new Int32Array(0)),
    u8: (n) => ((bytes += aligned(n)), new Uint8Array(0)),
    f64: (n) => ((bytes += aligned(n * 8)), new Float64Array(0)),
  });
  const buffer = new ArrayBuffer(bytes);
  let at = 0;
  const take = (n: number): number => {
    const start = at;
    at += aligned(n);
    return start;
  };
  return build({
    i32: (n) => new Int32Array(buffer, take(n * 4), n),
    u8: (n) => new Uint8Array(buffer, take(n), n),
    f64: (n) => new Float64Array(buffer, take(n * 8), n),
  });
}
