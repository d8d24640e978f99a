// Canonical JSON: sorted keys, no insignificant whitespace, no undefined — the bytes that get hashed and compared.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Keys are sorted by UTF-16 code units (plain `<`), never by locale, so the bytes are the same on
 * every machine. `undefined` members are dropped, as JSON.stringify does. Non-finite numbers are
 * refused: they have no JSON form and would silently become `null`.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

// Decision logs serialise every decision, so this is a hot path: one recursive pass that appends to a
// string (V8 ropes make that cheap), keys sorted with the default comparator (UTF-16 code units, the
// same order as `<`) and no intermediate arrays of parts.
function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: non-finite number ${value}`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item: unknown = value[i];
          out += item === undefined ? 'null' : write(item);
        }
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        if (!first) out += ',';
        first = false;
        out += JSON.stringify(key) + ':' + write(member);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
  }
}

/** `sha256:<hex>` of the canonical JSON of a value. Pure JS so it runs in a browser worker too. */
export function contentHash(value: unknown): string {
  return 'sha256:' + bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}
