/**
 * Per-site registration: the content script on sites outside the curated list.
 *
 * The manifest's static content script covers the curated news list. For any other site the user
 * switches on (and grants), or every site they allow in the "allowed" mode, one dynamic
 * registration (`scripting.registerContentScripts`, same built script and stylesheet as the
 * static one, read from the manifest) covers the lot. The registration is *derived*: it is
 * recomputed from settings and granted permissions on install, on browser start, on every
 * settings change and on every permission change, so nothing depends on the worker's memory; it
 * also persists across sessions on its own. Revoking a site's permission removes it.
 * When a site is newly covered, tabs already open on it get the script at once (no reload).
 *
 * A site permission granted in the exact form the popup asks for (`*://*.site/*`) counts as the
 * site switched on, even when nothing recorded that choice: Firefox may close the toolbar popup
 * when it shows its permission prompt, ending the popup's own code before the answer comes.
 */
import browser from 'webextension-polyfill';
import packed from 'virtual:cc-tables';
import { unpackTables } from '../dataset/tables.ts';
import { gateSources, type GateSources } from '../matcher/gate-sources.ts';
import { onCalls, sendToTab, type BackgroundCalls } from '../shared/messages.ts';
import { loadSettings, updateSettings } from '../shared/settings-store.ts';
import type { Settings } from '../shared/settings.ts';
import { listedPatterns } from '../shared/site-control.ts';
import { decide, isListed, sitePattern, sitesWith } from '../shared/sites.ts';

let gateCache: GateSources | undefined;
/** The gate's patterns for the bundled tables: built once per worker start, sent to each page. */
const gate = () => (gateCache ??= gateSources(unpackTables(packed)));

export const REGISTRATION_ID = 'context-cards-sites';

/**
 * The static content script's files, as paths inside the package. Firefox's `getManifest()`
 * reports them as absolute `moz-extension://` URLs, which `registerContentScripts` rejects.
 */
function manifestScript() {
  const cs = browser.runtime.getManifest().content_scripts?.[0];
  const base = browser.runtime.getURL('');
  const rel = (f: string) => (f.startsWith(base) ? f.slice(base.length) : f).replace(/^\//, '');
  return { js: (cs?.js ?? []).map(rel), css: (cs?.css ?? []).map(rel) };
}

/** The match patterns the dynamic registration should cover. */
async function wantedMatches(settings: Settings): Promise<string[]> {
  const listed = listedPatterns();
  const out = new Set<string>();
  for (const site of sitesWith(settings.sites.rules, 'on')) {
    if (isListed(site, listed)) continue; // the static script is there already
    const pattern = sitePattern(site);
    if (await browser.permissions.contains({ origins: [pattern] })) out.add(pattern);
  }
  if (settings.sites.mode === 'allowed') {
    const { origins = [] } = await browser.permissions.getAll();
    for (const o of origins) if (!listed.includes(o)) out.add(o);
  }
  return [...out].sort();
}

/** Starts the content script in a tab if it is not there (it decides itself whether to mark). */
async function ensureScript(tabId: number): Promise<void> {
  const there = await sendToTab(tabId, 'tab/status', undefined).then(
    () => true,
    () => false,
  );
  if (there) return;
  const { js, css } = manifestScript();
  const target = { tabId, allFrames: true };
  try {
    if (css.length) await browser.scripting.insertCSS({ target, files: css });
    await browser.scripting.executeScript({ target, files: js });
  } catch {
    // No access to this tab's page (not granted, or a page no extension may touch).
  }
}

async function sync(tabId?: number): Promise<string[]> {
  const { settings } = await loadSettings();
  const matches = await wantedMatches(settings);
  const [current] = await browser.scripting.getRegisteredContentScripts({
    ids: [REGISTRATION_ID],
  });
  const had = current?.matches ?? [];
  if (had.join('\n') !== matches.join('\n')) {
    if (current) await browser.scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] });
    if (matches.length > 0) {
      const { js, css } = manifestScript();
      await browser.scripting.registerContentScripts([
        {
          id: REGISTRATION_ID,
          matches,
          // Listed sites have the static script; never inject it twice.
          excludeMatches: listedPatterns(),
          js,
          css,
          runAt: 'document_idle',
          allFrames: true,
          persistAcrossSessions: true,
        },
      ]);
      const added = matches.filter((m) => !had.includes(m));
      if (added.length > 0) {
        const tabs = await browser.tabs.query({ url: added });
        for (const t of tabs) if (t.id !== undefined && t.id !== tabId) await ensureScript(t.id);
      }
    }
  }
  if (tabId !== undefined) await ensureScript(tabId);
  return matches;
}

/** Sites whose own pattern was just granted, with no rule yet, become "on". */
async function adoptGrantedSites(origins: string[]): Promise<void> {
  const listed = listedPatterns();
  const sites = origins
    .map((o) => /^\*:\/\/(?:\*\.)?([^/*]+)\/\*$/.exec(o)?.[1])
    .filter((k): k is string => !!k && origins.includes(sitePattern(k)) && !isListed(k, listed));
  if (sites.length === 0) return;
  const { settings } = await loadSettings();
  if (sites.every((k) => settings.sites.rules[k])) return;
  await updateSettings('sites', (s) => {
    const rules = { ...s.rules };
    for (const k of sites) rules[k] ??= 'on';
    return { ...s, rules };
  });
}

// Every trigger goes through one queue, so two changes never register at once.
let queue: Promise<unknown> = Promise.resolve();
function scheduleSync(tabId?: number): Promise<string[]> {
  const next = queue.then(() => sync(tabId));
  queue = next.catch((e: unknown) => console.warn('[Context Cards] site sync:', e));
  return next;
}

browser.runtime.onInstalled.addListener(() => void scheduleSync());
browser.runtime.onStartup.addListener(() => void scheduleSync());
browser.permissions.onAdded.addListener((added) => {
  void adoptGrantedSites(added.origins ?? []).finally(() => scheduleSync());
});
browser.permissions.onRemoved.addListener(() => void scheduleSync());
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && 'sites' in changes) void scheduleSync();
});

onCalls<BackgroundCalls>({
  'sites/sync': async ({ tabId }) => ({ registered: await scheduleSync(tabId) }),
  // The content script's settings: read, migrated and repaired (and written back) here, so the
  // script loaded on every page carries none of that code. A script is running, so the site
  // is granted.
  'settings/for-frame': async ({ host }) => {
    const { settings } = await loadSettings();
    const listed = isListed(host, listedPatterns());
    const runs = decide(settings.sites, host, { listed, granted: true }).runs;
    return { settings, listed, runs, gate: gate() };
  },
});
