/**
 * The glossary page. It tells the story first: the story in brief (what it is, what happened, its
 * timeline), then the entries in the story, then the bodies and terms around it, each A–Z, with
 * an A–Z index and a filter; then the numbered sources index the entries' references point to.
 * Deep links (`#entity-id`, from cards and look-ups) focus their entry; `#/view` opens another
 * view (`views.tsx`). Everything comes from the bundled dataset (works offline); links to sources
 * open the publisher's page only when clicked.
 *
 * The first screen paints first: the rest of the page is rendered in the next task, unless the
 * address already points into it. Sections of the main page are listed in `SECTIONS`, in order:
 * a new one is one more item there.
 *
 * Owns: the page's layout, its address handling and the filter. Never: derives data (`model.ts`)
 * or renders an entry (`parts.tsx`).
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { t, type MessageKey } from '../shared/i18n.ts';
import { dataset, roles, search } from './data.ts';
import { AZBar, AZIndex, Entry, EntityLink, SourcesIndex, StoryBrief } from './parts.tsx';
import { routeOf, viewHref, type Route } from './router.ts';
import { VIEWS } from './views.tsx';

/** Performance mark read by `bench/popup.ts`: the whole main page is in the DOM. */
export const COMPLETE_MARK = 'context-cards:glossary-complete';

/** Moves focus to the element a fragment names and scrolls it into view. */
function focusTarget(id: string): void {
  const el = id ? document.getElementById(id) : null;
  if (!el) return;
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
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

function Entries({ initialFilter }: { initialFilter: string }) {
  const [filter, setFilter] = useState(initialFilter);
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

interface Section {
  id: string;
  nav: MessageKey;
  /** Part of the first screen, rendered at once. */
  first: boolean;
  render: (props: { lookup: string }) => ComponentChildren;
}

/** The main page, in order. */
const SECTIONS: Section[] = [
  { id: 'story', nav: 'navStory', first: true, render: () => <StoryBrief /> },
  { id: 'az', nav: 'navAZ', first: false, render: () => <AZIndex all={dataset.entities} /> },
  {
    id: 'entries',
    nav: 'navEntries',
    first: false,
    render: ({ lookup }) => (
      <Entries initialFilter={lookup && !search.best(lookup) ? lookup : ''} />
    ),
  },
  { id: 'sources', nav: 'navSources', first: false, render: () => <SourcesIndex /> },
];

export function Glossary() {
  const lookup = new URLSearchParams(location.search).get('lookup')?.trim() ?? '';
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash));
  // How many sections are rendered: the first screen at first, the rest one per task after the
  // first paint, or all at once when the address points further down.
  const all = SECTIONS.length;
  const firstScreen = SECTIONS.filter((s) => s.first).length;
  const [stage, setStage] = useState(() => (route.target || lookup ? all : firstScreen));
  const complete = stage >= all;
  const setComplete = (done: boolean) => done && setStage(all);

  useEffect(() => {
    const best = lookup ? search.best(lookup) : undefined;
    if (best && location.hash !== `#${best.id}`) location.replace(`#${best.id}`);
    const onHash = () => {
      setComplete(true);
      setRoute(routeOf(location.hash));
    };
    // Printing shows everything, folded parts included.
    const onPrint = () => {
      onHash();
      for (const d of document.querySelectorAll('details')) d.open = true;
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('beforeprint', onPrint);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('beforeprint', onPrint);
    };
  }, [lookup]);

  useEffect(() => {
    if (complete) return;
    // Two frames: the first screen is painted (and shown) before the next section is made.
    let timer = 0;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        timer = window.setTimeout(() => setStage((n) => Math.min(all, n + 1)));
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [stage]);

  useLayoutEffect(() => {
    if (!complete) return;
    if (performance.getEntriesByName(COMPLETE_MARK).length === 0) performance.mark(COMPLETE_MARK);
    focusTarget(route.target);
  }, [complete, route]);

  const view = VIEWS.find((v) => v.id === route.view);
  return (
    <>
      <header class="top">
        <h1>{t('glossaryTitle')}</h1>
        <p class="intro">{t('glossaryIntro')}</p>
        <nav aria-label={t('glossaryNav')}>
          {SECTIONS.map((s) => (
            <a key={s.id} href={`#${s.id}`}>
              {t(s.nav)}
            </a>
          ))}
          {VIEWS.map((v) => (
            <a key={v.id} href={viewHref(v.id)} aria-current={v === view ? 'page' : undefined}>
              {t(v.title)}
            </a>
          ))}
          <button type="button" class="print" onClick={() => window.print()}>
            {t('printButton')}
          </button>
        </nav>
        {view ? null : <AZBar all={dataset.entities} />}
      </header>
      <main>
        {view ? (
          <section id={`view-${view.id}`} aria-labelledby={`view-${view.id}-title`}>
            <h2 id={`view-${view.id}-title`}>{t(view.title)}</h2>
            {view.render()}
          </section>
        ) : (
          <>
            {lookup ? <Lookup text={lookup} /> : null}
            {SECTIONS.filter((s, i) => s.first || i < stage).map((s) => (
              <Fragment key={s.id}>{s.render({ lookup })}</Fragment>
            ))}
          </>
        )}
      </main>
      <footer class="foot">
        {t('datasetVersion', [dataset.meta.version, dataset.hash])} · {t('privacyShort')}
      </footer>
    </>
  );
}
