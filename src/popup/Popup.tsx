/**
 * The toolbar popup: search as you type over names, aliases and summaries (entries named by the
 * query first, then those whose summary only mentions it, under their own heading); Enter (or a
 * click) opens the entity with the same content as the card; "On this page" lists what the tab's
 * page mentions and marks; "Since this article" gives the page's date and what happened since in
 * the story of its terms; "Hidden on this site" shows hidden terms again; the site switch turns
 * marking on or off here.
 *
 * Keyboard: focus starts in the search box; ↑/↓ choose a result (a combobox with
 * `aria-activedescendant`, so focus never leaves the box), Enter opens it, Esc goes back.
 * Everything else is a native button reachable with Tab.
 * First render needs nothing asynchronous: the list is there before the tab has answered, and
 * what only later parts need (the tab, messages, settings, the site switch, the entity view) is
 * loaded after it (`later.ts`, lazy components).
 */
import { lazy, Suspense } from 'preact/compat';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from '../shared/browser.ts';
import entries from 'virtual:cc-entries';
import { t } from '../shared/i18n.ts';
import { kindLabel } from '../shared/labels.ts';
import type { PageDates } from '../shared/card-bridge.ts';
import { createSearch, type Hit } from '../shared/search.ts';
import { timelineHash } from '../shared/story-timeline.ts';
import type { FirstLook, TabAnswer, Target } from './later.ts';
import { OnThisPage, totalOf, type Found } from './OnThisPage.tsx';
import { FIRST_ROWS } from './shell.ts';

/** Performance marks read by `bench/popup.ts`: first render, and "On this page" filled in. */
export const READY_MARK = 'context-cards:popup-ready';
export const FOUND_MARK = 'context-cards:popup-found';
/** The entity view (the card's component and stylesheet) loads when first opened. */
const CardFrame = lazy(() => import('./CardFrame.tsx').then((m) => ({ default: m.CardFrame })));
const SiteSwitch = lazy(() => import('./SiteSwitch.tsx').then((m) => ({ default: m.SiteSwitch })));
const HiddenHere = lazy(() => import('./HiddenHere.tsx').then((m) => ({ default: m.HiddenHere })));
/** "Since this article" reads the full dataset: it loads only when the page gives a date. */
const SinceHere = lazy(() => import('./SinceHere.tsx').then((m) => ({ default: m.SinceHere })));
let loading: Promise<typeof import('./later.ts')> | undefined;
const later = () => (loading ??= import('./later.ts'));
/** The entry list: a small view of the dataset made at build time (the card loads the rest). */
type Entry = (typeof entries)[number];
const search = createSearch(entries);
const names = new Map(entries.map((e) => [e.id, e.name]));
const nameOf = (id: string) => names.get(id) ?? id;
const everyEntry: Hit<Entry>[] = search.search('').map((entity) => ({ entity, field: 'name' }));

function glossaryUrl(entityId?: string): string {
  return browser.runtime.getURL(`src/glossary/index.html${entityId ? `#${entityId}` : ''}`);
}
const timelineUrl = (from: string) =>
  browser.runtime.getURL(`src/glossary/index.html${timelineHash(from)}`);

export function Popup({
  initialQuery = '',
  look,
}: {
  initialQuery?: string;
  /** The tab and its first answer, asked while the app was loading (`main.tsx`). */
  look?: Promise<FirstLook>;
}) {
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  /** The entry shown, and those reached from it through "Related" (ids, newest last). */
  const [stack, setStack] = useState<string[]>([]);
  const open = stack[stack.length - 1];
  const setOpen = (e: Entry | undefined) => setStack(e ? [e.id] : []);
  const [target, setTarget] = useState<Target | null>(null);
  const [found, setFound] = useState<Found>({ state: 'loading' });
  /** The dates the page gives for itself, asked once it has marks (null: none to show). */
  const [dates, setDates] = useState<PageDates | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState(FIRST_ROWS);
  const hits = useMemo(() => (query.trim() ? search.find(query) : everyEntry), [query]);
  const allNamed = hits.filter((h) => h.field !== 'summary');
  const named = allNamed.slice(0, rows);
  const mentioned = hits.filter((h) => h.field === 'summary');
  /** In the order shown: named entries, then mentions. */
  const results = [...named, ...mentioned].map((h) => h.entity);

  /** The tab's first answer, asked before the app started; later asks go to the tab again. */
  const firstMarks = useRef<Promise<TabAnswer | null> | undefined>(undefined);
  useEffect(() => {
    performance.mark(READY_MARK);
    // The rest of the list once the first screen is painted (two frames on).
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => setRows(Infinity))));
    void later().then(async (m) => {
      m.applyTheme();
      const first = await (look ?? m.firstLook());
      firstMarks.current = first.marks;
      setTarget(first.target ?? null);
    });
  }, []);

  const loadFound = useCallback(async () => {
    if (!target) return;
    const { askTab } = await later();
    const asked = firstMarks.current ?? askTab(target);
    firstMarks.current = undefined;
    const answer = await asked;
    if (!answer) return setFound({ state: 'off' });
    const list = [...answer.list].sort((a, b) => totalOf(b) - totalOf(a));
    setFound({ state: 'on', list, topic: answer.topic });
  }, [target]);
  const showHeld = useCallback(async () => {
    if (!target) return;
    const { sendToTab } = await later();
    await sendToTab(target.tabId, 'tab/show-held', undefined).catch(() => undefined);
    await loadFound();
  }, [target, loadFound]);
  useEffect(() => void loadFound(), [loadFound]);
  // The page's date, once it has marks: asking loads the card chunk there (the date reader).
  const marked = found.state === 'on' && found.list.length > 0;
  useEffect(() => {
    if (!target || !marked) return;
    let live = true;
    void later()
      .then((m) => m.sendToTab(target.tabId, 'tab/article-date', undefined))
      .then(
        (d) => live && setDates(d),
        () => undefined,
      );
    return () => void (live = false);
  }, [target, marked]);
  useEffect(() => {
    if (found.state !== 'loading' && performance.getEntriesByName(FOUND_MARK).length === 0)
      performance.mark(FOUND_MARK);
  }, [found]);
  // After a site switch the page restarts its run; ask again once it has.
  const siteChanged = useCallback(() => {
    for (const ms of [150, 600, 1500]) setTimeout(() => void loadFound(), ms);
  }, [loadFound]);

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector(`[aria-selected="true"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const close = () => {
    if (target && !target.inTab) window.close();
  };
  const reveal = (entityId: string) => {
    if (!target) return;
    void later()
      .then((m) => m.sendToTab(target.tabId, 'tab/reveal', { entityId }))
      .then(close);
  };
  const openTab = (url: string) => void browser.tabs.create({ url }).then(close);
  // Back from the entity view: focus returns to the search box as soon as it is in the DOM.
  const returning = useRef(false);
  const back = useCallback(() => {
    setStack((s) => {
      if (s.length > 1) return s.slice(0, -1);
      returning.current = true;
      return [];
    });
  }, []);
  useLayoutEffect(() => {
    if (open || !returning.current) return;
    returning.current = false;
    input.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        back();
      }
    };
    document.addEventListener('keydown', onKey);
    document.querySelector<HTMLElement>('.entity-head button')?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, [open, back]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(0, Math.min(results.length - 1, i + step)));
    } else if (e.key === 'Enter') {
      const chosen = results[active];
      if (chosen) {
        e.preventDefault();
        setOpen(chosen);
      }
    }
  };

  if (open) {
    const previous = stack[stack.length - 2];
    return (
      <main class="entity">
        <div class="entity-head">
          <button type="button" class="back" onClick={back}>
            <span aria-hidden="true">← </span>
            {previous ? t('backTo', nameOf(previous)) : t('backToResults')}
          </button>
          <button type="button" class="link" onClick={() => openTab(glossaryUrl(open))}>
            {t('openInGlossary')}
          </button>
        </div>
        <Suspense fallback={<div class="card-loading" aria-busy="true" />}>
          <CardFrame entityId={open} onRelated={(id) => setStack((s) => [...s, id])} />
        </Suspense>
      </main>
    );
  }

  const activeId = results[active] ? `result-${results[active]!.id}` : undefined;
  const option = (h: Hit<Entry>, i: number) => (
    <li
      key={h.entity.id}
      id={`result-${h.entity.id}`}
      data-entity={h.entity.id}
      data-field={h.field}
      role="option"
      aria-selected={i === active}
      onClick={() => setOpen(h.entity)}
      onMouseMove={() => i !== active && setActive(i)}
    >
      <span class="result-head">
        <span class="name">{h.entity.name}</span>
        <span class="kind">{kindLabel(h.entity.kind)}</span>
      </span>
      {h.alias && !h.entity.name.toLowerCase().includes(h.alias.toLowerCase()) ? (
        <span class="via">{t('matchedAlias', h.alias)}</span>
      ) : null}
      <p class="summary">{h.entity.summary}</p>
    </li>
  );
  return (
    <main>
      <header class="top">
        <h1>{t('extName')}</h1>
        {target ? (
          <Suspense fallback={<div class="site" aria-busy="true" />}>
            <SiteSwitch target={target} onChange={siteChanged} />
          </Suspense>
        ) : null}
      </header>
      <div class="search">
        <input
          ref={input}
          type="text"
          enterKeyHint="search"
          role="combobox"
          aria-expanded="true"
          aria-controls="results"
          aria-activedescendant={activeId}
          aria-autocomplete="list"
          aria-label={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          onKeyDown={onKeyDown}
          autoFocus
        />
      </div>
      <div class="scroll" ref={list}>
        {query.trim() === '' && target ? (
          <>
            <OnThisPage
              found={found}
              nameOf={nameOf}
              onReveal={reveal}
              onShowHeld={() => void showHeld()}
            />
            {dates?.published && found.state === 'on' ? (
              <Suspense fallback={null}>
                <SinceHere
                  dates={dates}
                  entityIds={found.list.map((m) => m.entityId)}
                  onMore={(from) => openTab(timelineUrl(from))}
                />
              </Suspense>
            ) : null}
            {target.host ? (
              <Suspense fallback={null}>
                <HiddenHere host={target.host} nameOf={nameOf} onChange={siteChanged} />
              </Suspense>
            ) : null}
          </>
        ) : null}
        <h2 id="results-title" class="results-title">
          {query.trim() ? t('resultsTitle') : t('allEntries', String(hits.length))}
        </h2>
        <div id="results" role="listbox" aria-labelledby="results-title">
          {named.length > 0 ? <ul role="group">{named.map((h, i) => option(h, i))}</ul> : null}
          {mentioned.length > 0 ? (
            <ul role="group" aria-labelledby="mentioned-title" class="mentioned">
              <li role="presentation" id="mentioned-title" class="group-title">
                {allNamed.length > 0
                  ? t('mentionedTitle', String(mentioned.length))
                  : t('mentionedOnlyTitle', String(mentioned.length))}
              </li>
              {mentioned.map((h, i) => option(h, named.length + i))}
            </ul>
          ) : null}
        </div>
        {results.length === 0 ? <p class="empty">{t('noResults', query.trim())}</p> : null}
      </div>
      <p class="visually-hidden" role="status">
        {query.trim() ? t('resultCount', [String(allNamed.length), String(mentioned.length)]) : ''}
      </p>
      <footer class="links">
        <button type="button" class="link" onClick={() => openTab(glossaryUrl())}>
          {t('openGlossary')}
        </button>
        <button
          type="button"
          class="link"
          onClick={() => void browser.runtime.openOptionsPage().then(close)}
        >
          {t('openOptions')}
        </button>
      </footer>
    </main>
  );
}
