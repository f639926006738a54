/**
 * What a batch of changes (`changes.ts`) means for the records: those to drop (their block was
 * removed, or an element around it hidden or shown), the regions to walk again, and in wrap mode
 * the marked records inside them, to unwrap before they are read. Owns: those decisions. Never:
 * paints, walks or changes the DOM.
 */
import type { Changes } from '../changes.ts';
import { regionsOf, type Region } from '../collect.ts';
import type { Rec } from './records.ts';

const FOLLOWING = 4;

/** The batch's records to drop and regions to walk again. */
export function absorb(c: Changes, records: readonly Rec[]): { drop: Rec[]; regions: Region[] } {
  const drop = new Set<Rec>();
  if (c.removed)
    for (const rec of records) {
      const nodes = rec.block.nodes;
      if (rec.alive && (!nodes[0]!.isConnected || !nodes.at(-1)!.isConnected)) drop.add(rec);
    }
  const touched = [...c.touched];
  for (const el of c.toggled) {
    for (const rec of records) if (rec.alive && el.contains(rec.block.nodes[0]!)) drop.add(rec);
    touched.push(el);
  }
  return { drop: [...drop], regions: regionsOf(touched) };
}

/** The records with marks whose block starts inside one of `regions` (wrap mode unwraps them). */
export function markedIn(regions: readonly Region[], records: readonly Rec[]): Rec[] {
  const inside = (n: Node, r: Region) => {
    let c: Node | null = n;
    while (c && c.parentNode !== r.parent) c = c.parentNode;
    if (!c) return false;
    const afterFirst = c === r.first || !!(r.first.compareDocumentPosition(c) & FOLLOWING);
    const beforeLast = c === r.last || !!(c.compareDocumentPosition(r.last) & FOLLOWING);
    return afterFirst && beforeLast;
  };
  return records.filter(
    (rec) =>
      rec.alive &&
      rec.found.some((f) => f.page) &&
      regions.some((r) => inside(rec.block.nodes[0]!, r)),
  );
}

/** A record's block is shown (style is clean after load, so this is cheap per call). */
export function isVisible(rec: Rec): boolean {
  const el = rec.block.nodes[0]!.parentElement;
  if (!el || typeof el.checkVisibility !== 'function') return true;
  return el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true } as never);
}
