// Turns a policy's record vocabulary and a seed into a reproducible synthetic population of valid subjects.
//
// Values are drawn where decisions change: amounts spread around the thresholds the policy compares
// them with, dates around the ends of the policy's periods, enum values the rules name, a few records
// from the future, revoked, repaired, fulfilled or under objection.
import type { Duration, IrField, IrRecordType, PolicyIr } from '../dsl/ir.js';
import type { AttrValue, Objection, Subject, SubjectRecord } from '../engine/contract.js';
import { subjectIdFor, vocabularyOf } from '../engine/generate/index.js';
import type { Vocabulary } from '../engine/generate/index.js';
import { validateSubject } from '../engine/subject/index.js';
import { addDays, shiftDate } from '../engine/time/index.js';
import type { SubjectKind } from '../dsl/ir.js';
import { Prng } from './prng.js';

export interface PopulationOptions {
  readonly size: number;
  readonly seed: number;
  /** the evaluation date the dates are spread around */
  readonly at: string;
  /** mean records per subject (uniform 1 .. 2·mean − 1) */
  readonly meanRecords?: number;
  /** run validateSubject on every subject (default true); workers regenerating a checked population skip it */
  readonly validate?: boolean;
}

const KINDS: readonly SubjectKind[] = ['enterprise', 'natural_person', 'individual_business', 'social_group'];
const KIND_WEIGHTS = [65, 20, 12, 3];
const FACTORS = [0.3, 0.9, 0.999, 1, 1.001, 1.2, 3];
const OBJECTIONS: readonly Objection[] = ['pending', 'upheld', 'rejected'];

class Generator {
  private readonly types: readonly IrRecordType[];
  private readonly typeWeights: readonly number[];
  private readonly periods: readonly Duration[];

  constructor(
    private readonly vocab: Vocabulary,
    private readonly rng: Prng,
    private readonly at: string,
  ) {
    this.types = Object.keys(vocab.records)
      .sort()
      .map((k) => vocab.records[k]!);
    // Record types the rules read are three times as common as the rest of the vocabulary.
    this.typeWeights = this.types.map((t) => (vocab.focusTypes.includes(t.key) ? 3 : 1));
    this.periods = vocab.durations.filter((d) => d.unit === 'year' || d.unit === 'month');
  }

  private recordDate(): string {
    const r = this.rng.next();
    if (r < 0.04) return addDays(this.at, this.rng.int(1, 60));
    if (r < 0.26 && this.periods.length > 0) {
      return addDays(shiftDate(this.at, -1, this.rng.pick(this.periods)), this.rng.int(-3, 3));
    }
    return addDays(this.at, -this.rng.int(0, 6 * 365));
  }

  private number(field: IrField, integer: boolean): number {
    const thresholds = this.vocab.thresholds.get(field.key);
    if (thresholds !== undefined && thresholds.length > 0 && this.rng.chance(0.8)) {
      const v = this.rng.pick(thresholds) * this.rng.pick(FACTORS);
      return integer ? Math.round(v) : Math.round(v * 1000) / 1000;
    }
    if (/year/i.test(field.key)) return this.rng.int(2018, Number(this.at.slice(0, 4)));
    if (field.type.t === 'money') return this.rng.int(0, 200) * 1000;
    return integer ? this.rng.int(0, 200) : this.rng.int(0, 1000) / 10;
  }

  private enumValue(field: IrField, values: readonly string[]): string {
    const named = (this.vocab.strings.get(field.key) ?? []).filter((v) => values.includes(v));
    return named.length > 0 && this.rng.chance(0.5) ? this.rng.pick(named) : this.rng.pick(values);
  }

  private attr(field: IrField, date: string): AttrValue {
    const t = field.type;
    switch (t.t) {
      case 'enum':
        return this.enumValue(field, t.values);
      case 'list': {
        const n = this.rng.int(1, 2);
        const out: string[] = [];
        for (let i = 0; i < n; i++) {
          const v = this.enumValue(field, t.values);
          if (!out.includes(v)) out.push(v);
        }
        return out;
      }
      case 'money':
      case 'decimal':
        return this.number(field, false);
      case 'integer':
        return this.number(field, true);
      case 'boolean':
        return this.rng.chance(0.3);
      case 'date':
        return addDays(date, this.rng.int(0, 1500));
      case 'duration':
        return this.rng.pick(['2 years', '3 years', '1 year']);
      case 'string': {
        const named = this.vocab.strings.get(field.key) ?? [];
        return named.length > 0 && this.rng.chance(0.4) ? this.rng.pick(named) : '其他';
      }
    }
  }

  record(j: number): SubjectRecord {
    const type = this.types[this.rng.weighted(this.typeWeights)]!;
    const date = this.recordDate();
    const attrs: Record<string, AttrValue> = {};
    for (const key of Object.keys(type.fields).sort()) {
      const field = type.fields[key]!;
      if (field.required || this.rng.chance(0.7)) attrs[key] = this.attr(field, date);
    }
    const rec: { -readonly [K in keyof SubjectRecord]: SubjectRecord[K] } = { id: `R${j}`, type: type.key, date };
    if (type.hasSeverity) rec.severity = this.rng.pick(this.vocab.severity);
    if (Object.keys(attrs).length > 0) rec.attrs = attrs;
    if (this.rng.chance(0.25)) rec.fulfilledOn = addDays(date, this.rng.int(0, 700));
    if (this.rng.chance(0.1)) rec.repairedOn = addDays(date, this.rng.int(30, 900));
    if (this.rng.chance(0.03)) rec.revokedOn = addDays(date, this.rng.int(10, 400));
    if (this.rng.chance(0.08)) rec.objection = this.rng.pick(OBJECTIONS);
    return rec;
  }

  subject(n: number, meanRecords: number): Subject {
    const kind = KINDS[this.rng.weighted(KIND_WEIGHTS)]!;
    const count = this.rng.int(1, 2 * meanRecords - 1);
    const records: SubjectRecord[] = [];
    for (let j = 0; j < count; j++) records.push(this.record(j + 1));
    return { id: subjectIdFor(kind, n, this.vocab.region), kind, region: this.vocab.region, records };
  }
}

/** `size` subjects, identical for identical options; every one passes `validateSubject` (checked: throws if not). */
export function generatePopulation(ir: PolicyIr, options: PopulationOptions): Subject[] {
  const gen = new Generator(vocabularyOf(ir), new Prng(options.seed), options.at);
  const mean = options.meanRecords ?? 5;
  const out: Subject[] = [];
  for (let n = 0; n < options.size; n++) {
    const s = gen.subject(n, mean);
    if (options.validate === false) {
      out.push(s);
      continue;
    }
    const v = validateSubject(s, ir);
    if (!v.ok) {
      const p = v.problems[0];
      throw new Error(`generated subject ${n} is invalid: ${p?.path ?? ''} ${p?.messageEn ?? ''}`);
    }
    out.push(v.subject);
  }
  return out;
}
