// Check characters of 统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidResidentId,
  isValidUscc,
  residentIdCheckChar,
  USCC_CHARSET,
  usccCheckChar,
} from '../../engine/subject/identity.js';

describe('unified social credit code', () => {
  const rows: [string, boolean, string][] = [
    ['91350100M000100Y43', true, 'commonly cited public example'],
    ['91350100M000100Y44', false, 'same code, wrong check character'],
    ['91610800MA703XXXXW', true, 'made with cli/make-id.ts from the design example'],
    ['91610800MA703XXXXX', false, 'the design.md example as printed has the wrong check character'],
    ['91350100M000100Y4', false, '17 characters'],
    ['91350100M000100Y433', false, '19 characters'],
    ['91350100m000100y43', false, 'lower case'],
    ['Z1350100M000100Y43', false, 'Z is not a registration authority code'],
    ['91350100I000100Y43', false, 'I is not in the charset'],
  ];
  for (const [code, ok, note] of rows) it(`${code}: ${note}`, () => expect(isValidUscc(code)).toBe(ok));

  it('a right check character does not save a wrong authority/type pair or region', () => {
    const badType = '9A350100M000100Y4';
    expect(isValidUscc(badType + (usccCheckChar(badType) ?? ''))).toBe(false);
    const badRegion = '9135A100M000100Y4';
    expect(isValidUscc(badRegion + (usccCheckChar(badRegion) ?? ''))).toBe(false);
    const ok = '92610800MA703XXXX';
    expect(isValidUscc(ok + (usccCheckChar(ok) ?? ''))).toBe(true);
  });

  it('check character formula by hand for 91350100M000100Y4', () => {
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const s = '91350100M000100Y4';
    const sum = [...s].reduce((acc, c, i) => acc + USCC_CHARSET.indexOf(c) * (weights[i] ?? 0), 0);
    expect(USCC_CHARSET[(31 - (sum % 31)) % 31]).toBe('3');
    expect(usccCheckChar(s)).toBe('3');
  });

  it('charset excludes I O Z S V', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    for (const c of 'IOZSV') expect(USCC_CHARSET).not.toContain(c);
  });

  it('every single-character substitution in the body is detected', () => {
    const code = '91350100M000100Y43';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.constantFrom(...USCC_CHARSET), (pos, c) => {
        fc.pre(code[pos] !== c);
        const changed = code.slice(0, pos) + c + code.slice(pos + 1);
        expect(usccCheckChar(changed.slice(0, 17))).not.toBe('3');
      }),
    );
  });

  it('rejects garbage without throwing', () => {
    expect(usccCheckChar('short')).toBeUndefined();
    expect(usccCheckChar('91350100M000100Y!')).toBeUndefined();
    expect(isValidUscc(42 as unknown as string)).toBe(false);
  });
});

describe('resident identity number', () => {
  const rows: [string, boolean, string][] = [
    ['11010519491231002X', true, 'GB 11643-1999 sample, check X'],
    ['110105194912310021', false, 'sample with a wrong check digit'],
    ['11010519491231002x', false, 'lower-case x'],
    ['610800199001011237', true, 'made with cli/make-id.ts'],
    ['610800199002301237', false, 'February 30 is not a birth date (check digit aside)'],
    ['61080019900101123', false, '17 digits'],
    ['6108001990010112377', false, '19 digits'],
  ];
  for (const [id, ok, note] of rows) it(`${id}: ${note}`, () => expect(isValidResidentId(id)).toBe(ok));

  it('a real check digit on an impossible birth date is still rejected', () => {
    const body = '61080020230229123';
    const full = body + (residentIdCheckChar(body) ?? '');
    expect(full).toHaveLength(18);
    expect(isValidResidentId(full)).toBe(false);
  });

  it('check digit formula by hand for the standard sample', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const s = '11010519491231002';
    const sum = [...s].reduce((acc, c, i) => acc + Number(c) * (weights[i] ?? 0), 0);
    expect('10X98765432'[sum % 11]).toBe('X');
    expect(residentIdCheckChar(s)).toBe('X');
    for (let i = 0; i < 17; i++) expect(weights[i]).toBe(2 ** (17 - i) % 11);
  });

  it('a made id with any real birth date validates', () => {
    fc.assert(
      fc.property(
        // a province of GB/T 2260 and any county digits
        fc
          .tuple(fc.constantFrom(11, 32, 44, 61, 65, 82), fc.integer({ min: 0, max: 9999 }))
          .map(([p, rest]) => p * 10_000 + rest),
        fc.integer({ min: 1900, max: 2024 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
        (region, y, m, d, seq) => {
          const body =
            String(region).padStart(6, '0') +
            String(y) +
            String(m).padStart(2, '0') +
            String(d).padStart(2, '0') +
            String(seq).padStart(3, '0');
          expect(isValidResidentId(body + (residentIdCheckChar(body) ?? ''))).toBe(true);
        },
      ),
    );
  });

  it('an 地址码 that names no province is not an id, whatever its check digit (GB 11643-1999 §5.1; R70)', () => {
    for (const place of ['000000', '990101', '100101', '200101', '670101']) {
      const body = place + '19900101123';
      expect(isValidResidentId(body + residentIdCheckChar(body)!)).toBe(false);
    }
    const real = '110101' + '19900101123';
    expect(isValidResidentId(real + residentIdCheckChar(real)!)).toBe(true);
  });
});
