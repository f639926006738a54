/**
 * Search over entities (popup, glossary filter, look-ups): names, aliases and summaries, tolerant
 * of prefixes ("stop" → StopSIM) and typos ("Serenty" → Serenity), ranked name first.
 *
 * Owns: the index (MiniSearch, built once per page over the bundled dataset) and what counts as
 * the best match for a looked-up text. Never: touches the DOM or storage.
 */
import MiniSearch from 'minisearch';
import type { Entity } from '../dataset/schema.ts';

export interface EntitySearch {
  /** Entities matching `query`, best first; every entity when the query is blank. */
  search(query: string): Entity[];
  /** The entity a looked-up text most likely means (exact name or alias first). */
  best(text: string): Entity | undefined;
}

/** Lower case, no accents, typographic apostrophes folded, a leading '#' dropped. */
function normalise(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/^#/, '')
    .toLowerCase();
}

const key = (text: string) => normalise(text.replace(/\s+/g, ' ').trim());

export function createSearch(entities: readonly Entity[]): EntitySearch {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const exact = new Map<string, Entity>();
  for (const e of entities) {
    exact.set(key(e.name), e);
    for (const a of e.aliases) if (!exact.has(key(a.text))) exact.set(key(a.text), e);
  }
  let index: MiniSearch<Entity> | undefined;
  const build = () => {
    if (index) return index;
    index = new MiniSearch<Entity>({
      fields: ['name', 'aliases', 'summary'],
      extractField: (e, field) =>
        field === 'aliases' ? e.aliases.map((a) => a.text).join(' ') : String(e[field as 'id']),
      processTerm: (t) => normalise(t) || null,
      searchOptions: {
        boost: { name: 3, aliases: 2, summary: 1 },
        prefix: true,
        fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      },
    });
    index.addAll([...entities]);
    return index;
  };
  const run = (q: string, combineWith: 'AND' | 'OR') =>
    build()
      .search(q, { combineWith })
      .map((r) => byId.get(String(r.id))!)
      .filter(Boolean);

  return {
    search(query) {
      const q = query.trim();
      if (!q) return [...entities].sort((a, b) => a.name.localeCompare(b.name));
      const all = run(q, 'AND');
      return all.length > 0 ? all : run(q, 'OR');
    },
    best(text) {
      const k = key(text);
      if (!k) return undefined;
      return exact.get(k) ?? this.search(text)[0];
    },
  };
}
