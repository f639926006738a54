/**
 * Everything of the glossary below its first screen, loaded after the first paint (or at once when
 * the address points into it): the dataset, the A–Z index, the entries with their filter, the
 * sources index, look-ups from the context menu, and the look-ups every reference uses.
 *
 * Owns: the entries' filter and the look-up banner. Never: reads the address (`Glossary.tsx`).
 */
import { useMemo, useState } from 'preact/hooks';
import { t, type MessageKey } from '../shared/i18n.ts';
import { dataset, roles, search } from './data.ts';
import { EntityLink } from './first.tsx';
import { AZIndex, Entry, fullLookups, SourcesIndex } from './parts.tsx';

export { fullLookups, search, SourcesIndex };

export function Lookup({ text }: { text: string }) {
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

export function Index() {
  return <AZIndex all={dataset.entities} />;
}

export function Entries({ lookup }: { lookup: string }) {
  const [filter, setFilter] = useState(() => (lookup && !search.best(lookup) ? lookup : ''));
  const shown = useMemo(
    () => (filter.trim() ? new Set(search.search(filter).map((e) => e.id)) : undefined),
    [filter],
  );
  const total = dataset.entities.length;
  const group = (id: string, title: MessageKey, intro: MessageKey, list: typeof roles.story) => {
    const visible = list.filter((e) => !shown || shown.has(e.id)).length;
    return (
      <section id={id} class="role-group" hidden={visible === 0} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>
          {t(title)} <span class="n">({visible})</span>
        </h2>
        <p class="intro">{t(intro)}</p>
        {list.map((e) => (
          <Entry key={e.id} entity={e} hidden={!!shown && !shown.has(e.id)} />
        ))}
      </section>
    );
  };
  return (
    <section id="entries" aria-label={t('navEntries')}>
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
      {group('story-entries', 'storyEntriesTitle', 'storyEntriesIntro', roles.story)}
      {group('context-entries', 'contextEntriesTitle', 'contextEntriesIntro', roles.context)}
    </section>
  );
}
