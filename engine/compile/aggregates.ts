// Turns aggregate slots into values: every fused aggregate over one record type is computed in a single pass.
import { shiftOf } from './dates.js';
import { addNote } from './notes.js';
import { startedOnRecord } from './starts.js';
import { AGG_ALL, AGG_ANY, AGG_COUNT, AGG_MAX, AGG_MIN, AGG_SUM } from './types.js';
import type { AggSlot, Ctx, Rec } from './types.js';

const EMPTY: readonly Rec[] = Object.freeze([]);

/**
 * The value of an uncorrelated aggregate. Its `where` only sees its own record (no `outer F`), so it is a constant
 * of the evaluation, computed on first use.
 */
export function readAgg(ctx: Ctx, i: number): unknown {
  if (ctx.aggDone[i] !== ctx.gen) computeSlot(ctx, i);
  const parked = ctx.slotNotes[i];
  if (parked !== undefined) for (const n of parked) addNote(ctx, n);
  return ctx.aggVal[i];
}

export function computeSlot(ctx: Ctx, i: number): void {
  const slot = ctx.plan.slots[i]!;
  if (slot.typeIndex < 0 || ctx.bucketN[slot.typeIndex] === 0) {
    // No record of the type counts: the aggregate has its empty value, and its group need not run at all
    // (most subjects hold a few of a policy's record types, and a red list reads many `not any`).
    init(ctx, slot);
    ctx.aggDone[i] = ctx.gen;
  } else if (slot.group >= 0) computeGroup(ctx, slot.group);
  else computeAlone(ctx, slot);
}

/**
 * The value of a correlated aggregate (its `where` reads `outer F`) for the record `outer` it is reached from:
 * computed afresh at every use, with `ctx.outer` set for the `where` and restored after (aggregates nest).
 */
export function readCorrelated(ctx: Ctx, i: number, outer: Rec | null): unknown {
  const slot = ctx.plan.slots[i]!;
  const prev = ctx.outer;
  ctx.outer = outer;
  if (slot.typeIndex < 0 || ctx.bucketN[slot.typeIndex] === 0) init(ctx, slot);
  else computeAlone(ctx, slot);
  ctx.outer = prev;
  const parked = ctx.slotNotes[i];
  if (parked !== undefined) for (const n of parked) addNote(ctx, n);
  return ctx.aggVal[i];
}

/** The value of any aggregate as seen from the record `rec` in scope (correlated or not). */
export function readAggAt(ctx: Ctx, i: number, rec: Rec | null): unknown {
  return ctx.plan.slots[i]!.correlated ? readCorrelated(ctx, i, rec) : readAgg(ctx, i);
}

/**
 * The records an aggregate's `where` lets through as seen from `outer`, in date order — for the explanation, which
 * names the records behind a bar; the value itself comes from readCorrelated / readAgg.
 */
export function passingRecords(ctx: Ctx, i: number, outer: Rec | null): Rec[] {
  const slot = ctx.plan.slots[i]!;
  const out: Rec[] = [];
  if (slot.typeIndex < 0) return out;
  const low = lowOf(ctx, slot);
  const bucket = ctx.buckets[slot.typeIndex]!;
  const prev = ctx.outer;
  ctx.outer = outer;
  for (let r = 0; r < ctx.bucketN[slot.typeIndex]!; r++) {
    const rec = bucket[r]!;
    if (passes(ctx, slot, low, rec)) out.push(rec);
  }
  ctx.outer = prev;
  return out;
}

/** Whether a counting record of the slot's type passes it: not suspended, within its window, its `where` held. */
function passes(ctx: Ctx, slot: AggSlot, low: string | null, rec: Rec): boolean {
  if (slot.skipPending && rec.objection === 'pending') return false;
  if (low !== null && rec.date < low) return false;
  return slot.where === null || slot.where(ctx, rec);
}

/**
 * The date of the `need`-th record slot `i`'s `where` passes (with `outer` as the outer record), or of the last one
 * when `need` is null or more than pass; '' for none. A bucket is in date order, so the N-th passing record is the
 * N-th date (walk.ts `sufficientDate` on passingRecords' dates, without the arrays).
 */
export function nthPassingDate(ctx: Ctx, i: number, outer: Rec | null, need: number | null): string {
  const slot = ctx.plan.slots[i]!;
  if (slot.typeIndex < 0) return '';
  const low = lowOf(ctx, slot);
  const bucket = ctx.buckets[slot.typeIndex]!;
  const n = ctx.bucketN[slot.typeIndex]!;
  const prev = ctx.outer;
  ctx.outer = outer;
  let last = '';
  let count = 0;
  for (let r = 0; r < n; r++) {
    const rec = bucket[r]!;
    if (!passes(ctx, slot, low, rec)) continue;
    last = rec.date;
    if (++count === need) break;
  }
  ctx.outer = prev;
  return last;
}

/** The inclusive lower bound of `within`: shift(at, −P), hoisted out of the record loop. */
function lowOf(ctx: Ctx, slot: AggSlot): string | null {
  const w = slot.within;
  if (w === null) return null;
  if (slot.lowAt !== ctx.at) {
    slot.low = shiftOf(ctx.at, -1, w);
    slot.lowAt = ctx.at;
  }
  return slot.low;
}

function init(ctx: Ctx, slot: AggSlot): void {
  const i = slot.index;
  switch (slot.kind) {
    case AGG_ANY:
      ctx.aggVal[i] = false;
      break;
    case AGG_ALL:
      ctx.aggVal[i] = true;
      break;
    case AGG_COUNT:
    case AGG_SUM:
      ctx.aggVal[i] = 0;
      break;
    default:
      ctx.aggVal[i] = null;
  }
  ctx.aggMax[i] = null;
  ctx.aggRecN[i] = 0;
  ctx.slotNotes[i] = undefined;
}

/** One record against one aggregate; `low` is the hoisted window bound. */
function step(ctx: Ctx, slot: AggSlot, rec: Rec, low: string | null): void {
  const d = rec.date;
  if (low !== null && d < low) return;
  const i = slot.index;
  const where = slot.where;
  let pass = true;
  if (where !== null) {
    const prev = ctx.noteSlot;
    ctx.noteSlot = i;
    pass = where(ctx, rec);
    ctx.noteSlot = prev;
  }
  // `all` ranges over every record in the window; the others keep only the ones that passed `where`.
  if (slot.kind === AGG_ALL) {
    if (!pass) ctx.aggVal[i] = false;
  } else if (!pass) return;
  const max = ctx.aggMax[i];
  if (max === null || max === undefined || d > max) ctx.aggMax[i] = d;
  if (slot.collect) ctx.aggRecs[i]![ctx.aggRecN[i]!++] = rec;
  switch (slot.kind) {
    case AGG_ANY:
      ctx.aggVal[i] = true;
      return;
    case AGG_COUNT:
      ctx.aggVal[i] = (ctx.aggVal[i] as number) + 1;
      return;
    case AGG_SUM: {
      const v = slot.field!(ctx, rec);
      if (typeof v === 'number') ctx.aggVal[i] = (ctx.aggVal[i] as number) + v;
      return;
    }
    case AGG_MAX:
    case AGG_MIN: {
      const v = slot.field!(ctx, rec);
      if (typeof v !== 'number' && typeof v !== 'string') return;
      const cur = ctx.aggVal[i];
      if (cur === null) ctx.aggVal[i] = v;
      else if (
        typeof cur === typeof v &&
        (slot.kind === AGG_MAX ? (v as number) > (cur as number) : (v as number) < (cur as number))
      ) {
        ctx.aggVal[i] = v;
      }
      return;
    }
  }
}

function computeGroup(ctx: Ctx, g: number): void {
  const group = ctx.plan.groups[g]!;
  const slots = group.slots;
  const lows = lowScratch(slots.length);
  for (let j = 0; j < slots.length; j++) {
    init(ctx, slots[j]!);
    lows[j] = lowOf(ctx, slots[j]!);
  }
  const bucket = group.typeIndex >= 0 ? ctx.buckets[group.typeIndex]! : EMPTY;
  const n = group.typeIndex >= 0 ? ctx.bucketN[group.typeIndex]! : 0;
  for (let r = 0; r < n; r++) {
    const rec = bucket[r]!;
    if (group.skipPending && rec.objection === 'pending') continue;
    for (let j = 0; j < slots.length; j++) step(ctx, slots[j]!, rec, lows[j]!);
  }
  for (let j = 0; j < slots.length; j++) ctx.aggDone[slots[j]!.index] = ctx.gen;
}

function computeAlone(ctx: Ctx, slot: AggSlot): void {
  init(ctx, slot);
  const low = lowOf(ctx, slot);
  const bucket = slot.typeIndex >= 0 ? ctx.buckets[slot.typeIndex]! : EMPTY;
  const n = slot.typeIndex >= 0 ? ctx.bucketN[slot.typeIndex]! : 0;
  for (let r = 0; r < n; r++) {
    const rec = bucket[r]!;
    if (slot.skipPending && rec.objection === 'pending') continue;
    step(ctx, slot, rec, low);
  }
  ctx.aggDone[slot.index] = ctx.gen;
}

// Reused bound arrays: groups are computed one at a time (a fused where holds no nested aggregate).
const lowPool: (string | null)[][] = [];
function lowScratch(n: number): (string | null)[] {
  let a = lowPool[n];
  if (a === undefined) {
    a = new Array<string | null>(n).fill(null);
    lowPool[n] = a;
  }
  return a;
}

/**
 * An aggregate's since candidate (SEMANTICS §2 "`when` rule"): the latest day a record it matched began to count — its
 * date, or later for a slot with `starts` (whose matched records it keeps); null when none matched.
 */
export function sinceOfSlot(ctx: Ctx, slot: number): string | null {
  const starts = ctx.plan.slots[slot]!.starts;
  if (starts === null) return ctx.aggMax[slot] ?? null;
  const recs = ctx.aggRecs[slot]!;
  let latest: string | null = null;
  for (let j = 0; j < ctx.aggRecN[slot]!; j++) {
    const r = recs[j]!;
    const d = startedOnRecord(ctx, starts, r, r.date);
    if (latest === null || d > latest) latest = d;
  }
  return latest;
}
