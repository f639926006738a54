/**
 * The glossary page: every entity grouped by kind, with a filter box; deep links (`#entity-id`,
 * from cards and look-ups); a dataset-wide timeline of dated events with their sources; and a
 * sources index listing every source with the entities citing it. Everything comes from the
 * bundled dataset (works offline); links to sources open the publisher's page only when clicked.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import dataset from 'virtual:cc-dataset';
import type { Entity, Source } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import {
  evidenceLabel,
  formatDate,
  formatDateOrRange,
  kindLabel,
  kindPluralLabel,
} from '../shared/labels.ts';
import { createSearch } from '../shared/search.ts';
import { byKind, citations, timeline } from './model.ts';

const search = createSearch(dataset.entities);
const entities = new Map(dataset.entities.map((e) => [e.id, e]));
const sources = new Map(dataset.sources.map((s) => [s.id, s]));
const groups = byKind(dataset.entities);
const events = timeline(dataset);
const citedBy = citations(dataset);
const sourceList = [...dataset.sources].sort(
  (a, b) => a.publisher.localeCompare(b.publisher) || a.title.localeCompare(b.title),
);

export const sourceAnchor = (id: string) => `source-${id}`;

/** Moves focus to the element a fragment names and scrolls it into view. */
function focusTarget(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id ? document.getElementById(id) : null;
  if (!el) return;
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

function SourceLink({ source }: { source: Source }) {
  return source.url?.startsWith('https://') ? (
    <a href={source.url} target="_blank" rel="noopener noreferrer">
      {source.title}
    </a>
  ) : (
    <span>{source.title}</span>
  );
}

/** "[1]"-style references to the sources index. */
function Refs({ ids }: { ids: string[] }) {
  return (
    <span class="refs">
      {ids.map((id) => {
        const s = sources.get(id);
        return (
          <a key={id} href={`#${sourceAnchor(id)}`} class="ref" title={s?.title}>
            {s ? s.publisher : id}
          </a>
        );
      })}
    </span>
  );
}

function EntityLink({ id }: { id: string }) {
  const e = entities.get(id);
  return <a href={`#${id}`}>{e?.name ?? id}</a>;
}

function Entry({ entity, hidden }: { entity: Entity; hidden: boolean }) {
  const titleId = `${entity.id}-title`;
  return (
    <article id={entity.id} class="entry" tabIndex={-1} hidden={hidden} aria-labelledby={titleId}>
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
          <li key={i}>
            {f.date ? <span class="date">{formatDateOrRange(f.date)}</span> : null} {f.text}{' '}
            <span class="evidence">{evidenceLabel(f.evidence)}</span> <Refs ids={f.sources} />
            {f.contested ? (
              <p class="contested">
                {t('contestedBy', f.contested.by)} {f.contested.note}{' '}
                <Refs ids={f.contested.sources} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
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

function Lookup({ text }: { text: string }) {
  const best = search.best(text);
  const others = best
    ? search
        .search(text)
        .filter((e) => e.id !== best.id)
        .slice(0, 4)
    : [];
  return (
    <div class="lookup" role="status">
      {best ? (
        <p>
          {t('lookupBest', text)} <EntityLink id={best.id} />
          {others.length > 0 ? (
            <>
              {' '}
              · {t('lookupOthers')}{' '}
              {others.map((o, i) => (
                <span key={o.id}>
                  {i > 0 ? ', ' : ''}
                  <EntityLink id={o.id} />
                </span>
              ))}
            </>
          ) : null}
        </p>
      ) : (
        <p>{t('lookupNone', text)}</p>
      )}
    </div>
  );
}

export function Glossary() {
  const params = new URLSearchParams(location.search);
  const lookup = params.get('lookup')?.trim() ?? '';
  const [filter, setFilter] = useState(() => (lookup && !search.best(lookup) ? lookup : ''));
  const shown = useMemo(
    () => (filter.trim() ? new Set(search.search(filter).map((e) => e.id)) : undefined),
    [filter],
  );

  useEffect(() => {
    const best = lookup ? search.best(lookup) : undefined;
    if (best && location.hash !== `#${best.id}`) location.replace(`#${best.id}`);
    focusTarget();
    window.addEventListener('hashchange', focusTarget);
    return () => window.removeEventListener('hashchange', focusTarget);
  }, [lookup]);

  const total = dataset.entities.length;
  return (
    <>
      <header class="top">
        <h1>{t('glossaryTitle')}</h1>
        <p class="intro">{t('glossaryIntro')}</p>
        <nav aria-label={t('glossaryNav')}>
          <a href="#entries">{t('navEntries')}</a>
          <a href="#timeline">{t('navTimeline')}</a>
          <a href="#sources">{t('navSources')}</a>
          <button type="button" class="print" onClick={() => window.print()}>
            {t('printButton')}
          </button>
        </nav>
      </header>
      <main>
        {lookup ? <Lookup text={lookup} /> : null}
        <section id="entries" aria-labelledby="entries-title">
          <h2 id="entries-title">{t('navEntries')}</h2>
          <div class="filter">
            <label for="filter">{t('filterLabel')}</label>
            <input
              id="filter"
              type="search"
              value={filter}
              onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
            />
            <span class="count" role="status">
              {shown ? t('filterCount', [String(shown.size), String(total)]) : ''}
            </span>
          </div>
          {groups.map(([kind, list]) => {
            const visible = list.filter((e) => !shown || shown.has(e.id));
            return (
              <section
                key={kind}
                class="kind-group"
                data-kind={kind}
                hidden={visible.length === 0}
                aria-labelledby={`kind-${kind}`}
              >
                <h2 id={`kind-${kind}`}>
                  {kindPluralLabel(kind)} <span class="n">({visible.length})</span>
                </h2>
                {list.map((e) => (
                  <Entry key={e.id} entity={e} hidden={!!shown && !shown.has(e.id)} />
                ))}
              </section>
            );
          })}
        </section>
        <section id="timeline" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('navTimeline')}</h2>
          <p class="intro">{t('timelineIntro')}</p>
          <ol class="timeline">
            {events.map((ev, i) => (
              <li key={i} data-entity={ev.entityId}>
                <time dateTime={typeof ev.date === 'string' ? ev.date : ev.date.from}>
                  {formatDateOrRange(ev.date)}
                </time>
                <div>
                  <p>{ev.text}</p>
                  <p class="meta">
                    <EntityLink id={ev.entityId} /> · <Refs ids={ev.sources} />
                  </p>
                </div>
              </li>
            ))}
          </ol>
        </section>
        <section id="sources" aria-labelledby="sources-title">
          <h2 id="sources-title">{t('navSources')}</h2>
          <p class="intro">{t('sourcesIntro', String(sourceList.length))}</p>
          <ul class="sources">
            {sourceList.map((s) => (
              <li key={s.id} id={sourceAnchor(s.id)} tabIndex={-1} data-source={s.id}>
                <SourceLink source={s} />
                <span class="meta">
                  {' '}
                  — {s.publisher}, {formatDate(s.date)} · {evidenceLabel(s.kind)}
                  {s.mirror ? ` · ${t('sourceMirror')}` : ''}
                </span>
                <p class="cited-by">
                  <span class="label">{t('citedBy')}</span>{' '}
                  {(citedBy.get(s.id) ?? []).length === 0
                    ? t('citedByNone')
                    : (citedBy.get(s.id) ?? []).map((id, i) => (
                        <span key={id}>
                          {i > 0 ? ', ' : ''}
                          <EntityLink id={id} />
                        </span>
                      ))}
                </p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer class="foot">
        {t('datasetVersion', [dataset.meta.version, dataset.hash])} · {t('privacyShort')}
      </footer>
    </>
  );
}
