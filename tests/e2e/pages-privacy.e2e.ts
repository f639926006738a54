/**
 * Zero network, in both browsers: across a full session (a page visit with marks, a hover that
 * loads the card, "Report a problem" on it with the page's address ticked and copied, the popup
 * with search, "On this page" and an entity, the glossary with its timeline, sources, evidence
 * legend, a report, the whole story's timeline from a date and what changed in the dataset, the
 * options page with a change, a look-up), the browser makes no request but the ones the test
 * itself asks for (the fixture pages it opens and their favicons).
 *
 * The recorder sits outside the extension (`Session.requests`):
 * - Chromium: the browser context's request events, which cover every page and frame (extension
 *   pages, and content scripts, whose requests are the page's) and the extension's service
 *   worker; attached at launch. Host rules send every other host to ~NOTFOUND, but a request is
 *   recorded when it is issued, so a failed one is still seen.
 * - Firefox: the test server is the browser's HTTP and HTTPS proxy for every host (localhost
 *   included), so every request from any part of the browser reaches it (HTTPS as CONNECT).
 *   Firefox's own background traffic is switched off by prefs in the harness; nothing is
 *   filtered out here.
 *
 * The check must be able to fail, so the same session then makes requests the recorder must
 * catch: from a page, from an extension page, from the service worker (Chromium) and from the
 * content script's own world (Chromium; Firefox's driver cannot reach extension worlds), and
 * from the background page (Firefox).
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, type RecordedRequest } from './harness/browsers.ts';
import { clickControl, waitForCard } from './card-support.ts';
import { highlighted, poll, useBrowser, waitForMarks, type E2E } from './harness/fixture.ts';
import { ApiPage, clickOn, sleep } from './pages-helpers.ts';

/** Requests that were neither asked for by the test nor reads of the extension's own files. */
function unexpected(requests: RecordedRequest[], asked: Set<string>): RecordedRequest[] {
  return requests.filter((r) => {
    const u = new URL(r.url);
    if (u.protocol === 'chrome-extension:' || u.protocol === 'moz-extension:') return false;
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return false;
    if (asked.has(r.url)) return false;
    // The browser fetches a favicon for each page the test opens.
    if (u.pathname === '/favicon.ico' && [...asked].some((a) => new URL(a).host === u.host))
      return false;
    return true;
  });
}

async function fullSession(e2e: E2E, url: (p: string) => string, asked: Set<string>) {
  const session = e2e.session;
  const api = await ApiPage.open(session);
  // A page with marks; hovering loads the card.
  const article = await session.newPage();
  const page = url('/fixtures/pages/long.html');
  asked.add(page);
  await article.goto(page);
  await waitForMarks(article, 3);
  const [first] = await highlighted(article);
  await article.hover(first!.x, first!.y);
  await article.waitFor(() => !!document.querySelector('context-cards-card'));
  // "Report a problem" on the card, the page's address ticked, copied: still nothing sent.
  await waitForCard(e2e, page);
  await clickControl(e2e, article, page, /^Keep this card open$/);
  await clickControl(e2e, article, page, /^More actions$/);
  await poll(
    () => e2e.bridge.cardState(page),
    (v) => !!v?.controls.some((c) => c.name === 'Report a problem'),
  );
  await clickControl(e2e, article, page, /^Report a problem$/);
  await poll(
    () => e2e.bridge.cardState(page),
    (v) => !!v?.report,
  );
  await clickControl(e2e, article, page, /^Include this page's address:/);
  await clickControl(e2e, article, page, /^Copy the report$/);
  await poll(
    () => e2e.bridge.cardState(page),
    (v) => !!v?.text.includes('The report is copied to the clipboard.'),
  );
  await article.bringToFront();
  const tabId = await api.activeTabId();

  // The popup: "On this page", search, an entity with its sources.
  const popup = await session.newPage();
  await popup.goto(session.extensionUrl(`src/popup/index.html?tab=${tabId}`));
  await popup.waitFor(() => document.querySelectorAll('[data-found]').length > 0);
  await popup.type('nhs englnd');
  await popup.press('Enter');
  await popup.waitFor(
    () => !!document.querySelector('.card-frame')?.shadowRoot?.querySelector('.card'),
  );
  await popup.evaluate(() =>
    document
      .querySelector('.card-frame')!
      .shadowRoot!.querySelector('details')
      ?.setAttribute('open', ''),
  );
  await clickOn(popup, '[data-found], .entity-head button');

  // The glossary: a deep link, the timeline, the sources index, the evidence legend, a report;
  // the whole story's timeline from a date, and what changed in the dataset.
  const glossary = await session.newPage();
  await glossary.goto(session.extensionUrl('src/glossary/index.html#sim'));
  // The full glossary renders after its first screen: each part is waited for.
  for (const id of ['story-timeline', 'sources', 'evidence']) {
    await glossary.waitFor((x) => !!document.getElementById(x), id);
    await glossary.evaluate((x) => document.getElementById(x)!.scrollIntoView(), id);
  }
  await clickOn(glossary, '#sim .report-details summary');
  await clickOn(glossary, '#sim .report-actions button[type="submit"]');
  await glossary.waitFor(() => !!document.querySelector('#sim .report-status')?.textContent);
  await glossary.evaluate(() => (location.hash = '#timeline?from=2021-06-15'));
  await glossary.waitFor(() => !!document.querySelector('#view-timeline .timeline li'));
  await glossary.evaluate(() => (location.hash = '#changes'));
  await glossary.waitFor(() => !!document.querySelector('#view-changes .release li'));

  // The options page, with a change.
  const options = await session.newPage();
  await options.goto(session.extensionUrl('src/options/index.html'));
  await clickOn(options, 'input[name="density"][value="all"]');
  await poll(
    () => api.sync(),
    (s) => (s.marking as { density?: string } | undefined)?.density === 'all',
  );

  // A look-up, as from the context menu.
  await api.background('lookup/open', { text: 'StopSIM', openerTabId: tabId });
  await sleep(1500);
  return { api, article, popup, glossary, options };
}

describe.each(BROWSERS)('%s: no network', (name) => {
  const e2e = useBrowser(name);

  it('makes no request in a full session, and the recorder catches one when it is made', async () => {
    const asked = new Set<string>();
    const { api, article, glossary } = await fullSession(e2e, (p) => e2e.server.url(p), asked);
    const all = e2e.session.requests();
    // The recorder saw the session (the fixture page at least), and nothing else.
    expect(all.some((r) => asked.has(r.url))).toBe(true);
    expect(unexpected(all, asked)).toEqual([]);

    // Negative controls: requests the extension never makes, made on purpose.
    const controls: string[] = [];
    const control = async (label: string, probe: string, run: () => Promise<unknown>) => {
      await run().catch(() => undefined);
      const seen = await poll(
        async () => unexpected(e2e.session.requests(), asked).map((r) => r.url),
        (urls) => urls.some((u) => u.startsWith(probe)),
        5000,
      );
      if (seen.some((u) => u.startsWith(probe))) controls.push(label);
    };
    await control('page', 'http://page-beacon.example.net/', () =>
      article.evaluate(() => fetch('http://page-beacon.example.net/p').catch(() => 0)),
    );
    await control('extension page', 'https://ext-beacon.example.com', () =>
      glossary.evaluate(() => fetch('https://ext-beacon.example.com/x').catch(() => 0)),
    );
    if (name === 'chromium') {
      const worker = (
        e2e.session as unknown as { worker: { evaluate(f: () => unknown): Promise<unknown> } }
      ).worker;
      await control('service worker', 'https://sw-beacon.example.org/', () =>
        worker.evaluate(() => fetch('https://sw-beacon.example.org/s').catch(() => 0)),
      );
      await control('content script', 'http://cs-beacon.example.org/', () =>
        article.evaluateInContentScript("fetch('http://cs-beacon.example.org/c').catch(() => 0)"),
      );
    } else {
      await control('background page', 'https://bg-beacon.example.org', () =>
        api.run(async () => {
          const bg = (await chrome.runtime.getBackgroundPage()) as unknown as Window;
          await bg.fetch('https://bg-beacon.example.org/b').catch(() => 0);
        }),
      );
    }
    expect(controls).toEqual(
      name === 'chromium'
        ? ['page', 'extension page', 'service worker', 'content script']
        : ['page', 'extension page', 'background page'],
    );
  });
});

declare const chrome: import('webextension-polyfill').Browser;
