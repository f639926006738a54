/**
 * What the glossary derives from the dataset: the story's centre and timeline, the entries in
 * the order the page tells them (story, then context, each A–Z), the A–Z index, the dataset-wide
 * timeline, and the sources index with its numbering.
 *
 * Owns: those orders and selections. Pure, so it is tested in Node over the real dataset.
 * Never: renders, reads the page's address or touches the DOM.
 */
import type { DateOrRange, Dataset, Entity, Fact, Source } from '../dataset/schema.ts';
import { byName, sortKey } from '../shared/search.ts';
import { sourceName } from '../shared/source-names.ts';

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

/** The story's timeline: the timeline events of the story's entries, oldest first. */
export function storyTimeline(dataset: Pick<Dataset, 'entities'>): TimelineItem[] {
  return timeline({ entities: dataset.entities.filter((e) => e.role === 'story') }).filter(
    (i) => i.from === 'event',
  );
}

/**
 * The entry the story is about, from the data alone: the story entry with the longest timeline;
 * on a tie, the one most other entries relate to.
 */
export function storyCentre(entities: readonly Entity[]): Entity | undefined {
  const linked = new Map<string, number>();
  for (const e of entities)
    for (const r of e.related ?? []) linked.set(r.id, (linked.get(r.id) ?? 0) + 1);
  const score = (e: Entity) => [e.timeline?.length ?? 0, linked.get(e.id) ?? 0] as const;
  let best: Entity | undefined;
  for (const e of entities) {
    if (e.role !== 'story') continue;
    if (!best) best = e;
    else {
      const [a, b] = [score(e), score(best)];
      if (a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])) best = e;
    }
  }
  return best;
}

/**
 * What the story in brief says happened: the curator's key facts (else the first three), oldest
 * first, undated ones (what the story is) before them.
 */
export function keyFacts(entity: Entity): Fact[] {
  const key = entity.facts.filter((f) => f.key);
  const list = key.length > 0 ? key : entity.facts.slice(0, 3);
  const when = (f: Fact) => (f.date ? start(f.date) : '');
  return list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => when(a.f).localeCompare(when(b.f)) || a.i - b.i)
    .map(({ f }) => f);
}

/** Story entries, then the bodies and terms around them, each in reading order (A–Z). */
export function byRole(entities: readonly Entity[]): { story: Entity[]; context: Entity[] } {
  const sorted = byName(entities);
  return {
    story: sorted.filter((e) => e.role === 'story'),
    context: sorted.filter((e) => e.role !== 'story'),
  };
}

/** The letter an entry is filed under: its name's first letter ("#" for a digit or other). */
export function letterOf(name: string): string {
  const c = sortKey(name).charAt(0).toUpperCase();
  return /^[A-Z]$/.test(c) ? c : '#';
}

/** The A–Z index: each letter with an entry, with its entries in reading order. */
export function letters(entities: readonly Entity[]): [string, Entity[]][] {
  const out = new Map<string, Entity[]>();
  for (const e of byName(entities)) {
    const l = letterOf(e.name);
    out.set(l, [...(out.get(l) ?? []), e]);
  }
  return [...out].sort(([a], [b]) => (a === '#' ? -1 : b === '#' ? 1 : a.localeCompare(b)));
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

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The sources index in the order it is shown (publisher first, then the source's name), so it
 * reads as sorted; each source's number is its place here.
 */
export function sourceOrder(sources: readonly Source[]): Source[] {
  return [...sources].sort(
    (a, b) =>
      collator.compare(sortKey(a.publisher), sortKey(b.publisher)) ||
      collator.compare(sortKey(sourceName(a).text), sortKey(sourceName(b).text)) ||
      collator.compare(a.date, b.date),
  );
}
