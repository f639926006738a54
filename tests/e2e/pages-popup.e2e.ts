/**
 * The toolbar popup in both browsers (opened as a page in a tab, `?tab=` naming the tab it acts
 * on): search with a typo; Enter opens the entity with the same content as the card on the page;
 * keyboard-only use; "On this page" grouped with counts, jumping to a mention and opening its card;
 * and the toolbar badge counting the entities found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type TestPage } from './harness/browsers.ts';
import { highlighted, poll, useBrowser, waitForMarks } from './harness/fixture.ts';
import { ApiPage, clickOn } from './pages-helpers.ts';

const results = (page: TestPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll('li[data-entity]')].map((li) => li.getAttribute('data-entity')),
  );

describe.each(BROWSERS)('%s: popup', (name) => {
  const e2e = useBrowser(name);
  let api: ApiPage;
  beforeAll(async () => {
    api = await ApiPage.open(e2e.session);
  });
  afterAll(() => api.reset());

  const openPopup = async (tabId?: number) => {
    const page = await e2e.session.newPage();
    await page.goto(
      e2e.session.extensionUrl(`src/popup/index.html${tabId === undefined ? '' : `?tab=${tabId}`}`),
    );
    await page.waitFor(() => document.querySelectorAll('li[data-entity]').length > 0);
    return page;
  };

  it('searches as you type, tolerating a typo, and Enter opens the card content', async () => {
    // The card as the page shows it, for comparison.
    const article = await e2e.session.newPage();
    const url = e2e.server.url('/fixtures/basic.html');
    await article.goto(url);
    await waitForMarks(article, 3);
    const [stopsim] = await highlighted(article);
    await article.hover(stopsim!.x, stopsim!.y);
    const onPage = await poll(
      () => e2e.bridge.cardState(url),
      (s) => s?.entityId === 'stopsim',
    );

    const popup = await openPopup();
    await popup.type('Serenty Integ');
    await popup.waitFor(
      () => document.querySelector('li[data-entity]')?.getAttribute('data-entity') === 'sim',
    );
    await popup.evaluate(() => {
      const input = document.querySelector('input')!;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await popup.type('stopsm');
    await popup.waitFor(
      () => document.querySelector('li[data-entity]')?.getAttribute('data-entity') === 'stopsim',
    );
    expect((await results(popup))[0]).toBe('stopsim');
    await popup.press('Enter');
    await popup.waitFor(
      () => !!document.querySelector('.card-frame')?.shadowRoot?.querySelector('.card'),
    );
    const inPopup = await popup.evaluate(
      () =>
        document
          .querySelector<HTMLElement>('.card-frame')!
          .shadowRoot!.querySelector<HTMLElement>('.card')!.innerText,
    );
    // The same content as the card on the page, except what only exists for a mention on a
    // page: "Why highlighted" ("Hide this term on this site" is in the closed actions menu).
    const pageOnly = ['Why highlighted'];
    const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
    const pageLines = lines(onPage!.text);
    for (const l of pageOnly) expect(pageLines).toContain(l);
    expect(lines(inPopup)).toEqual(pageLines.filter((l) => !pageOnly.includes(l)));
    expect(inPopup).toContain('StopSIM Coalition');

    // Esc goes back to the results, with the query kept and focus in the search box.
    await popup.press('Escape');
    await popup.waitFor(() => document.querySelectorAll('li[data-entity]').length > 0);
    const back = await popup.evaluate(() => ({
      value: document.querySelector('input')!.value,
      focused: document.activeElement === document.querySelector('input'),
    }));
    expect(back).toEqual({ value: 'stopsm', focused: true });
    expect(popup.errors).toEqual([]);
    await popup.close();
    await article.close();
  });

  it('is usable by keyboard alone: arrows choose, Enter opens, Esc returns', async () => {
    const popup = await openPopup();
    const selected = () =>
      popup.evaluate(() => ({
        active: document.querySelector('input')!.getAttribute('aria-activedescendant'),
        selected: document.querySelector('[aria-selected="true"]')?.id,
      }));
    const first = await selected();
    expect(first.active).toBe(first.selected);
    await popup.press('ArrowDown');
    const second = await selected();
    expect(second.active).not.toBe(first.active);
    expect(second.active).toBe(second.selected);
    await popup.press('ArrowUp');
    expect((await selected()).active).toBe(first.active);
    await popup.press('ArrowDown');
    await popup.press('Enter');
    await popup.waitFor(() => !!document.querySelector('.card-frame'));
    const opened = await popup.evaluate(() =>
      document.querySelector('.card-frame')!.getAttribute('data-card-entity'),
    );
    expect(`result-${opened}`).toBe(second.active);
    // Focus moved into the entity view; Tab reaches its controls; Esc returns.
    const focused = await popup.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused.length).toBeGreaterThan(0);
    await popup.press('Escape');
    await popup.waitFor(() => document.activeElement === document.querySelector('input'));
    await popup.close();
  });

  it('lists what the page marks, with counts; a click jumps there and opens the card; the badge counts entities', async () => {
    await api.setSync({ marking: { density: 'all' } });
    const article = await e2e.session.newPage();
    const url = e2e.server.url('/fixtures/pages/long.html');
    await article.goto(url);
    await waitForMarks(article, 6);
    await article.bringToFront();
    const tabId = await api.activeTabId();
    expect(
      await poll(
        () => api.badge(tabId),
        (b) => b === '3',
      ),
    ).toBe('3');

    const popup = await openPopup(tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-found]').length === 3);
    const found = await popup.evaluate(() =>
      [...document.querySelectorAll('[data-found]')].map((b) => [
        b.getAttribute('data-found'),
        Number(b.querySelector('.count')!.textContent),
      ]),
    );
    expect(Object.fromEntries(found)).toEqual({ stopsim: 3, sim: 2, 'nhs-england': 1 });
    expect(found[0]![0]).toBe('stopsim'); // most marked first

    expect(await article.evaluate(() => window.scrollY)).toBe(0);
    await clickOn(popup, '[data-found="nhs-england"]');
    const card = await poll(
      () => e2e.bridge.cardState(url),
      (s) => s?.entityId === 'nhs-england',
    );
    expect(card?.entityId).toBe('nhs-england');
    const inView = await article.evaluate(() => {
      const r = document.getElementById('far')!.getBoundingClientRect();
      return window.scrollY > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await popup.close();
    await article.close();
    await api.reset();
  });
});
