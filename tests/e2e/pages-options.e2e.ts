/**
 * The options page in both browsers: a round trip through every kind of control; corrupt settings
 * repaired with the rest intact (and the page saying what it repaired); a v1 store migrated on
 * load; export to a file and import back; keyboard shortcuts listed (and, in Firefox, changed);
 * the keys on the page changed, refused when they cannot work, and used on a page; hidden terms
 * of every site shown again; the whole default site list, searchable.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BROWSERS, type TestPage } from './harness/browsers.ts';
import { poll, useBrowser, waitForMarks } from './harness/fixture.ts';
import { ApiPage, clickOn } from './pages-helpers.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { manifestFor } from '../../vite.config.ts';

type Stored = Record<string, Record<string, unknown>>;

describe.each(BROWSERS)('%s: options', (name) => {
  const e2e = useBrowser(name);
  let api: ApiPage;
  beforeAll(async () => {
    api = await ApiPage.open(e2e.session);
  });
  beforeEach(() => api.reset());

  const openOptions = async () => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.session.extensionUrl('src/options/index.html'));
    await page.waitFor(() => !!document.querySelector('input[name="density"]'));
    return page;
  };
  const checked = (page: TestPage, name: string) =>
    page.evaluate(
      (n) => document.querySelector<HTMLInputElement>(`input[name="${n}"]:checked`)?.value,
      name,
    );
  const fill = async (page: TestPage, selector: string, text: string) => {
    await page.evaluate((s) => {
      const el = document.querySelector<HTMLInputElement>(s)!;
      el.focus();
      el.select();
    }, selector);
    await page.type(text);
  };

  it('saves every kind of control and shows it again (round trip)', async () => {
    const page = await openOptions();
    await clickOn(page, 'input[name="density"][value="all"]');
    await clickOn(page, 'input[name="style"][value="background"]');
    await clickOn(page, 'input[name="renderer"][value="wrap"]');
    await clickOn(page, 'input[name="kind-person"]');
    await clickOn(page, 'input[name="theme"][value="dark"]');
    await clickOn(page, 'input[name="mode"][value="manual"]');
    await fill(page, 'input[name="hoverDelayMs"]', '750');
    await page.press('Tab');
    await fill(page, '#add-block', 'https://www.Example.org/news');
    await page.press('Enter');
    // Until the last change is stored (the site rule; the mode's change stores `rules: {}`).
    const stored = (await poll(
      () => api.sync(),
      (s) =>
        ((s as Stored).sites?.rules as Record<string, string> | undefined)?.['example.org'] !==
          undefined && (s as Stored).card?.hoverDelayMs === 750,
    )) as Stored;
    expect(stored.version).toBe(2);
    expect(stored.marking).toMatchObject({ density: 'all', style: 'background', renderer: 'wrap' });
    expect((stored.marking!.kinds as Record<string, boolean>).person).toBe(false);
    expect((stored.marking!.kinds as Record<string, boolean>).campaign).toBe(true);
    expect(stored.card).toEqual({ ...DEFAULT_SETTINGS.card, hoverDelayMs: 750, theme: 'dark' });
    expect(stored.sites).toEqual({ mode: 'manual', rules: { 'example.org': 'off' } });
    await page.close();

    const again = await openOptions();
    expect(await checked(again, 'density')).toBe('all');
    expect(await checked(again, 'style')).toBe('background');
    expect(await checked(again, 'renderer')).toBe('wrap');
    expect(await checked(again, 'theme')).toBe('dark');
    expect(await checked(again, 'mode')).toBe('manual');
    const shown = await again.evaluate(() => ({
      person: document.querySelector<HTMLInputElement>('input[name="kind-person"]')!.checked,
      hover: document.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')!.value,
      blocked: [...document.querySelectorAll('[data-rule="off"]')].map((li) =>
        li.getAttribute('data-site'),
      ),
      theme: document.documentElement.dataset.theme,
    }));
    expect(shown).toEqual({ person: false, hover: '750', blocked: ['example.org'], theme: 'dark' });

    // A change made elsewhere (the popup, another device) shows at once.
    await api.setSync({ card: { hoverDelayMs: 900, theme: 'dark' } }, false);
    await again.waitFor(
      () => document.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')!.value === '900',
    );
    await clickOn(again, '[data-rule="off"] button');
    await poll(
      () => api.sync(),
      (s) => JSON.stringify((s as Stored).sites?.rules) === '{}',
    );
    expect(again.errors).toEqual([]);
    await again.close();
  });

  it('repairs a corrupt value, keeps every other setting, and says what it repaired', async () => {
    await api.setSync({
      version: 2,
      marking: { density: 'sometimes', style: 'background', kinds: { person: false } },
      card: { hoverDelayMs: 750, theme: 'dark' },
      sites: { mode: 'default-list', rules: { 'bbc.co.uk': 'off' } },
    });
    const page = await openOptions();
    await page.waitFor(() => !!document.querySelector('[data-repairs]'));
    const notice = await page.evaluate(() =>
      [...document.querySelectorAll('[data-repairs] li')].map((li) => li.getAttribute('data-path')),
    );
    expect(notice).toEqual(['marking.density']);
    expect(await checked(page, 'density')).toBe('first');
    expect(await checked(page, 'style')).toBe('background');
    const stored = (await api.sync()) as Stored;
    expect(stored.marking).toMatchObject({ density: 'first', style: 'background' });
    expect((stored.marking!.kinds as Record<string, boolean>).person).toBe(false);
    // A valid area is never rewritten: the card's keys stay as stored (its shortcuts, added
    // within v2, are read as their defaults).
    expect(stored.card).toEqual({ hoverDelayMs: 750, theme: 'dark' });
    expect(stored.sites).toEqual({ mode: 'default-list', rules: { 'bbc.co.uk': 'off' } });
    // Dismissed, it stays dismissed.
    await clickOn(page, '[data-repairs] button');
    await page.waitFor(() => !document.querySelector('[data-repairs]'));
    await page.close();
    const again = await openOptions();
    expect(await again.evaluate(() => !!document.querySelector('[data-repairs]'))).toBe(false);
    await again.close();
  });

  it('migrates a v1 store (extension update) without losing what it can carry over', async () => {
    await api.setSync({
      card: { hoverDelayMs: 650, theme: 'light' },
      sites: { mode: 'default-list', blocked: ['www.BBC.co.uk', 42] },
    });
    const page = await openOptions();
    await page.waitFor(() => !!document.querySelector('[data-rule="off"]'));
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll('[data-rule="off"]')].map((li) =>
          li.getAttribute('data-site'),
        ),
      ),
    ).toEqual(['bbc.co.uk']);
    await page.waitFor(() => !!document.querySelector('[data-repairs]'));
    expect(
      await page.evaluate(() =>
        document.querySelector('[data-repairs] li')!.getAttribute('data-path'),
      ),
    ).toBe('sites.blocked[1]');
    const stored = (await api.sync()) as Stored;
    expect(stored.version).toBe(2);
    expect(stored.sites).toEqual({ mode: 'default-list', rules: { 'bbc.co.uk': 'off' } });
    expect(stored.card).toEqual({ ...DEFAULT_SETTINGS.card, hoverDelayMs: 650, theme: 'light' });
    await page.close();
  });

  it('exports settings to a file and imports them back; a damaged file keeps its good values', async () => {
    const original = {
      version: 2,
      marking: { density: 'all', style: 'none' },
      card: { hoverDelayMs: 1200, theme: 'light' },
      sites: { mode: 'allowed', rules: { 'example.org': 'off', 'blog.example.net': 'on' } },
    };
    await api.setSync(original);
    const page = await openOptions();
    // Keep the file the page hands to the browser's download.
    await page.evaluate(() => {
      const w = window as unknown as { files: Blob[] };
      w.files = [];
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (b: Blob | MediaSource) => (w.files.push(b as Blob), create(b));
    });
    await clickOn(page, '[data-action="export"]');
    const text = await page.evaluate(async () => {
      const w = window as unknown as { files: Blob[] };
      return w.files[0]!.text();
    });
    const file = JSON.parse(text);
    expect(file).toMatchObject({ kind: 'context-cards-settings', ...original });
    expect(file.marking.kinds.person).toBe(true);

    await api.reset();
    await page.waitFor(
      () => document.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')!.value === '300',
    );
    const importText = (t: string) =>
      page.evaluate((t) => {
        const input = document.querySelector<HTMLInputElement>('input[name="import"]')!;
        const dt = new DataTransfer();
        dt.items.add(new File([t], 'settings.json', { type: 'application/json' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, t);
    await importText(text);
    const restored = (await poll(
      () => api.sync(),
      (s) => (s as Stored).card?.hoverDelayMs === 1200,
    )) as Stored;
    expect(restored.sites).toEqual(original.sites);
    expect(restored.marking).toMatchObject(original.marking);
    // The file held every value (shortcuts at their defaults): all come back.
    expect(restored.card).toEqual({ ...DEFAULT_SETTINGS.card, ...original.card });
    await page.waitFor(
      () =>
        document.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]')!.value === '1200',
    );

    // A hand-edited file with one bad value: that value falls back, the rest is imported.
    const damaged = JSON.parse(text);
    damaged.card.hoverDelayMs = 'slow';
    damaged.marking.density = 'off';
    await importText(JSON.stringify(damaged));
    await page.waitFor(() => !!document.querySelector('[data-backup-status] li'));
    expect(
      await page.evaluate(() => document.querySelector('[data-backup-status] code')!.textContent),
    ).toBe('card.hoverDelayMs');
    const after = (await api.sync()) as Stored;
    expect(after.card).toEqual({ ...DEFAULT_SETTINGS.card, hoverDelayMs: 300, theme: 'light' });
    expect(after.marking!.density).toBe('off');

    // Not a settings file: nothing changes.
    await importText('{"hello":"world"}');
    await page.waitFor(() => !!document.querySelector('[data-backup-status].error'));
    expect(((await api.sync()) as Stored).marking!.density).toBe('off');
    await page.close();
  });

  it("lists the keyboard shortcuts and leads to the browser's shortcut settings", async () => {
    const page = await openOptions();
    await page.waitFor(() => document.querySelectorAll('tr[data-command]').length >= 3);
    const rows = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('tr[data-command]')].map((tr) => [
          tr.getAttribute('data-command'),
          tr.querySelector('kbd')?.textContent ?? null,
        ]),
      ),
    );
    expect(rows).toMatchObject({
      _execute_action: 'Alt+Shift+K',
      'toggle-site': 'Alt+Shift+M',
      'open-glossary': null,
    });
    if (name === 'firefox') {
      // Firefox lets the extension change its own shortcuts: turn one off, then reset it.
      await clickOn(page, 'tr[data-command="toggle-site"] button:nth-of-type(2)');
      await page.waitFor(() => !document.querySelector('tr[data-command="toggle-site"] kbd'));
      await clickOn(page, 'tr[data-command="toggle-site"] button:nth-of-type(3)');
      await page.waitFor(
        () =>
          document.querySelector('tr[data-command="toggle-site"] kbd')?.textContent ===
          'Alt+Shift+M',
      );
      // And record a new one.
      await clickOn(page, 'tr[data-command="open-glossary"] button');
      // The Firefox driver cannot hold modifiers, so the chord is dispatched as the keydown the
      // recorder reads (its code and modifier flags).
      await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('.recorder input')!;
        input.focus();
        const init = { code: 'KeyY', key: 'Y', altKey: true, shiftKey: true, bubbles: true };
        input.dispatchEvent(new KeyboardEvent('keydown', init));
      });
      await clickOn(page, '.recorder button');
      await page.waitFor(
        () =>
          document.querySelector('tr[data-command="open-glossary"] kbd')?.textContent ===
          'Alt+Shift+Y',
      );
      await api.run(() => chrome.commands.reset('open-glossary'));
    } else {
      const hint = await page.evaluate(
        () => document.querySelector('#shortcuts .browser-hint')!.textContent,
      );
      expect(hint).toContain('chrome://extensions/shortcuts');
      expect(
        await page.evaluate(() => !!document.querySelector('#shortcuts .browser-hint button')),
      ).toBe(true);
    }
    await page.close();
  });

  /** A key press in a key field, as the recorder reads it (the Firefox driver cannot hold modifiers). */
  const pressIn = (page: TestPage, selector: string, init: KeyboardEventInit) =>
    page.evaluate(
      ({ selector, init }) => {
        const input = document.querySelector<HTMLInputElement>(selector)!;
        input.focus();
        input.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true }));
      },
      { selector, init },
    );
  const pageKeys = (page: TestPage) =>
    page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('tr[data-page-key]')].map((tr) => [
          tr.getAttribute('data-page-key'),
          tr.querySelector('kbd')?.textContent ?? null,
        ]),
      ),
    );

  it('changes the keys on the page, refuses keys that cannot work, and the page uses the new key', async () => {
    const page = await openOptions();
    await page.waitFor(() => document.querySelectorAll('tr[data-page-key]').length === 3);
    expect(await pageKeys(page)).toEqual({
      next: 'Alt+Shift+.',
      previous: 'Alt+Shift+,',
      count: 'Alt+Shift+/',
    });
    // The count command has no browser key, and says where its key is.
    await page.waitFor(() => !!document.querySelector('tr[data-command="announce-count"]'));
    expect(
      await page.evaluate(
        () =>
          document.querySelector('tr[data-command="announce-count"] td:nth-child(2)')!.textContent,
      ),
    ).toBe('No browser shortcut (on the page: Alt+Shift+/)');

    // A new key for "next".
    await pressIn(page, 'input[name="pageKey-next"]', {
      code: 'KeyJ',
      key: 'J',
      altKey: true,
      shiftKey: true,
    });
    await poll(
      () => api.sync(),
      (s) =>
        ((s as Stored).card?.shortcuts as Record<string, string> | undefined)?.next ===
        'Alt+Shift+J',
    );
    await page.waitFor(
      () => document.querySelector('tr[data-page-key="next"] kbd')?.textContent === 'Alt+Shift+J',
    );
    // Refused: no Ctrl, Alt or Command; and a key "next" already has.
    await pressIn(page, 'input[name="pageKey-previous"]', {
      code: 'KeyP',
      key: 'P',
      shiftKey: true,
    });
    await page.waitFor(() => !!document.querySelector('#page-key-error'));
    expect(
      await page.evaluate(() => document.querySelector('#page-key-error')!.textContent),
    ).toContain('Ctrl, Alt or Command');
    await pressIn(page, 'input[name="pageKey-count"]', {
      code: 'KeyJ',
      key: 'J',
      altKey: true,
      shiftKey: true,
    });
    await page.waitFor(
      () => document.querySelector('#page-key-error')?.textContent?.includes('already') === true,
    );
    // Turn "count" off.
    await clickOn(page, 'tr[data-page-key="count"] button:nth-of-type(1)');
    const stored = (await poll(
      () => api.sync(),
      (s) => ((s as Stored).card?.shortcuts as Record<string, string> | undefined)?.count === '',
    )) as Stored;
    expect(stored.card!.shortcuts).toEqual({
      enabled: true,
      next: 'Alt+Shift+J',
      previous: 'Alt+Shift+Comma',
      count: '',
    });
    await page.close();
    const again = await openOptions();
    await again.waitFor(() => document.querySelectorAll('tr[data-page-key]').length === 3);
    expect(await pageKeys(again)).toEqual({
      next: 'Alt+Shift+J',
      previous: 'Alt+Shift+,',
      count: null,
    });
    // The browser's shortcuts come from an asynchronous call, after the page keys.
    await again.waitFor(() => !!document.querySelector('tr[data-command="announce-count"]'));
    expect(
      await again.evaluate(
        () =>
          document.querySelector('tr[data-command="announce-count"] td:nth-child(2)')!.textContent,
      ),
    ).toBe('Not set');

    // The page uses the new key at once.
    const article = await e2e.session.newPage();
    const url = e2e.server.url('/fixtures/pages/long.html');
    await article.goto(url);
    await waitForMarks(article, 3);
    await article.bringToFront();
    await article.press('Alt+Shift+KeyJ');
    const card = await poll(
      () => e2e.bridge.cardState(url),
      (c) => !!c?.entityId,
    );
    expect(card?.entityId).toBe('stopsim');
    await article.close();

    // All keys on the page off at once; Reset brings a default back.
    await clickOn(again, 'input[name="pageKeysEnabled"]');
    await poll(
      () => api.sync(),
      (s) =>
        ((s as Stored).card?.shortcuts as Record<string, unknown> | undefined)?.enabled === false,
    );
    await clickOn(again, 'input[name="pageKeysEnabled"]');
    await again.waitFor(
      () =>
        !document.querySelector<HTMLButtonElement>(
          'tr[data-page-key="next"] button:nth-of-type(2)',
        )!.disabled,
    );
    await clickOn(again, 'tr[data-page-key="next"] button:nth-of-type(2)');
    await again.waitFor(
      () => document.querySelector('tr[data-page-key="next"] kbd')?.textContent === 'Alt+Shift+.',
    );
    expect(again.errors).toEqual([]);
    await again.close();
  });

  it('lists hidden terms for every site, each with Show, and Show all for a site', async () => {
    await api.setSync({
      hidden: { 'www.inews.co.uk': ['stopsim', 'sim'], 'www.onthewight.com': ['nhs-england'] },
    });
    const page = await openOptions();
    await page.waitFor(() => document.querySelectorAll('[data-hidden-site]').length === 2);
    const listed = await page.evaluate(() =>
      [...document.querySelectorAll('[data-hidden-site]')].map((li) => [
        li.getAttribute('data-hidden-site'),
        [...li.querySelectorAll('[data-hidden] span')].map((s) => s.textContent),
      ]),
    );
    expect(listed).toEqual([
      ['www.inews.co.uk', ['StopSIM Coalition', 'Serenity Integrated Mentoring (SIM)']],
      ['www.onthewight.com', ['NHS England']],
    ]);
    await clickOn(page, '[data-hidden-site="www.inews.co.uk"] [data-hidden="sim"] button');
    await poll(
      () => api.sync(),
      (s) => ((s as Stored).hidden?.['www.inews.co.uk'] as unknown as string[])?.length === 1,
    );
    expect((await api.sync()).hidden).toEqual({
      'www.inews.co.uk': ['stopsim'],
      'www.onthewight.com': ['nhs-england'],
    });
    await clickOn(page, '[data-hidden-site="www.onthewight.com"] [data-hidden] button');
    const stored = await poll(
      () => api.sync(),
      (s) => Object.keys((s as Stored).hidden ?? {}).length === 1,
    );
    expect(stored.hidden).toEqual({ 'www.inews.co.uk': ['stopsim'] });
    await page.waitFor(() => document.querySelectorAll('[data-hidden-site]').length === 1);
    await page.close();
  });

  it('shows the whole default site list, searchable', async () => {
    const built = manifestFor(name === 'firefox' ? 'firefox' : 'chrome') as unknown as {
      content_scripts: { matches: string[] }[];
    };
    const page = await openOptions();
    await page.evaluate(
      () => (document.querySelector<HTMLDetailsElement>('.default-list')!.open = true),
    );
    const all = await page.evaluate(() =>
      [...document.querySelectorAll('[data-default-site]')].map((li) => li.textContent),
    );
    const expected = new Set(
      built.content_scripts[0]!.matches.map((p) =>
        p.replace(/^\*:\/\/(\*\.)?/, '').replace(/\/\*$/, ''),
      ),
    );
    expect(all.length).toBe(expected.size);
    expect(new Set(all)).toEqual(expected);
    expect(
      await page.evaluate(() => document.querySelector('.default-list summary')!.textContent),
    ).toBe(`The default list (${expected.size} sites)`);
    await page.evaluate(() =>
      document.querySelector<HTMLInputElement>('input[name="defaultListSearch"]')!.focus(),
    );
    await page.type('england.nhs');
    await page.waitFor(() => document.querySelectorAll('[data-default-site]').length === 1);
    expect(
      await page.evaluate(() => document.querySelector('[data-default-site]')!.textContent),
    ).toBe('england.nhs.uk');
    await page.close();
  });
});

declare const chrome: import('webextension-polyfill').Browser;
