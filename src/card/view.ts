/**
 * The card's layers: which facts the default view shows (the curator's key facts), and how the
 * rest is grouped and ordered when "More" is open. Issue 25's "since this article" section, which
 * sits between the key facts and More, comes from `shared/since.ts`.
 *
 * Owns: choosing, grouping and ordering what each layer shows. Never: renders, formats or numbers
 * citations (see `citations.ts`, which numbers from these lists).
 */
import type { Entity, Fact } from '../dataset/schema.ts';
import { factSortKey } from '../shared/labels.ts';
import type { SinceArticle } from '../shared/since.ts';
import { oldestFirst, type StoryEvent } from '../shared/story-timeline.ts';

/** Facts the default view shows when the curator has marked none as key: at most this many… */
export const FALLBACK_KEY_FACTS = 3;
/** …and no more characters (texts and their "Disputed by" notes) than fit the card unscrolled. */
export const FALLBACK_KEY_CHARS = 400;

export interface Layers {
  /** The default view's facts, in date order (undated last). */
  key: Fact[];
  /** More: the other facts that are events (or dated facts without a type), in date order. */
  events: Fact[];
  /** More: the other facts that describe a state of affairs (or carry no date), in date order. */
  background: Fact[];
}

const byDate = (facts: Fact[]) =>
  facts
    .map((f, i) => ({ f, i, k: factSortKey(f) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.f);

const isEvent = (f: Fact) => (f.type ? f.type === 'event' : f.date !== undefined && !f.asOf);

const length = (f: Fact) => f.text.length + (f.contested ? f.contested.note.length + 20 : 0);

/** An entry's first facts in the dataset's order (what it is comes before its history there). */
function firstFacts(facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  let chars = 0;
  for (const f of facts.slice(0, FALLBACK_KEY_FACTS)) {
    chars += length(f);
    if (out.length > 0 && chars > FALLBACK_KEY_CHARS) break;
    out.push(f);
  }
  return out;
}

/** The curator's key facts (`Fact.key`); an entry with none shows its first facts. */
export function layersOf(entity: Entity): Layers {
  const marked = entity.facts.filter((f) => f.key);
  const key = marked.length > 0 ? marked : firstFacts(entity.facts);
  const rest = entity.facts.filter((f) => !key.includes(f));
  return {
    key: byDate(key),
    events: byDate(rest.filter(isEvent)),
    background: byDate(rest.filter((f) => !isEvent(f))),
  };
}

/**
 * The developments "since this article" shows, oldest first: `sinceArticle` chose them as the most
 * important, and a reader follows what happened next in the order it happened.
 */
export function sinceShown(since: SinceArticle | undefined): StoryEvent[] {
  return since ? oldestFirst(since.events) : [];
}

/** The facts stated as a present state last confirmed after the article (indexes in `facts`). */
export function newerThanArticle(since: SinceArticle | undefined): ReadonlySet<number> {
  return new Set(since?.states.map((s) => s.index));
}
