/**
 * Where the extension runs, in both browsers:
 * - the popup's switch turns a listed site off and on: marks go and come back without a reload;
 * - a site outside the default list: the popup asks the browser for access (a real click; the
 *   browser is in its "grant without a prompt" state, see `LaunchOptions.grantable`), the
 *   background registers the content script and starts it in the open tab at once; switching the
 *   site off gives the permission back and unregisters it;
 * - revoking the permission from outside (as the browser's own settings do) unregisters it, and
 *   the registration is derived again from settings and permissions when it was lost;
 * - the site modes: "only sites switched on by hand" stops the default list; "every site you
 *   allow" runs wherever access was given (here: every site, granted from the options page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type Session, type TestPage } from './harness/browsers.ts';
import { poll } from './harness/fixture.ts';
import { startServer, type TestServer } from './harness/server.ts';
import { ApiPage, clickOn, markCount, sleep } from './pages-helpers.ts';

const UNLISTED = 'www.example-unlisted.org';
const PATTERN = '*://*.example-unlisted.org/*';
const ALL_SITES = '*://*/*';

describe.each(BROWSERS)('%s: sites', (name) => {
  let server: TestServer;
  let session: Session;
  let api: ApiPage;
  beforeAll(async () => {
    server = await startServer();
    session = await launch(name, { server, grantable: [PATTERN, ALL_SITES] });
    api = await ApiPage.open(session);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /** Opens a page, makes it the active tab, and returns its tab id. */
  const openArticle = async (url: string) => {
    const page = await session.newPage();
    await page.goto(url);
    await page.bringToFront();
    return { page, tabId: await api.activeTabId() };
  };
  const openPopup = async (tabId: number, host?: string) => {
    const popup = await session.newPage();
    const q = `?tab=${tabId}${host ? `&host=${host}` : ''}`;
    await popup.goto(session.extensionUrl(`src/popup/index.html${q}`));
    await popup.waitFor(() => !!document.querySelector('.site-row [role="switch"]'));
    return popup;
  };
  const switchState = (popup: TestPage) =>
    popup.evaluate(() => document.querySelector('[role="switch"]')!.getAttribute('aria-checked'));
  const marksBecome = (page: TestPage, n: number) =>
    page.waitFor(
      (n) =>
        [...CSS.highlights.entries()]
          .filter(([k]) => k.startsWith('context-cards-') && k !== 'context-cards-active')
          .reduce((s, [, h]) => s + h.size, 0) === n,
      n,
    );

  it('switches a listed site off and on; marks go and return without a reload', async () => {
    const { page, tabId } = await openArticle(server.url('/fixtures/basic.html'));
    await marksBecome(page, 3);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const popup = await openPopup(tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-found]').length === 3);
    expect(await switchState(popup)).toBe('true');

    await clickOn(popup, '[role="switch"]');
    await marksBecome(page, 0);
    await popup.waitFor(
      () => document.querySelector('[role="switch"]')!.getAttribute('aria-checked') === 'false',
    );
    expect(((await api.sync()).sites as { rules: unknown }).rules).toEqual({
      'inews.co.uk': 'off',
    });
    expect(
      await poll(
        () => api.badge(tabId),
        (b) => b === '',
      ),
    ).toBe('');
    await popup.waitFor(() => !!document.querySelector('.found .muted'));

    await clickOn(popup, '[role="switch"]');
    await marksBecome(page, 3);
    expect(((await api.sync()).sites as { rules: unknown }).rules).toEqual({});
    expect(
      await poll(
        () => api.badge(tabId),
        (b) => b === '3',
      ),
    ).toBe('3');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    await popup.close();
    await page.close();
  });

  it('asks for access to a new site from the popup, runs there at once, and gives it back when switched off', async () => {
    const url = server.url('/fixtures/basic.html', UNLISTED);
    const { page, tabId } = await openArticle(url);
    await sleep(500);
    expect(await markCount(page)).toBe(0);
    expect(await api.hasOrigin(PATTERN)).toBe(false);

    const popup = await openPopup(tabId, UNLISTED);
    expect(await switchState(popup)).toBe('false');
    await clickOn(popup, '[data-action="grant"]');
    // Granted, registered, and started in the open tab without a reload.
    await marksBecome(page, 3);
    expect(await api.hasOrigin(PATTERN)).toBe(true);
    expect(
      await poll(
        () => api.registered(),
        (r) => r.length > 0,
      ),
    ).toEqual([PATTERN]);
    expect(((await api.sync()).sites as { rules: unknown }).rules).toEqual({
      'example-unlisted.org': 'on',
    });
    await popup.waitFor(
      () => document.querySelector('[role="switch"]')!.getAttribute('aria-checked') === 'true',
    );

    // A fresh load gets the registered script.
    await page.goto(url);
    await marksBecome(page, 3);

    // Off: marks go at once, the permission is given back, the registration removed.
    await clickOn(popup, '[role="switch"]');
    await marksBecome(page, 0);
    expect(
      await poll(
        () => api.hasOrigin(PATTERN),
        (v) => !v,
      ),
    ).toBe(false);
    expect(
      await poll(
        () => api.registered(),
        (r) => r.length === 0,
      ),
    ).toEqual([]);
    expect(((await api.sync()).sites as { rules: unknown }).rules).toEqual({});
    await page.goto(url);
    await sleep(800);
    expect(await markCount(page)).toBe(0);
    await popup.close();
    await page.close();
  });

  it('adopts a grant nothing recorded, unregisters when access is revoked outside the popup, and re-derives a lost registration', async () => {
    const url = server.url('/fixtures/basic.html', UNLISTED);
    const { page, tabId } = await openArticle(url);
    // Granted with nothing recording the choice (as when Firefox closes the toolbar popup while
    // it asks): a real click on an extension page that only requests the site's permission.
    await api.page.evaluate((origin) => {
      const b = document.createElement('button');
      b.id = 'ask';
      b.textContent = 'ask';
      b.onclick = () => void chrome.permissions.request({ origins: [origin] });
      document.body.prepend(b);
    }, PATTERN);
    await clickOn(api.page, '#ask');
    await marksBecome(page, 3);
    expect(
      await poll(
        () => api.registered(),
        (r) => r.length > 0,
      ),
    ).toEqual([PATTERN]);
    expect(((await api.sync()).sites as { rules: unknown }).rules).toEqual({
      'example-unlisted.org': 'on',
    });
    await api.page.evaluate(() => document.getElementById('ask')!.remove());
    const popup = await openPopup(tabId, UNLISTED);
    await popup.waitFor(
      () => document.querySelector('[role="switch"]')!.getAttribute('aria-checked') === 'true',
    );

    // The registration is derived from settings and permissions: lose it, and a sync (which also
    // runs on every browser start and install) brings it back.
    await api.run(() => chrome.scripting.unregisterContentScripts());
    expect(await api.registered()).toEqual([]);
    expect(await api.background<{ registered: string[] }>('sites/sync', {})).toEqual({
      registered: [PATTERN],
    });
    expect(await api.registered()).toEqual([PATTERN]);

    // Revoked the way the browser's own settings do it: the registration goes.
    await api.run((origin) => chrome.permissions.remove({ origins: [origin] }), PATTERN);
    expect(
      await poll(
        () => api.registered(),
        (r) => r.length === 0,
      ),
    ).toEqual([]);
    await page.goto(url);
    await sleep(800);
    expect(await markCount(page)).toBe(0);
    // The popup says why, and offers to ask again.
    await popup.waitFor(() => !!document.querySelector('[data-action="grant"]'));
    await popup.close();
    await page.close();
    await api.reset();
  });

  it('runs only on sites switched on by hand, or on every site allowed, as the mode says', async () => {
    const listedUrl = server.url('/fixtures/basic.html');
    const unlistedUrl = server.url('/fixtures/basic.html', UNLISTED);
    const { page: listed, tabId } = await openArticle(listedUrl);
    await marksBecome(listed, 3);
    const { page: unlisted } = await openArticle(unlistedUrl);

    // Only sites switched on by hand: the default list stops, live.
    const options = await session.newPage();
    await options.goto(session.extensionUrl('src/options/index.html'));
    await clickOn(options, 'input[name="mode"][value="manual"]');
    await marksBecome(listed, 0);
    // Switching the listed site on by hand brings it back.
    const popup = await openPopup(tabId);
    expect(await switchState(popup)).toBe('false');
    await clickOn(popup, '[role="switch"]');
    await marksBecome(listed, 3);
    expect(((await api.sync()).sites as { rules: unknown }).rules).toEqual({ 'inews.co.uk': 'on' });
    await popup.close();

    // Every site you allow: give access to every site from the options page (a real click).
    await clickOn(options, 'input[name="mode"][value="allowed"]');
    await options.waitFor(() => !!document.querySelector('#sites .row button'));
    await clickOn(options, '#sites .row button');
    expect(
      await poll(
        () => api.hasOrigin(ALL_SITES),
        (v) => v,
      ),
    ).toBe(true);
    expect(
      await poll(
        () => api.registered(),
        (r) => r.includes(ALL_SITES),
      ),
    ).toEqual([ALL_SITES]);
    await marksBecome(unlisted, 3); // started in the open tab, no reload
    await marksBecome(listed, 3);

    // Back to the default list: the unlisted site stops at once; access given back.
    await clickOn(options, 'input[name="mode"][value="default-list"]');
    await marksBecome(unlisted, 0);
    expect(
      await poll(
        () => api.registered(),
        (r) => r.length === 0,
      ),
    ).toEqual([]);
    await api.run((o) => chrome.permissions.remove({ origins: [o] }), ALL_SITES);
    await options.close();
    await listed.close();
    await unlisted.close();
    await api.reset();
  });
});

declare const chrome: import('webextension-polyfill').Browser;
