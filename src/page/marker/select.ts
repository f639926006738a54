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
