/**
 * What the glossary derives from the dataset: the dataset-wide timeline and the sources index.
 * Pure, so it is tested in Node over the real dataset.
 */
import type { DateOrRange, Dataset, Entity, EntityKind } from '../dataset/schema.ts';
import { ENTITY_KINDS } from '../dataset/schema.ts';

export interface TimelineItem {
  date: DateOrRange;
  text: string;
  entityId: string;
  sources: string[];
  /** A timeline event of the entity, or one of its dated facts. */
  from: 'event' | 'fact';
}

const start = (d: DateOrRange) => (typeof d === 'string' ? d : d.from);

/**
 * Every dated event and dated fact, oldest first (a year sorts before its months; ties keep the
 * dataset's order). The same text on the same date appears once.
 */
export function timeline(dataset: Pick<Dataset, 'entities'>): TimelineItem[] {
  const items: TimelineItem[] = [];
  const seen = new Set<string>();
  const add = (item: TimelineItem) => {
    const k = `${start(item.date)}\u0000${item.text}`;
    if (seen.has(k)) return;
    seen.add(k);
    items.push(item);
  };
  for (const e of dataset.entities) {
    for (const ev of e.timeline ?? [])
      add({ date: ev.date, text: ev.text, entityId: e.id, sources: ev.sources, from: 'event' });
    for (const f of e.facts)
      if (f.date)
        add({ date: f.date, text: f.text, entityId: e.id, sources: f.sources, from: 'fact' });
  }
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => start(a.item.date).localeCompare(start(b.item.date)) || a.i - b.i)
    .map(({ item }) => item);
}

/** Source id → ids of the entities citing it (facts, disputes and timeline), in dataset order. */
export function citations(dataset: Pick<Dataset, 'entities'>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const cite = (source: string, entity: string) => {
    const list = out.get(source) ?? [];
    if (!list.includes(entity)) list.push(entity);
    out.set(source, list);
  };
  for (const e of dataset.entities) {
    for (const f of e.facts) {
      for (const s of f.sources) cite(s, e.id);
      for (const s of f.contested?.sources ?? []) cite(s, e.id);
    }
    for (const ev of e.timeline ?? []) for (const s of ev.sources) cite(s, e.id);
  }
  return out;
}

/** Entities grouped by kind, in the schema's order of kinds, each group sorted by name. */
export function byKind(entities: readonly Entity[]): [EntityKind, Entity[]][] {
  return ENTITY_KINDS.map(
    (k) =>
      [k, entities.filter((e) => e.kind === k).sort((a, b) => a.name.localeCompare(b.name))] as [
        EntityKind,
        Entity[],
      ],
  ).filter(([, list]) => list.length > 0);
}
