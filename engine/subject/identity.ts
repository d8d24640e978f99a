// Turns an identity number (统一社会信用代码 or 居民身份证号码) into a yes/no on its check character and structure.

/** GB 32100-2015 code charset: digits and capitals without I, O, Z, S, V (they read as 1, 0, 2, 5, U). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** 登记管理部门代码 (position 1) → allowed 机构类别代码 (position 2), per GB 32100-2015 Annex A. */
const USCC_AUTHORITY_TYPES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制
  '2': '19', // 外交
  '3': '12345', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '129', // 工会
  '9': '123', // 工商 / 市场监管
  A: '19', // 中央军委改革和编制办公室
  N: '123459', // 农业
  Y: '1', // 其他
};

const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_CHECK = '10X98765432';

/** Check character for the first 17 characters of a USCC; undefined when they are not 17 charset characters. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) return undefined;
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Structure of a USCC without the check character: authority/type pair, 6-digit region, charset. */
export function isWellFormedUscc(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  const types = USCC_AUTHORITY_TYPES[code.charAt(0)];
  if (types === undefined || !types.includes(code.charAt(1))) return false;
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return false;
  for (let i = 8; i < 18; i++) if (!USCC_CHARSET.includes(code.charAt(i))) return false;
  return true;
}

/** A complete, structurally sound USCC with the right check character. */
export function isValidUscc(code: string): boolean {
  return isWellFormedUscc(code) && usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

/** Check character for the first 17 digits of a resident id; undefined when they are not 17 digits. */
export function residentIdCheckChar(first17: string): string | undefined {
  if (!/^[0-9]{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (RESIDENT_WEIGHTS[i] ?? 0);
  return RESIDENT_CHECK.charAt(sum % 11);
}

function isRealBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/**
 * The province-level codes of GB/T 2260 that open a resident id's 地址码 (GB 11643-1999 §5.1): 000000 or 990101
 * name no place (independent review R70). Only the province is checked: county codes change over the years and an
 * id keeps the one of its issue.
 */
const PROVINCES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

/**
 * 18-character resident id (GB 11643-1999): 17 digits opening with a province's 地址码, a real birth date at 7–14,
 * the right check character.
 */
export function isValidResidentId(id: string): boolean {
  if (typeof id !== 'string' || !/^[0-9]{17}[0-9X]$/.test(id)) return false;
  if (!PROVINCES.has(id.slice(0, 2))) return false;
  if (!isRealBirthDate(id.slice(6, 14))) return false;
  return residentIdCheckChar(id.slice(0, 17)) === id.charAt(17);
}
