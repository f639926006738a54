/**
 * The whole story's timeline, from a date: every entry's timeline events merged (an event two
 * entries record appears once), oldest first, each dated, cited and linked to its entry. Opened
 * as `#timeline?from=2021-06-15` ("N more since this article" on a card or in the popup) or
 * `#timeline` (everything), with a date field to change where it starts.
 *
 * Owns: the view and its date control. Never: merges or filters events itself
 * (`shared/story-timeline.ts`).
 */
import type { IsoDate } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import { formatDate } from '../shared/labels.ts';
import { isoOfDay, span, startOf } from '../shared/partial-date.ts';
import { readTimelineHash, storyTimeline, timelineHash } from '../shared/story-timeline.ts';
import { dataset } from './data.ts';
import { Events, LookupsContext } from './first.tsx';
import type { TimelineItem } from './model.ts';
import { fullLookups } from './parts.tsx';
import type { ViewProps } from './views.tsx';

/** A date field holds whole days: a month or a year starts on its first day. */
const dayOf = (from: IsoDate | undefined) => (from ? isoOfDay(span(from)!.first) : '');

const all = storyTimeline(dataset);
/** The date field's lower bound: the first event's first day (its upper bound is today). */
const first = all[0] ? dayOf(startOf(all[0].date)) : undefined;

/** Opens the timeline from another date (or from the start), keeping one history entry. */
function show(from: string) {
  location.replace(timelineHash(from || undefined));
}

export function TimelineView({ query }: ViewProps) {
  const { from } = readTimelineHash(`#timeline?${query}`) ?? {};
  const events = from ? storyTimeline(dataset, { from }) : all;
  const items = events.map((e): TimelineItem => ({
    date: e.date,
    text: e.text,
    sources: e.sources,
    entityId: e.entityId,
    from: 'event',
  }));
  const today = new Date().toISOString().slice(0, 10);
  return (
    <LookupsContext.Provider value={fullLookups}>
      <p class="intro">{t('timelineViewIntro')}</p>
      <form
        class="timeline-from"
        onSubmit={(e) => {
          e.preventDefault();
          const input = (e.currentTarget as HTMLFormElement).elements.namedItem('from');
          show((input as HTMLInputElement).value);
        }}
      >
        <label for="timeline-from">{t('timelineFromLabel')}</label>
        <input
          id="timeline-from"
          name="from"
          type="date"
          value={dayOf(from)}
          min={first}
          max={today}
          onChange={(e) => show((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">{t('timelineFromShow')}</button>
        {from ? <a href={timelineHash()}>{t('timelineFromAll')}</a> : null}
      </form>
      <p class="count" role="status">
        {from
          ? t('timelineFromCount', [
              String(events.length),
              String(all.length),
              formatDate(from, 'long'),
            ])
          : t('timelineAllCount', String(all.length))}
      </p>
      <Events items={items} linkOthers />
    </LookupsContext.Provider>
  );
}
