// Turns things the law leaves open (param transitions, uncovered calendar years) into decision notes.
import type { Ctx } from './types.js';

/** Adds a note, or parks it on the aggregate being computed so it only counts if that aggregate is read. */
export function addNote(ctx: Ctx, text: string): void {
  if (ctx.noteSlot >= 0) {
    const parked = ctx.slotNotes[ctx.noteSlot];
    if (parked === undefined) ctx.slotNotes[ctx.noteSlot] = [text];
    else if (!parked.includes(text)) parked.push(text);
  } else ctx.notes.add(text);
}
