/**
 * "Since this article" in the popup: the date the tab's page gives for itself and where it was
 * read ("Published 15 June 2021, from the page's metadata"), then the developments since that
 * date in the stories of the terms the page mentions (each once, dated, with its sources'
 * publishers), at most a handful, and "N more" to the glossary's timeline from that date.
 * Loaded only when the page gives a date (it reads the full dataset).
 *
 * Owns: that section. Never: reads the page (the tab answers `tab/article-date`), or chooses the
 * developments (`shared/since.ts`).
 */
import dataset from 'virtual:cc-dataset';
import type { PageDate, PageDates } from '../shared/card-bridge.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { formatDate, formatDateOrRange } from '../shared/labels.ts';
import { sincePage } from '../shared/since.ts';
import { oldestFirst } from '../shared/story-timeline.ts';

const sources = new Map(dataset.sources.map((s) => [s.id, s]));

/** Where a date was read, in plain words. */
const FROM: Record<PageDate['source'], MessageKey> = {
  'json-ld': 'dateSource_json_ld',
  meta: 'dateSource_meta',
  microdata: 'dateSource_microdata',
  time: 'dateSource_time',
  url: 'dateSource_url',
};

/** The publishers behind a development, each once: "NHS England; StopSIM". */
const publishers = (ids: readonly string[]) =>
  [...new Set(ids.flatMap((id) => sources.get(id)?.publisher ?? []))].join('; ');

export function SinceHere({
  dates,
  entityIds,
  onMore,
}: {
  dates: PageDates;
  /** The entities the page mentions. */
  entityIds: readonly string[];
  /** Opens the glossary's timeline from the article's date. */
  onMore: (from: string) => void;
}) {
  const published = dates.published;
  if (!published) return null;
  const since = sincePage(dataset, entityIds, published.date);
  const modified =
    dates.modified && dates.modified.date !== published.date ? dates.modified : undefined;
  return (
    <section class="since-here" aria-labelledby="since-title">
      <h2 id="since-title">{t('popupSinceTitle')}</h2>
      <p class="since-date" data-source={published.source}>
        {t('popupPublished', [formatDate(published.date, 'long'), t(FROM[published.source])])}
        {modified ? ` ${t('popupUpdated', formatDate(modified.date, 'long'))}` : ''}
      </p>
      {since ? (
        <>
          <p class="muted">{t('popupSinceIntro')}</p>
          <ul class="since-list">
            {oldestFirst(since.events).map((e, i) => (
              <li key={i}>
                <span class="when">{formatDateOrRange(e.date)}</span> {e.text}{' '}
                <span class="by">({publishers(e.sources)})</span>
              </li>
            ))}
          </ul>
          {since.more > 0 ? (
            <button
              type="button"
              class="link"
              data-action="since-more"
              onClick={() => onMore(published.date)}
            >
              {t('popupSinceMore', String(since.more))}
            </button>
          ) : null}
        </>
      ) : (
        <p class="muted">{t('popupSinceNothing')}</p>
      )}
    </section>
  );
}
