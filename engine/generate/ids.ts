// Turns a number into a well-formed subject code of a kind (USCC or resident id, check character included).
import type { SubjectKind } from '../../dsl/ir.js';
import { residentIdCheckChar, USCC_CHARSET, usccCheckChar } from '../subject/identity.js';

/** 登记管理部门 + 机构类别 (GB 32100-2015 Annex A) by subject kind. */
const USCC_PREFIX: Readonly<Record<Exclude<SubjectKind, 'natural_person'>, string>> = {
  government_agency: '11',
  public_institution: '12',
  enterprise: '91',
  individual_business: '92',
  farmer_cooperative: '93',
  social_group: '51',
  private_non_enterprise: '52',
  rural_household: 'N9',
};

/** A valid 18-character code for subject number `n` of `kind`, registered in `region` (six digits). */
export function subjectIdFor(kind: SubjectKind, n: number, region = '610800'): string {
  const k = Math.abs(Math.trunc(n));
  if (kind === 'natural_person') {
    // Birth dates 1960-01-01 … 1999-12-28 (always real), sequence 000–999.
    const year = 1960 + (k % 40);
    const month = 1 + (Math.trunc(k / 40) % 12);
    const day = 1 + (Math.trunc(k / 480) % 28);
    const seq = Math.trunc(k / 13440) % 1000;
    const first17 =
      region +
      String(year) +
      String(month).padStart(2, '0') +
      String(day).padStart(2, '0') +
      String(seq).padStart(3, '0');
    return first17 + (residentIdCheckChar(first17) ?? '0');
  }
  let body = '';
  let rest = k;
  for (let i = 0; i < 9; i++) {
    body = USCC_CHARSET.charAt(rest % USCC_CHARSET.length) + body;
    rest = Math.trunc(rest / USCC_CHARSET.length);
  }
  const first17 = USCC_PREFIX[kind] + region + body;
  return first17 + (usccCheckChar(first17) ?? '0');
}
