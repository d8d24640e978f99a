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

function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: non-finite number ${value}`);
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value))
        return '[' + value.map((item) => (item === undefined ? 'null' : write(item))).join(',') + ']';
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return '{' + keys.map((key) => JSON.stringify(key) + ':' + write(record[key])).join(',') + '}';
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
  }
}

/** `sha256:<hex>` of the canonical JSON of a value. Pure JS so it runs in a browser worker too. */
export function contentHash(value: unknown): string {
  return 'sha256:' + bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}
