// Random subjects for the city fixture: penalties, honors and commitments with every lifecycle field in play.
import fc from 'fast-check';
import type { Objection, SubjectRecord } from '../../engine/index.js';

export const day = fc.integer({ min: 0, max: 365 * 6 }).map((n) => {
  const d = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
});
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const penalty = fc.record({
  date: day,
  severity: fc.constantFrom('一般', '较重', '严重'),
  fine: maybe(fc.constantFrom(0, 5000, 999_999, 1_000_000, 3_000_000)),
  kinds: fc.subarray(['罚款', '警告', '吊销许可证件', '责令停产停业']),
  discretion: maybe(fc.constantFrom('从轻', '一般', '从重')),
  noIntent: maybe(fc.boolean()),
  ext: maybe(day),
  repairedOn: maybe(day),
  revokedOn: maybe(day),
  objection: fc.constantFrom(null, null, 'pending', 'upheld', 'rejected'),
});
const record = fc.oneof(
  penalty.map((p): Omit<SubjectRecord, 'id'> => ({
    type: 'administrative_penalty',
    date: p.date,
    severity: p.severity,
    objection: p.objection as Objection,
    ...(p.repairedOn === undefined ? {} : { repairedOn: p.repairedOn }),
    ...(p.revokedOn === undefined ? {} : { revokedOn: p.revokedOn }),
    attrs: {
      penaltyKinds: p.kinds,
      ...(p.fine === undefined ? {} : { fineAmount: p.fine }),
      ...(p.discretion === undefined ? {} : { discretion: p.discretion }),
      ...(p.noIntent === undefined ? {} : { noIntent: p.noIntent }),
      ...(p.ext === undefined ? {} : { restrictionEnds: p.ext }),
    },
  })),
  fc
    .record({ date: day, rank: fc.constantFrom('国家级', '省级', '市级') })
    .map((h) => ({ type: 'honor', date: h.date, attrs: { rank: h.rank } })),
  fc
    .record({ date: day, kept: fc.boolean() })
    .map((c) => ({ type: 'credit_commitment', date: c.date, attrs: { kept: c.kept } })),
);
export const cityRecords = fc
  .array(record, { maxLength: 7 })
  .map((rs) => rs.map((r, i) => ({ ...r, id: `R${i}` }) as SubjectRecord));
