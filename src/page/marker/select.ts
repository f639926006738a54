/**
 * Which found mentions are marked: visible records only, the kinds the user marks, no entity
 * hidden on the site, the first of each entity (density "first") or all, up to the cap. Pure
 * (unit-tested in Node). Owns: the selection. Never: paints or reads the DOM.
 */
import type { MatchTables } from '../../dataset/tables.ts';
import type { Settings } from '../../shared/settings.ts';

/** The mentions to mark, in document order, from records (`records.ts`) in document order. */
export function select<F extends { entity: number }>(
  records: readonly { readonly visible: boolean; readonly found: readonly F[] }[],
  marking: Settings['marking'],
  entities: MatchTables['entities'],
  hidden: ReadonlySet<string>,
): F[] {
  const { density, kinds, capPerPage } = marking;
  const want: F[] = [];
  const seen = new Set<number>();
  for (const rec of records) {
    if (!rec.visible) continue;
    for (const f of rec.found) {
      const entity = entities[f.entity]!;
      if (!kinds[entity.kind] || hidden.has(entity.id)) continue;
      if (density === 'first' && seen.has(f.entity)) continue;
      if (want.length >= capPerPage) return want;
      seen.add(f.entity);
      want.push(f);
    }
  }
  return want;
}

/**
 * Every mention found per entity (index), marked or not, where it could be marked (a live,
 * visible record, its kind on, not hidden here): the popup's counts, which the density "first"
 * would otherwise show as 1.
 */
export function occurrences(
  records: readonly { alive: boolean; visible: boolean; found: readonly { entity: number }[] }[],
  marking: Settings['marking'],
  entities: MatchTables['entities'],
  hidden: ReadonlySet<string>,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const rec of records) {
    if (!rec.alive || !rec.visible) continue;
    for (const f of rec.found) {
      const e = entities[f.entity]!;
      if (marking.kinds[e.kind] && !hidden.has(e.id))
        out.set(f.entity, (out.get(f.entity) ?? 0) + 1);
    }
  }
  return out;
}
