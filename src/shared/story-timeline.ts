/**
 * The whole story as one timeline: every entity's timeline events merged (an event two entities
 * both record appears once, naming both), dated, cited and in order, optionally from a date; and
 * the glossary address that shows it (`#timeline?from=2021-06-15`), so a card can link there.
 *
 * Owns: merging and ordering timeline events, and the timeline's deep-link format. Never: renders,
 * formats dates for people, or reads the page.
 */
import type { Dataset, DateOrRange, Entity, IsoDate } from '../dataset/schema.ts';
import { mayBeOnOrAfter, span, startOf } from './partial-date.ts';

export interface StoryEvent {
  date: DateOrRange;
  text: string;
  sources: string[];
  /** Among the developments that matter most (any entity recording it marked it `key`). */
  key: boolean;
  /** The entity whose timeline the text and sources come from. */
  entityId: string;
  /** Every entity whose timeline records the event, `entityId` first. */
  entityIds: string[];
}

/** Lower case, letters and digits only: "NHS England's letter." ≈ "NHS Englands letter". */
const textKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The same event: the same start date, and the same words or a source in common. */
function sameEvent(a: StoryEvent, b: { date: DateOrRange; text: string; sources: string[] }) {
  if (startOf(a.date) !== startOf(b.date)) return false;
  return textKey(a.text) === textKey(b.text) || b.sources.some((s) => a.sources.includes(s));
}

/**
 * The timeline events of these entities, each event once, in the entities' order (the first
 * entity to record an event gives its text and sources). Not sorted.
 */
export function mergeEvents(entities: readonly Entity[]): StoryEvent[] {
  const out: StoryEvent[] = [];
  for (const e of entities) {
    for (const ev of e.timeline ?? []) {
      const same = out.find((o) => sameEvent(o, ev));
      if (same) {
        if (!same.entityIds.includes(e.id)) same.entityIds.push(e.id);
        same.key ||= !!ev.key;
        continue;
      }
      out.push({
        date: ev.date,
        text: ev.text,
        sources: [...ev.sources],
        key: !!ev.key,
        entityId: e.id,
        entityIds: [e.id],
      });
    }
  }
  return out;
}

/** Oldest first; a year before its months and a month before its days; ties keep their order. */
export function oldestFirst<T extends { date: DateOrRange }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => startOf(a.item.date).localeCompare(startOf(b.item.date)) || a.i - b.i)
    .map(({ item }) => item);
}

export interface StoryTimelineOptions {
  /**
   * Only events that may fall on or after this date (an event dated "2021" stays for a `from` of
   * 2021-06-15: it may be later). An invalid date is ignored.
   */
  from?: IsoDate;
}

/** Every entity's timeline events as one list, oldest first, each once. */
export function storyTimeline(
  dataset: Pick<Dataset, 'entities'>,
  options: StoryTimelineOptions = {},
): StoryEvent[] {
  const from = options.from && span(options.from) ? options.from : undefined;
  const events = mergeEvents(dataset.entities);
  return oldestFirst(from ? events.filter((e) => mayBeOnOrAfter(startOf(e.date), from)) : events);
}

const TIMELINE = 'timeline';

/** The glossary's timeline section, from a date when one is given: `#timeline?from=2021-06-15`. */
export function timelineHash(from?: IsoDate): string {
  return from && span(from) ? `#${TIMELINE}?from=${from}` : `#${TIMELINE}`;
}

/**
 * What a glossary address asks of the timeline: undefined when it is not the timeline's;
 * `{ from }` when it names a valid date, `{}` otherwise.
 */
export function readTimelineHash(hash: string): { from?: IsoDate } | undefined {
  const [section, query = ''] = hash.replace(/^#/, '').split('?', 2) as [string, string?];
  if (section !== TIMELINE) return undefined;
  const from = new URLSearchParams(query).get('from') ?? undefined;
  return from && span(from) ? { from } : {};
}
