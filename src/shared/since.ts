/**
 * "Since this article": given the article's date, what happened after it in this entity's story —
 * its own timeline and the timelines of the story entities it is related to — and which of its
 * present-tense facts were last confirmed after it.
 *
 * Order: key events first, then the rest; within each, newest first. A card has room for three,
 * and a reader of an old article needs the latest word most, because later developments supersede
 * earlier ones (the 2023 position after the 2021 calls for review), so the newest are the ones
 * that change what the article says today.
 *
 * For a whole page (the popup), the same over every entity the page mentions: `sincePage`.
 *
 * Owns: choosing and ordering the developments since a date. Never: reads the page or the clock,
 * formats or renders.
 */
import type { Dataset, Entity, IsoDate } from '../dataset/schema.ts';
import { clearlyAfter, span, startOf } from './partial-date.ts';
import { mergeEvents, type StoryEvent } from './story-timeline.ts';

/** How many developments a card shows before "and N more". */
export const SINCE_SHOWN = 3;

/** A fact stated as a present state, last confirmed (`asOf`) after the article. */
export interface LaterState {
  /** The fact's index in the entity's `facts`. */
  index: number;
  text: string;
  asOf: IsoDate;
  sources: string[];
}

export interface SinceArticle {
  /** The article's date everything here is after. */
  since: IsoDate;
  /** At most `shown`: key events first, then the rest, each group newest first. */
  events: StoryEvent[];
  /** How many more events happened since than `events` holds. */
  more: number;
  states: LaterState[];
}

/** The entities and the story entities they name as related, each once. */
function storyOf(entities: readonly Entity[], ...of: Entity[]): Entity[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const out: Entity[] = [];
  for (const entity of of) if (!out.includes(entity)) out.push(entity);
  for (const entity of of)
    for (const r of entity.related ?? []) {
      const other = byId.get(r.id);
      if (other && other.role === 'story' && !out.includes(other)) out.push(other);
    }
  return out;
}

/** Their timeline events clearly after the date, each once. */
const eventsAfter = (entities: readonly Entity[], date: IsoDate) =>
  mergeEvents(entities).filter((e) => clearlyAfter(startOf(e.date), date));

/** Key first; then newest first (a later start first; a day before its month and year). */
function mostImportantFirst(events: readonly StoryEvent[]): StoryEvent[] {
  return events
    .map((event, i) => ({ event, i }))
    .sort(
      (a, b) =>
        Number(b.event.key) - Number(a.event.key) ||
        startOf(b.event.date).localeCompare(startOf(a.event.date)) ||
        a.i - b.i,
    )
    .map(({ event }) => event);
}

/**
 * What happened after `articleDate` in the story of `entityId`. An event counts when every day it
 * may have started on is after every day the article may be from (a "2023" event is after an
 * article of 2021-06-15; a "2021-06" event is not clearly after it and is left out). Undefined
 * when there is no (valid) date, no such entity, or nothing since.
 */
export function sinceArticle(
  dataset: Pick<Dataset, 'entities'>,
  entityId: string,
  articleDate: IsoDate | undefined,
  shown: number = SINCE_SHOWN,
): SinceArticle | undefined {
  if (!articleDate || !span(articleDate)) return undefined;
  const entity = dataset.entities.find((e) => e.id === entityId);
  if (!entity) return undefined;
  const after = eventsAfter(storyOf(dataset.entities, entity), articleDate);
  const states: LaterState[] = [];
  entity.facts.forEach((f, index) => {
    if (f.type === 'state' && f.asOf && clearlyAfter(f.asOf, articleDate))
      states.push({ index, text: f.text, asOf: f.asOf, sources: [...f.sources] });
  });
  if (after.length === 0 && states.length === 0) return undefined;
  const ranked = mostImportantFirst(after);
  return {
    since: articleDate,
    events: ranked.slice(0, shown),
    more: Math.max(0, ranked.length - shown),
    states,
  };
}

/** How many developments the popup lists for a page before "and N more". */
export const PAGE_SHOWN = 4;

/**
 * What happened after `articleDate` in the stories of every entity a page mentions, each
 * development once however many of them record it, ranked as for one entity. Undefined when there
 * is no (valid) date, none of the entities is known, or nothing happened since.
 */
export function sincePage(
  dataset: Pick<Dataset, 'entities'>,
  entityIds: readonly string[],
  articleDate: IsoDate | undefined,
  shown: number = PAGE_SHOWN,
): Omit<SinceArticle, 'states'> | undefined {
  if (!articleDate || !span(articleDate)) return undefined;
  const byId = new Map(dataset.entities.map((e) => [e.id, e]));
  const known = entityIds.flatMap((id) => byId.get(id) ?? []);
  if (known.length === 0) return undefined;
  const ranked = mostImportantFirst(eventsAfter(storyOf(dataset.entities, ...known), articleDate));
  if (ranked.length === 0) return undefined;
  return {
    since: articleDate,
    events: ranked.slice(0, shown),
    more: Math.max(0, ranked.length - shown),
  };
}
