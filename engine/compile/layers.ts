// Turns the evaluation date into which merged layers are in force, and the notes for those that are not (SEMANTICS §5).
import type { IrLayer } from '../../dsl/ir.js';
import { formatDate } from '../explain/format.js';
import type { Ctx } from './types.js';

/** Before its effective date, or after its end: the same test as for the policy itself, per layer. */
export function layerInForce(layer: IrLayer, at: string): boolean {
  return layer.effective <= at && (layer.until === undefined || at <= layer.until);
}

/** The note of a layer not in force at `at`, null when it is in force. */
export function layerNote(layer: IrLayer, at: string): string | null {
  if (at < layer.effective) {
    return `评价日期${formatDate(at)}早于《${layer.title}》施行日期${formatDate(layer.effective)}，其名单、措施和评级不适用`;
  }
  if (layer.until !== undefined && at > layer.until) {
    return `评价日期${formatDate(at)}晚于《${layer.title}》终止日期${formatDate(layer.until)}，其名单、措施和评级已不再适用`;
  }
  return null;
}

/**
 * Writes `ctx.layerOn` for `ctx.at` and notes each layer not in force; true when every layer is in force (the
 * evaluation then takes the plain path). Called only for a layered plan, once per evaluation, before any list or
 * grading runs. A batch evaluates at one date: the answer for it is kept while every layer is in force.
 */
export function markLayers(ctx: Ctx): boolean {
  if (ctx.layersAllOnAt === ctx.at) return true;
  const layers = ctx.plan.ir.layers;
  const on = ctx.layerOn;
  let all = true;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const inForce = layerInForce(layer, ctx.at);
    on[i] = inForce ? 1 : 0;
    if (!inForce) {
      all = false;
      ctx.notes.add(layerNote(layer, ctx.at)!);
    }
  }
  ctx.layersAllOnAt = all ? ctx.at : '';
  return all;
}
