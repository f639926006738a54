/**
 * The toolbar popup: search as you type over names, aliases and summaries; Enter (or a click)
 * opens the entity with the same content as the card; "On this page" lists what the tab's page
 * marks; the site switch turns marking on or off here.
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
import browser from 'webextension-polyfill';
import dataset from 'virtual:cc-dataset';
import type { Entity } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import { kindLabel } from '../shared/labels.ts';
import { createSearch } from '../shared/search.ts';
import type { Target } from './later.ts';
import { OnThisPage, type Found } from './OnThisPage.tsx';

/** Performance marks read by `bench/popup.ts`: first render, and "On this page" filled in. */
export const READY_MARK = 'context-cards:popup-ready';
export const FOUND_MARK = 'context-cards:popup-found';
/** The entity view (the card's component and stylesheet) loads when first opened. */
const CardFrame = lazy(() => import('./CardFrame.tsx').then((m) => ({ default: m.CardFrame })));
const SiteSwitch = lazy(() => import('./SiteSwitch.tsx').then((m) => ({ default: m.SiteSwitch })));
let loading: Promise<typeof import('./later.ts')> | undefined;
const later = () => (loading ??= import('./later.ts'));
const search = createSearch(dataset.entities);
const names = new Map(dataset.entities.map((e) => [e.id, e.name]));
const nameOf = (id: string) => names.get(id) ?? id;

function glossaryUrl(entityId?: string): string {
  return browser.runtime.getURL(`src/glossary/index.html${entityId ? `#${entityId}` : ''}`);
}

export function Popup() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState<Entity>();
  const [target, setTarget] = useState<Target | null>(null);
  const [found, setFound] = useState<Found>({ state: 'loading' });
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const results = useMemo(() => search.search(query), [query]);

  useEffect(() => {
    performance.mark(READY_MARK);
    void later().then(async (m) => {
      m.applyTheme();
      setTarget((await m.findTarget()) ?? null);
    });
  }, []);

  const loadFound = useCallback(async () => {
    if (!target) return;
    const { sendToTab } = await later();
    const status = await sendToTab(target.tabId, 'tab/status', undefined).catch(() => undefined);
    if (!status?.running) return setFound({ state: 'off' });
    const list = await sendToTab(target.tabId, 'tab/mentions', undefined).catch(() => []);
    const topic = await sendToTab(target.tabId, 'tab/topic', undefined).catch(() => undefined);
    setFound({ state: 'on', list: [...list].sort((a, b) => b.count - a.count), topic });
  }, [target]);
  const showHeld = useCallback(async () => {
    if (!target) return;
    const { sendToTab } = await later();
    await sendToTab(target.tabId, 'tab/show-held', undefined).catch(() => undefined);
    await loadFound();
  }, [target, loadFound]);
  useEffect(() => void loadFound(), [loadFound]);
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
    returning.current = true;
    setOpen(undefined);
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

  if (open)
    return (
      <main class="entity">
        <div class="entity-head">
          <button type="button" onClick={back}>
            ← {t('backToResults')}
          </button>
          <button type="button" class="link" onClick={() => openTab(glossaryUrl(open.id))}>
            {t('openInGlossary')}
          </button>
        </div>
        <Suspense fallback={<div class="card-loading" aria-busy="true" />}>
          <CardFrame entity={open} onClose={back} />
        </Suspense>
      </main>
    );

  const activeId = results[active] ? `result-${results[active]!.id}` : undefined;
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
      {query.trim() === '' && target ? (
        <OnThisPage
          found={found}
          nameOf={nameOf}
          onReveal={reveal}
          onShowHeld={() => void showHeld()}
        />
      ) : null}
      <h2 id="results-title" class="results-title">
        {query.trim() ? t('resultsTitle') : t('allEntries')}
      </h2>
      <ul ref={list} id="results" role="listbox" aria-labelledby="results-title">
        {results.map((e, i) => (
          <li
            key={e.id}
            id={`result-${e.id}`}
            data-entity={e.id}
            role="option"
            aria-selected={i === active}
            onClick={() => setOpen(e)}
            onMouseMove={() => i !== active && setActive(i)}
          >
            <span class="name">{e.name}</span>
            <span class="kind">{kindLabel(e.kind)}</span>
            <p class="summary">{e.summary}</p>
          </li>
        ))}
      </ul>
      {results.length === 0 ? <p class="empty">{t('noResults', query.trim())}</p> : null}
      <p class="visually-hidden" role="status">
        {query.trim() ? t('resultCount', String(results.length)) : ''}
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
