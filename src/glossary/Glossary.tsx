/**
 * The glossary page. It tells the story first: the story in brief (what it is, what happened, its
 * timeline), then the entries in the story, then the bodies and terms around it, each A–Z, with
 * an A–Z index and a filter; then the numbered sources index the entries' references point to.
 * Deep links (`#entity-id`, from cards and look-ups) focus their entry; `#timeline?from=…` and
 * `#changes` open another view (`views.tsx`), linked from the navigation (and the footer). The
 * evidence legend closes the page; every label links to its line in it. Everything comes from the bundled dataset (works offline); links to sources
 * open the publisher's page only when clicked.
 *
 * The first screen paints from a build-time brief (`brief.ts`, `virtual:cc-story`) without the
 * dataset; the rest (`full.tsx`) loads two frames later, or at once when the address points into
 * it, and is rendered one section per task. Sections of the main page are listed in `SECTIONS`,
 * in order: a new one is one more item there.
 *
 * Owns: the page's layout and its address handling. Never: derives data (`model.ts`, `brief.ts`)
 * or renders an entry (`parts.tsx`).
 */
import { Fragment, type ComponentChildren, type ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import story from 'virtual:cc-story';
import { t, type MessageKey } from '../shared/i18n.ts';
import { AZBar, briefLookups, EvidenceLegend, LookupsContext, StoryBrief } from './first.tsx';
import { routeOf, viewHref, type Route } from './router.ts';
import { VIEWS, type ViewProps } from './views.tsx';

/** Performance mark read by `bench/popup.ts`: the whole main page is in the DOM. */
export const COMPLETE_MARK = 'context-cards:glossary-complete';

type Full = typeof import('./full.tsx');
let loading: Promise<Full> | undefined;
const loadFull = () => (loading ??= import('./full.tsx'));
const firstLookups = briefLookups(story);

/** Moves focus to the element a fragment names and scrolls it into view. */
function focusTarget(id: string): void {
  const el = id ? document.getElementById(id) : null;
  if (!el) return;
  // Made after the page loaded, the element missed the browser's own fragment navigation: go
  // to the same fragment again so that it becomes the :target (and is tinted as one).
  if (document.querySelector(':target') !== el) location.replace(location.hash);
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

interface Section {
  id: string;
  nav: MessageKey;
  /** `full`: the rest of the page, once loaded. */
  render: (full: Full | undefined, lookup: string) => ComponentChildren;
}

/** Timeline events on the first screen, before the rest of the page is loaded. */
const FIRST_EVENTS = 3;

/** The main page, in order. */
const SECTIONS: Section[] = [
  {
    id: 'story',
    nav: 'navStory',
    render: (f) => <StoryBrief story={story} events={f ? undefined : FIRST_EVENTS} />,
  },
  { id: 'az', nav: 'navAZ', render: (f) => f && <f.Index /> },
  { id: 'entries', nav: 'navEntries', render: (f, lookup) => f && <f.Entries lookup={lookup} /> },
  { id: 'sources', nav: 'navSources', render: (f) => f && <f.SourcesIndex /> },
  { id: 'evidence', nav: 'navEvidence', render: () => <EvidenceLegend /> },
];
const VIEW_NAMES = VIEWS.map((v) => v.id);
const FIRST = 1;

function View({ id, query }: { id: string; query: string }) {
  const view = VIEWS.find((v) => v.id === id)!;
  const [Body, setBody] = useState<ComponentType<ViewProps>>();
  useEffect(() => void view.load().then((C) => setBody(() => C)), [view]);
  return (
    <section id={`view-${view.id}`} aria-labelledby={`view-${view.id}-title`}>
      <h2 id={`view-${view.id}-title`}>{t(view.title)}</h2>
      {Body ? <Body query={query} /> : <p aria-busy="true" />}
    </section>
  );
}

export function Glossary() {
  const lookup = new URLSearchParams(location.search).get('lookup')?.trim() ?? '';
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash, VIEW_NAMES));
  const [full, setFull] = useState<Full>();
  // How many sections are rendered: the first screen at first, then one more per task; all at
  // once when the address points further down.
  const all = SECTIONS.length;
  const [stage, setStage] = useState(() => (route.target || lookup ? all : FIRST));
  const complete = !!full && stage >= all;

  useEffect(() => {
    const onHash = () => {
      setStage(all);
      setRoute(routeOf(location.hash, VIEW_NAMES));
    };
    // Printing shows everything, folded parts included.
    const onPrint = () => {
      onHash();
      // Not "Report a problem": a form has nothing to print.
      for (const d of document.querySelectorAll<HTMLDetailsElement>('details:not(.report-details)'))
        d.open = true;
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('beforeprint', onPrint);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('beforeprint', onPrint);
    };
  }, []);

  // The rest of the page: at once when needed, else after the first screen is painted.
  useEffect(() => {
    if (full) return;
    const load = () => void loadFull().then(setFull);
    if (stage > FIRST) return load();
    // After the first frame's paint (a task queued from its callback).
    let timer = 0;
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(load)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [full, stage > FIRST]);

  // A look-up goes to its best match once the search is here.
  useEffect(() => {
    const best = full && lookup ? full.search.best(lookup) : undefined;
    if (best && location.hash !== `#${best.id}`) location.replace(`#${best.id}`);
  }, [full]);

  useEffect(() => {
    if (!full || stage >= all) return;
    const timer = setTimeout(() => setStage((n) => Math.min(all, n + 1)));
    return () => clearTimeout(timer);
  }, [full, stage]);

  useLayoutEffect(() => {
    if (!complete) return;
    if (performance.getEntriesByName(COMPLETE_MARK).length === 0) performance.mark(COMPLETE_MARK);
    focusTarget(route.target);
  }, [complete, route]);

  const view = VIEWS.find((v) => v.id === route.view);
  return (
    <LookupsContext.Provider value={full?.fullLookups ?? firstLookups}>
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
              {t(v.nav)}
            </a>
          ))}
          <button type="button" class="print" onClick={() => window.print()}>
            {t('printButton')}
          </button>
        </nav>
        {view ? null : <AZBar letters={story.letters} />}
      </header>
      <main>
        {view ? (
          <View id={view.id} query={route.query} />
        ) : (
          <>
            {lookup && full ? <full.Lookup text={lookup} /> : null}
            {SECTIONS.slice(0, stage).map((s) => (
              <Fragment key={s.id}>{s.render(full, lookup)}</Fragment>
            ))}
          </>
        )}
      </main>
      <footer class="foot">
        {t('datasetVersion', [story.version, story.hash])} ·{' '}
        <a href="#changes">{t('changesTitle')}</a> · {t('privacyShort')}
      </footer>
    </LookupsContext.Provider>
  );
}
