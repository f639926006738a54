/**
 * The glossary's parts below the first screen: entries (each with "Report a problem"), the A–Z
 * index and the sources index, and the look-ups over the full dataset that every reference and
 * link uses once it is loaded.
 *
 * Owns: how each is rendered. Never: decides order or selection (`model.ts`), or reads the
 * address (`Glossary.tsx`).
 */
import { useState } from 'preact/hooks';
import { writeClipboard } from '../card/clipboard.ts';
import { ReportForm } from '../card/ReportForm.tsx';
import type { Entity, Source } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import { formatDate, kindLabel } from '../shared/labels.ts';
import { REPORT_TO } from '../shared/report-to.ts';
import { sourceName } from '../shared/source-names.ts';
import { citedBy, dataset, entities, refs, sourceList } from './data.ts';
import {
  EntityLink,
  EvidenceLink,
  Events,
  FactItem,
  letterAnchor,
  sourceAnchor,
  type Lookups,
} from './first.tsx';
import { letters, type TimelineItem } from './model.ts';

/** Look-ups over the whole dataset. */
export const fullLookups: Lookups = {
  ref: (id) => refs.get(id),
  name: (id) => entities.get(id)?.name,
};

/** A source's name: its title in quotation marks, or its description as it is. */
export function SourceName({ source }: { source: Source }) {
  const n = sourceName(source);
  if (n.descriptive) return <span class="descriptive">{n.text}</span>;
  return (
    <>
      <cite>“{n.text}”</cite>
      {n.note ? <span class="note"> ({n.note})</span> : null}
    </>
  );
}

/** "Report a problem" under an entry: the form is made only when the reader opens it. */
function ReportEntry({ entity }: { entity: Entity }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      class="report-details"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{t('cardReport')}</summary>
      {open ? (
        <ReportForm
          entity={entity}
          dataset={{ version: dataset.meta.version, hash: dataset.hash }}
          idPrefix={`report-${entity.id}`}
          {...(REPORT_TO ? { destination: REPORT_TO } : {})}
          copy={writeClipboard}
        />
      ) : null}
    </details>
  );
}

export function Entry({ entity, hidden }: { entity: Entity; hidden: boolean }) {
  const titleId = `${entity.id}-title`;
  const own = (entity.timeline ?? []).map((ev): TimelineItem => ({
    ...ev,
    entityId: entity.id,
    from: 'event',
  }));
  return (
    <article
      id={entity.id}
      class="entry"
      tabIndex={-1}
      hidden={hidden}
      aria-labelledby={titleId}
      data-role={entity.role}
    >
      <h3 id={titleId}>
        {entity.name} <span class="kind">{kindLabel(entity.kind)}</span>
      </h3>
      <p class="summary">{entity.summary}</p>
      {entity.aliases.length > 0 ? (
        <p class="aliases">
          <span class="label">{t('aliasesLabel')}</span>{' '}
          {entity.aliases.map((a) => a.text).join(' · ')}
        </p>
      ) : null}
      <ul class="facts">
        {entity.facts.map((f, i) => (
          <FactItem key={i} fact={f} />
        ))}
      </ul>
      {own.length > 0 ? (
        entity.role === 'story' ? (
          <p class="meta">
            <a href="#story-timeline">{t('entryTimelineInStory', String(own.length))}</a>
          </p>
        ) : (
          <details class="entry-timeline">
            <summary>{t('entryTimeline', String(own.length))}</summary>
            <Events items={own} linkOthers={false} />
          </details>
        )
      ) : null}
      {entity.related?.length ? (
        <p class="related">
          <span class="label">{t('relatedLabel')}</span>{' '}
          {entity.related.map((r, i) => (
            <span key={r.id}>
              {i > 0 ? ' · ' : ''}
              {r.relation} <EntityLink id={r.id} />
            </span>
          ))}
        </p>
      ) : null}
      {entity.notThisOne?.length ? (
        <p class="not-this">
          <span class="label">{t('notThisOneLabel')}</span>{' '}
          {entity.notThisOne.map((n, i) => (
            <span key={n.name}>
              {i > 0 ? ' · ' : ''}
              {n.id ? <EntityLink id={n.id} /> : n.name}: {n.note}
            </span>
          ))}
        </p>
      ) : null}
      <p class="meta">{t('reviewedOn', formatDate(entity.lastReviewed))}</p>
      <ReportEntry entity={entity} />
    </article>
  );
}

/** Every entry by letter, each letter an anchor of the A–Z bar. */
export function AZIndex({ all }: { all: readonly Entity[] }) {
  return (
    <section id="az" aria-labelledby="az-title">
      <h2 id="az-title">{t('azTitle')}</h2>
      <div class="az-index">
        {letters(all).map(([letter, list]) => (
          <section
            key={letter}
            id={letterAnchor(letter)}
            class="az-letter"
            aria-label={letter}
            tabIndex={-1}
          >
            <h3 aria-hidden="true">{letter}</h3>
            <ul>
              {list.map((e) => (
                <li key={e.id}>
                  <EntityLink id={e.id} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

export function SourcesIndex() {
  const cited = citedBy();
  return (
    <section id="sources" aria-labelledby="sources-title">
      <h2 id="sources-title">{t('navSources')}</h2>
      <p class="intro">{t('sourcesIntro', String(sourceList.length))}</p>
      <ol class="sources">
        {sourceList.map((s) => {
          const by = cited.get(s.id) ?? [];
          const https = s.url?.startsWith('https://') ? s.url : undefined;
          return (
            <li key={s.id} id={sourceAnchor(s.id)} tabIndex={-1} data-source={s.id}>
              <span class="publisher">{s.publisher}</span>
              {sourceName(s).text.toLowerCase() !== s.publisher.toLowerCase() ? (
                <>
                  {': '}
                  {https ? (
                    <a href={https} target="_blank" rel="noopener noreferrer">
                      <SourceName source={s} />
                    </a>
                  ) : (
                    <SourceName source={s} />
                  )}
                </>
              ) : https ? (
                <>
                  {' '}
                  <a href={https} target="_blank" rel="noopener noreferrer">
                    {t('sourceLink')}
                  </a>
                </>
              ) : null}
              <span class="meta">
                {' '}
                · {formatDate(s.date)} · <EvidenceLink label={s.kind} />
                {s.mirror ? ` · ${t('sourceMirror')}` : ''}
              </span>
              {https ? <span class="address">{https}</span> : null}
              <span class="cited-by">
                {' '}
                <span class="label">{t('citedBy')}</span>{' '}
                {by.length === 0
                  ? t('citedByNone')
                  : by.map((id, i) => (
                      <span key={id}>
                        {i > 0 ? ', ' : ''}
                        <EntityLink id={id} />
                      </span>
                    ))}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
