// Turns a policy's conditions into the set of record types it treats as adverse (失信): the records the laws add.
//
// Every place a record type occurs is given a direction: does one more record of the type push the subject
// towards penalties (or away from rewards), away from them, or either way? A type is adverse when it carries
// a severity (its records grade a fault), or when every occurrence pushes towards penalties and at least one
// does. `on LIST` is opaque here: a list that displaces another (`unless on 黑名单`) is the law's business,
// not the type's. Early-removal conditions never change who is listed and are not read.
import type { IrExpr, PolicyIr } from '../../dsl/ir.js';

/** +1: more records push towards penalties; -1: away from them; 0: either way. */
type Direction = 1 | -1 | 0;

const flip = (d: Direction): Direction => (d === 0 ? 0 : d === 1 ? -1 : 1);

class Polarity {
  readonly adverse = new Set<string>();
  readonly favourable = new Set<string>();

  note(type: string, d: Direction): void {
    if (d >= 0) this.adverse.add(type);
    if (d <= 0) this.favourable.add(type);
  }

  /** Count, sum and max grow with more records; min shrinks. */
  private growth(agg: string): Direction {
    return agg === 'min'
      ? -1
      : agg === 'any'
        ? 1
        : agg === 'all'
          ? -1
          : agg === 'count' || agg === 'sum' || agg === 'max'
            ? 1
            : 0;
  }

  private compared(agg: Extract<IrExpr, { op: 'agg' }>, cmp: string, aggOnLeft: boolean, d: Direction): void {
    const bigger = aggOnLeft ? cmp === '>' || cmp === '>=' : cmp === '<' || cmp === '<=';
    const smaller = aggOnLeft ? cmp === '<' || cmp === '<=' : cmp === '>' || cmp === '>=';
    const g = this.growth(agg.agg);
    const dir: Direction = bigger ? (g === 1 ? d : flip(d)) : smaller ? (g === 1 ? flip(d) : d) : 0;
    this.aggregate(agg, g === 0 ? 0 : dir);
  }

  private aggregate(agg: Extract<IrExpr, { op: 'agg' }>, d: Direction): void {
    this.note(agg.recordType, d);
    // Whether a record passes a nested condition can cut both ways for the types that condition reads.
    this.visit(agg.where, 0);
  }

  visit(e: IrExpr | undefined, d: Direction): void {
    if (e === undefined) return;
    switch (e.op) {
      case 'and':
      case 'or':
        for (const a of e.args) this.visit(a, d);
        return;
      case 'not':
        this.visit(e.arg, flip(d));
        return;
      case 'agg':
        if (e.agg === 'any' || e.agg === 'all') this.aggregate(e, e.agg === 'any' ? d : flip(d));
        else this.aggregate(e, 0);
        return;
      case 'cmp':
        if (e.left.op === 'agg' && e.right.op !== 'agg') {
          this.compared(e.left, e.cmp, true, d);
          this.visit(e.right, 0);
        } else if (e.right.op === 'agg' && e.left.op !== 'agg') {
          this.compared(e.right, e.cmp, false, d);
          this.visit(e.left, 0);
        } else {
          this.visit(e.left, 0);
          this.visit(e.right, 0);
        }
        return;
      case 'neg':
        this.visit(e.arg, 0);
        return;
      case 'arith':
        this.visit(e.left, 0);
        this.visit(e.right, 0);
        return;
      case 'dateShift':
        this.visit(e.date, 0);
        this.visit(e.duration, 0);
        return;
      case 'in':
        this.visit(e.left, 0);
        this.visit(e.values, 0);
        return;
      case 'has':
        this.visit(e.left, 0);
        this.visit(e.values, 0);
        return;
      case 'isSet':
        this.visit(e.arg, 0);
        return;
      case 'array':
        for (const i of e.items) this.visit(i, 0);
        return;
      default:
        return;
    }
  }
}

/** The record types whose records count against the subject, sorted. */
export function adverseRecordTypes(ir: PolicyIr): string[] {
  const p = new Polarity();
  for (const list of Object.values(ir.lists)) {
    // Penalty side: black and grey lists; reward side: red lists (an adverse record there pushes away).
    const side: Direction = list.kind === 'red' ? -1 : 1;
    for (const rule of list.rules) {
      if (rule.for) p.note(rule.for.recordType, side);
      p.visit(rule.where, side);
      p.visit(rule.when, side);
      p.visit(rule.unless, flip(side));
    }
  }
  for (const grading of Object.values(ir.gradings)) {
    const best = grading.grades[0];
    const worst = grading.grades[grading.grades.length - 1];
    for (const item of grading.items) {
      const side: Direction = item.points < 0 ? 1 : item.points > 0 ? -1 : 0;
      if (item.per) {
        p.note(item.per.recordType, side);
        p.visit(item.per.where, side);
      }
      p.visit(item.when, side);
    }
    for (const rule of grading.direct) {
      // A direct grade in the middle of the scale can lift a subject as well as sink it.
      const side: Direction = rule.grade === worst ? 1 : rule.grade === best ? -1 : 0;
      p.visit(rule.when, side);
    }
    for (const rule of grading.caps) p.visit(rule.when, 1);
  }
  const out: string[] = [];
  for (const [key, type] of Object.entries(ir.records)) {
    if (type.hasSeverity || (p.adverse.has(key) && !p.favourable.has(key))) out.push(key);
  }
  return out.sort();
}
