/**
 * Search over entities (popup, glossary filter, look-ups): names and aliases first, then entries
 * that only mention the words in their summary, each hit saying which it is. Tolerant of prefixes
 * ("stop" → StopSIM), spacing ("stop sim" → StopSIM) and typos ("Serenty" → Serenity).
 *
 * Owns: the ranking (a name or alias hit always ranks above a summary-only hit), the reading
 * order of entry names (quote marks and other leading punctuation ignored), and what counts as the
 * best match for a looked-up text. The index is a few token lists per entity, built when the first
 * query comes, not at load. Never: touches the DOM or storage.
 */
import type { Entity } from '../dataset/schema.ts';

/** What search reads of an entry (a whole `Entity`, or the popup's smaller view of one). */
export type Searchable = Pick<Entity, 'id' | 'name' | 'role' | 'summary'> & {
  aliases: readonly { text: string }[];
};

/** Where a query matched: the entry's own name, one of its aliases, or only its summary. */
export type MatchField = 'name' | 'alias' | 'summary';

export interface Hit<E extends Searchable = Entity> {
  entity: E;
  field: MatchField;
  /** The alias that matched, when `field` is 'alias'. */
  alias?: string;
}

export interface EntitySearch<E extends Searchable = Entity> {
  /** Hits for `query`, names and aliases before summaries, best first; none for a blank query. */
  find(query: string): Hit<E>[];
  /** Entities matching `query`, best first; every entity, in reading order, for a blank query. */
  search(query: string): E[];
  /** The entity a looked-up text most likely means (exact name or alias first). */
  best(text: string): E | undefined;
}

/** Lower case, no accents, typographic apostrophes folded. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

const tokens = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const compact = (text: string): string => tokens(text).join('');

/** The key names sort by: quote marks, '#' and other leading punctuation do not count. */
export function sortKey(name: string): string {
  return fold(name)
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim();
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
/** Entities in reading order (A–Z by `sortKey`). */
export function byName<T extends { name: string }>(list: readonly T[]): T[] {
  return list
    .map((e) => ({ e, k: sortKey(e.name) }))
    .sort((a, b) => collator.compare(a.k, b.k))
    .map(({ e }) => e);
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      row.push(v);
      if (v < low) low = v;
    }
    if (low > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Typos allowed in a query word of this length. */
const typos = (n: number) => (n >= 8 ? 2 : n >= 4 ? 1 : 0);

/**
 * How well query word `q` matches word `w`: 3 exact, 2 prefix, 1 typo, 0 none. In summaries
 * (`strict`) a prefix needs 4 letters and a typo 5, so "sim" does not find "similar" there.
 */
function wordScore(q: string, w: string, strict: boolean): number {
  if (q === w) return 3;
  if (w.startsWith(q) && (!strict || q.length >= 4)) return 2;
  if (strict && q.length < 5) return 0;
  const max = strict ? 1 : typos(q.length);
  if (max > 0 && distance(q, w.slice(0, q.length + max), max) <= max) return 1;
  return 0;
}

const bestIn = (q: string, words: readonly string[], strict: boolean) =>
  words.reduce((b, w) => Math.max(b, wordScore(q, w, strict)), 0);

interface Label {
  text: string;
  field: 'name' | 'alias';
  words: string[];
  compact: string;
}

interface Indexed<E> {
  entity: E;
  labels: Label[];
  summary: string[];
  order: number;
}

/** How well the query matches one name or alias (0: not at all). */
function labelScore(qWords: string[], qCompact: string, l: Label): number {
  if (!qCompact) return 0;
  if (l.compact === qCompact) return 100;
  if (l.compact.startsWith(qCompact)) return 80 + (10 * qCompact.length) / l.compact.length;
  let sum = 0;
  for (let i = 0; i < qWords.length; i++) {
    const q = qWords[i]!;
    // A single letter stands for a word being typed only at the end ("a&e" is not "ahsn e…").
    const s =
      q.length === 1 && i < qWords.length - 1
        ? bestIn(q, l.words, true)
        : bestIn(q, l.words, false);
    if (s === 0) {
      sum = 0;
      break;
    }
    sum += s;
  }
  if (sum > 0) return 40 + (10 * sum) / qWords.length + (10 * qCompact.length) / l.compact.length;
  // A compound word of a name ending in the query ("sim" in "StopSIM").
  if (qCompact.length >= 3 && l.words.some((w) => w.endsWith(qCompact))) return 30;
  return 0;
}

export function createSearch<E extends Searchable = Entity>(
  entities: readonly E[],
): EntitySearch<E> {
  let exactMap: Map<string, E> | undefined;
  /** Exact names and aliases, made on the first look-up. */
  const exact = () => {
    if (exactMap) return exactMap;
    exactMap = new Map();
    for (const e of entities) {
      exactMap.set(compact(e.name), e);
      for (const a of e.aliases)
        if (!exactMap.has(compact(a.text))) exactMap.set(compact(a.text), e);
    }
    return exactMap;
  };
  let readingOrder: E[] | undefined;
  const reading = () => (readingOrder ??= byName(entities));
  let index: Indexed<E>[] | undefined;
  const build = () =>
    (index ??= reading().map((entity, order) => ({
      entity,
      order,
      labels: [
        { text: entity.name, field: 'name' as const },
        ...entity.aliases.map((a) => ({ text: a.text, field: 'alias' as const })),
      ].map((l) => ({ ...l, words: tokens(l.text), compact: compact(l.text) })),
      summary: tokens(entity.summary),
    })));

  /** Every query word in the summary (a mention only); how well, or 0. */
  const summaryScore = (qWords: string[], e: Indexed<E>) => {
    let sum = 0;
    for (const q of qWords) {
      const s = bestIn(q, e.summary, true);
      if (s === 0) return 0;
      sum += s;
    }
    return sum;
  };

  function find(query: string): Hit<E>[] {
    const qWords = tokens(query);
    const qCompact = qWords.join('');
    if (!qCompact) return [];
    const scored: { hit: Hit<E>; score: number; order: number; story: boolean }[] = [];
    for (const e of build()) {
      let top: { score: number; label?: Label } = { score: 0 };
      for (const l of e.labels) {
        // The name wins a tie with an alias.
        const raw = labelScore(qWords, qCompact, l);
        const s = raw > 0 && l.field === 'name' ? raw + 0.5 : raw;
        if (s > top.score) top = { score: s, label: l };
      }
      const story = e.entity.role === 'story';
      if (top.label) {
        const hit: Hit<E> = { entity: e.entity, field: top.label.field };
        if (top.label.field === 'alias') hit.alias = top.label.text;
        scored.push({ hit, score: 1000 + top.score, order: e.order, story });
        continue;
      }
      const s = summaryScore(qWords, e);
      if (s > 0)
        scored.push({
          hit: { entity: e.entity, field: 'summary' },
          score: s,
          order: e.order,
          story,
        });
    }
    if (scored.length === 0 && qWords.length > 1) {
      // No entry has every word: rank by how many words its name and aliases share with the text
      // (a look-up of a whole phrase, "the StopSIM coalition said").
      for (const e of build()) {
        let top: { n: number; label?: Label } = { n: 0 };
        for (const l of e.labels) {
          const n = qWords.filter((q) => q.length >= 3 && bestIn(q, l.words, true) > 0).length;
          if (n > top.n) top = { n, label: l };
        }
        if (!top.label) continue;
        const hit: Hit<E> = { entity: e.entity, field: top.label.field };
        if (top.label.field === 'alias') hit.alias = top.label.text;
        scored.push({ hit, score: top.n, order: e.order, story: e.entity.role === 'story' });
      }
    }
    return scored
      .sort((a, b) => b.score - a.score || Number(b.story) - Number(a.story) || a.order - b.order)
      .map((s) => s.hit);
  }

  return {
    find,
    search(query) {
      return query.trim() ? find(query).map((h) => h.entity) : [...reading()];
    },
    best(text) {
      const k = compact(text);
      if (!k) return undefined;
      return exact().get(k) ?? find(text)[0]?.entity;
    },
  };
}
