/**
 * The glossary's building blocks: the story in brief, entries, the A–Z index and the sources
 * index, with numbered references ("[12]") into that index.
 *
 * Owns: how each is rendered. Never: decides order or selection (`model.ts`), or reads the
 * address (`Glossary.tsx`).
 */
import type { Entity, Fact, Source } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import { evidenceLabel, formatDate, formatDateOrRange, kindLabel } from '../shared/labels.ts';
import { sourceLine, sourceName } from '../shared/source-names.ts';
import {
  centre,
  citedBy,
  entities,
  sourceList,
  sourceNumber,
  sources,
  storyEvents,
} from './data.ts';
import { keyFacts, letters, type TimelineItem } from './model.ts';

export const sourceAnchor = (id: string) => `source-${id}`;
export const letterAnchor = (letter: string) =>
  `az-${letter === '#' ? 'other' : letter.toLowerCase()}`;

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

/** Numbered references to the sources index: "[3][12]". */
export function Refs({ ids }: { ids: readonly string[] }) {
  const known = ids.filter((id) => sources.has(id));
  if (known.length === 0) return null;
  return (
    <span class="refs">
      {known.map((id) => {
        const s = sources.get(id)!;
        const n = String(sourceNumber.get(id));
        return (
          <a
            key={id}
            href={`#${sourceAnchor(id)}`}
            class="ref"
            title={sourceLine(s)}
            aria-label={t('refLabel', [n, sourceLine(s)])}
          >
            [{n}]
          </a>
        );
      })}
    </span>
  );
}

export function EntityLink({ id }: { id: string }) {
  const e = entities.get(id);
  return <a href={`#${id}`}>{e?.name ?? id}</a>;
}

function FactItem({ fact }: { fact: Fact }) {
  return (
    <li>
      {fact.date ? <span class="date">{formatDateOrRange(fact.date)}</span> : null} {fact.text}{' '}
      <Refs ids={fact.sources} /> <span class="evidence">{evidenceLabel(fact.evidence)}</span>
      {fact.contested ? (
        <p class="contested">
          {t('contestedBy', fact.contested.by)} {fact.contested.note}{' '}
          <Refs ids={fact.contested.sources} />
        </p>
      ) : null}
    </li>
  );
}

function Events({ items, entityLinks }: { items: readonly TimelineItem[]; entityLinks: boolean }) {
  return (
    <ol class="timeline">
      {items.map((ev, i) => (
        <li key={i} data-entity={ev.entityId}>
          <time dateTime={typeof ev.date === 'string' ? ev.date : ev.date.from}>
            {formatDateOrRange(ev.date)}
          </time>
          <div>
            {ev.text} <Refs ids={ev.sources} />
            {entityLinks && ev.entityId !== centre?.id ? (
              <span class="meta">
                {' '}
                · <EntityLink id={ev.entityId} />
              </span>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The story in brief: what the story is, what happened, and its timeline. */
export function StoryBrief() {
  if (!centre) return null;
  const events = storyEvents();
  return (
    <section id="story" class="story" aria-labelledby="story-title">
      <h2 id="story-title">{t('storyTitle')}</h2>
      <p class="story-name">
        <a href={`#${centre.id}`}>{centre.name}</a>
      </p>
      <p class="summary">{centre.summary}</p>
      <h3>{t('storyWhatHappened')}</h3>
      <ul class="facts">
        {keyFacts(centre).map((f, i) => (
          <FactItem key={i} fact={f} />
        ))}
      </ul>
      {events.length > 0 ? (
        <section id="timeline" aria-labelledby="timeline-title">
          <h3 id="timeline-title">{t('navTimeline')}</h3>
          <Events items={events} entityLinks />
        </section>
      ) : null}
    </section>
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
            <a href="#timeline">{t('entryTimelineInStory', String(own.length))}</a>
          </p>
        ) : (
          <details class="entry-timeline">
            <summary>{t('entryTimeline', String(own.length))}</summary>
            <Events items={own} entityLinks={false} />
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

/** The letters A–Z, each a link to its part of the index where it has entries. */
export function AZBar({ all }: { all: readonly Entity[] }) {
  const have = new Set(letters(all).map(([l]) => l));
  return (
    <p class="az-bar" aria-label={t('azNav')}>
      {[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((l) =>
        have.has(l) ? (
          <a key={l} href={`#${letterAnchor(l)}`}>
            {l}
          </a>
        ) : (
          <span key={l} aria-hidden="true">
            {l}
          </span>
        ),
      )}
    </p>
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
                · {formatDate(s.date)} · {evidenceLabel(s.kind)}
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
