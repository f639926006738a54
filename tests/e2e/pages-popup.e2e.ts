/**
 * The toolbar popup in both browsers (opened as a page in a tab, `?tab=` naming the tab it acts
 * on): search with a typo; Enter opens the entity with the same content as the card on the page;
 * keyboard-only use; named hits before mentions, A–Z ignoring quote marks; "On this page" with
 * every mention counted and the marked one said, jumping to a mention and opening its card; the
 * toolbar badge counting the entities found; hidden terms shown again; one way back from an
 * entry; no overlap in a narrow or zoomed popup, and no space left under the list.
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
    // The app, not only the first screen the HTML paints before it (shell.ts).
    await page.waitFor(
      (mark) => performance.getEntriesByName(mark).length > 0,
      'context-cards:popup-ready',
    );
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

  it('counts every mention on the page and says which one is marked', async () => {
    // The default marks the first mention of each term only.
    const article = await e2e.session.newPage();
    await article.goto(e2e.server.url('/fixtures/pages/long.html'));
    await waitForMarks(article, 3);
    await article.bringToFront();
    const tabId = await api.activeTabId();
    const popup = await openPopup(tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-found]').length === 3);
    const found = await popup.evaluate(() =>
      [...document.querySelectorAll('[data-found]')].map((b) => ({
        id: b.getAttribute('data-found'),
        count: Number(b.querySelector('.count')!.textContent),
        marked: Number(b.querySelector('.marked')!.getAttribute('data-marked')),
        words: b.querySelector('.marked')!.textContent,
        label: b.getAttribute('aria-label'),
      })),
    );
    expect(found.map((f) => [f.id, f.count, f.marked])).toEqual([
      ['stopsim', 3, 1],
      ['sim', 2, 1],
      ['nhs-england', 1, 1],
    ]);
    expect(found[0]!.words).toBe('3 mentions, first one marked');
    expect(found[2]!.words).toBe('mentioned once, marked');
    expect(found[0]!.label).toContain('3 mentions, first one marked');
    expect(popup.errors).toEqual([]);
    await popup.close();
    await article.close();
  });

  it('ranks names and aliases before mere mentions, and sorts A–Z ignoring quote marks', async () => {
    const popup = await openPopup();
    const firstName = await popup.evaluate(
      () => document.querySelector('li[data-entity] .name')!.textContent!,
    );
    expect(firstName).toMatch(/^[\p{L}\p{N}]/u);
    await popup.type('stop sim');
    await popup.waitFor(() => !!document.querySelector('#mentioned-title'));
    const shown = await popup.evaluate(() => ({
      fields: [...document.querySelectorAll('li[data-entity]')].map((li) => [
        li.getAttribute('data-entity'),
        li.getAttribute('data-field'),
      ]),
      heading: document.querySelector('#mentioned-title')!.textContent,
      status: document.querySelector('[role="status"]')!.textContent,
    }));
    // StopSIM first, then entries named after it (the joint policy), then the mere mentions.
    expect(shown.fields[0]).toEqual(['stopsim', 'alias']);
    const named = shown.fields.findIndex(([, f]) => f === 'summary');
    expect(named).toBeGreaterThan(0);
    expect(shown.fields.slice(1, named).every(([id]) => id!.includes('stopsim'))).toBe(true);
    expect(shown.fields.slice(named).every(([, f]) => f === 'summary')).toBe(true);
    const mentions = shown.fields.length - named;
    expect(shown.heading).toBe(`Mentioned in ${mentions} other entries`);
    expect(shown.status).toBe(`${named} by name, ${mentions} more mentioning it`);
    // Arrow keys go from the named entry into the mentions.
    await popup.press('ArrowDown');
    expect(
      await popup.evaluate(() =>
        document.querySelector('input')!.getAttribute('aria-activedescendant'),
      ),
    ).toBe(`result-${shown.fields[1]![0]}`);
    await popup.close();
  });

  it('shows the terms hidden on this site, and Show marks one again at once', async () => {
    const article = await e2e.session.newPage();
    const url = e2e.server.url('/fixtures/pages/long.html');
    await article.goto(url);
    await waitForMarks(article, 3);
    await api.setSync({ hidden: { 'www.inews.co.uk': ['stopsim'], 'other.example': ['sim'] } });
    await article.bringToFront();
    const tabId = await api.activeTabId();
    const popup = await openPopup(tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-hidden]').length === 1);
    expect(
      await popup.evaluate(
        () => document.querySelector('[data-hidden="stopsim"] .name')!.textContent,
      ),
    ).toBe('StopSIM Coalition');
    await popup.waitFor(() => !document.querySelector('[data-found="stopsim"]'));
    await clickOn(popup, '[data-hidden="stopsim"] button');
    const stored = await poll(
      () => api.sync(),
      (s) => !(s.hidden as Record<string, string[]>)['www.inews.co.uk'],
    );
    expect(stored.hidden).toEqual({ 'other.example': ['sim'] });
    // The page marks it again without a reload, and the popup lists it again.
    await popup.waitFor(() => !!document.querySelector('[data-found="stopsim"]'));
    await popup.waitFor(() => document.querySelectorAll('[data-hidden]').length === 0);
    await popup.close();
    await article.close();
    await api.reset();
  });

  it('has one way back from an entry, through the related entries it came by', async () => {
    const popup = await openPopup();
    await popup.type('stopsim');
    await popup.waitFor(
      () => document.querySelector('li[data-entity]')?.getAttribute('data-entity') === 'stopsim',
    );
    await popup.press('Enter');
    await popup.waitFor(
      () => !!document.querySelector('.card-frame')?.shadowRoot?.querySelector('.card'),
    );
    const backs = await popup.evaluate(() => {
      const root = document.querySelector('.card-frame')!.shadowRoot!;
      const visible = (el: Element | null) => !!el && getComputedStyle(el).display !== 'none';
      return {
        ours: [...document.querySelectorAll('.entity-head button.back')].map((b) => b.textContent),
        cardClose: visible(root.querySelector('.head .close')),
        cardBack: visible(root.querySelector('.head .back')),
      };
    });
    expect(backs).toEqual({ ours: ['← Back to results'], cardClose: false, cardBack: false });
    // A related entry: the one Back button leads to the entry before it, then to the results.
    const related = await popup.evaluate(() => {
      const root = document.querySelector('.card-frame')!.shadowRoot!;
      const b = root.querySelector<HTMLElement>('.related button, [data-related]');
      b?.click();
      return !!b;
    });
    if (related) {
      await popup.waitFor(() =>
        document.querySelector('.entity-head .back')!.textContent!.includes('StopSIM Coalition'),
      );
      await clickOn(popup, '.entity-head .back');
      await popup.waitFor(
        () => document.querySelector('.card-frame')?.getAttribute('data-card-entity') === 'stopsim',
      );
    }
    await clickOn(popup, '.entity-head .back');
    await popup.waitFor(() => document.activeElement === document.querySelector('input'));
    expect(popup.errors).toEqual([]);
    await popup.close();
  });

  it('never lets the kind run under the count, however narrow or zoomed, and leaves no space under the list', async () => {
    const article = await e2e.session.newPage();
    await article.goto(e2e.server.url('/demo/article.html'));
    await waitForMarks(article, 5);
    await article.bringToFront();
    const tabId = await api.activeTabId();
    const popup = await openPopup(tabId);
    await popup.waitFor(() => document.querySelectorAll('[data-found]').length >= 5);
    const overlaps = (width: string, zoom: string) =>
      popup.evaluate(
        ({ width, zoom }) => {
          document.body.style.width = width;
          (document.documentElement.style as unknown as { zoom: string }).zoom = zoom;
          // Line boxes, not bounding boxes: a name that wraps leaves room beside its last line.
          const lines = (el: Element | null) => (el ? [...el.getClientRects()] : []);
          const hit = (a: DOMRect, b: DOMRect) =>
            a.left < b.right - 0.5 &&
            b.left < a.right - 0.5 &&
            a.top < b.bottom - 0.5 &&
            b.top < a.bottom - 0.5;
          const clash = (x: DOMRect[], y: DOMRect[]) => x.some((a) => y.some((b) => hit(a, b)));
          const bad: string[] = [];
          for (const row of document.querySelectorAll('[data-found], li[data-entity]')) {
            const name = lines(row.querySelector('.name'));
            const kind = lines(row.querySelector('.kind'));
            const count = lines(row.querySelector('.count'));
            const marked = lines(row.querySelector('.marked'));
            const right = row.getBoundingClientRect().right + 0.5;
            if (
              clash(kind, name) ||
              clash(count, [...name, ...kind, ...marked]) ||
              clash(marked, name) ||
              [...kind, ...count].some((r) => r.right > right)
            )
              bad.push(row.getAttribute('data-found') ?? row.getAttribute('data-entity')!);
          }
          return bad;
        },
        { width, zoom },
      );
    for (const [width, zoom] of [
      ['380px', '1'],
      ['260px', '1'],
      ['380px', '2'],
      ['200px', '1.5'],
    ] as const)
      expect({ width, zoom, overlaps: await overlaps(width, zoom) }).toEqual({
        width,
        zoom,
        overlaps: [],
      });
    await popup.evaluate(() => {
      document.body.style.width = '';
      (document.documentElement.style as unknown as { zoom: string }).zoom = '';
    });
    // As a page taller than any popup, the list runs to the footer and the footer to the bottom.
    const gap = await popup.evaluate(() => {
      const list = document.querySelector('.scroll')!.getBoundingClientRect();
      const foot = document.querySelector('.links')!.getBoundingClientRect();
      return { listToFoot: foot.top - list.bottom, footToEdge: window.innerHeight - foot.bottom };
    });
    expect(Math.abs(gap.listToFoot)).toBeLessThan(1);
    expect(gap.footToEdge).toBeLessThan(2);
    // As a popup (at most 600 px tall): the same, within 600 px.
    await popup.setViewport(1280, 600);
    const inPopup = await popup.evaluate(() => {
      const foot = document.querySelector('.links')!.getBoundingClientRect();
      return { bottom: foot.bottom, scrolls: document.documentElement.scrollHeight };
    });
    expect(inPopup.bottom).toBeLessThanOrEqual(600.5); // sub-pixel rounding in Firefox
    expect(inPopup.bottom).toBeGreaterThan(590);
    expect(inPopup.scrolls).toBeLessThanOrEqual(600);
    await popup.close();
    await article.close();
  });

  it('paints its first screen from the HTML, and the app renders the same in its place', async () => {
    const popup = await openPopup();
    const compare = await popup.evaluate(async () => {
      const html = await (await fetch(location.href.split('?')[0]!)).text();
      const shell = new DOMParser().parseFromString(html, 'text/html').getElementById('app')!;
      const rows = (root: ParentNode) =>
        [...root.querySelectorAll('li[data-entity]')]
          .slice(0, 8)
          .map((li) => [li.id, li.getAttribute('aria-selected'), (li as HTMLElement).textContent]);
      const texts = (root: ParentNode) =>
        [...root.querySelectorAll('h1, h2, footer button')].map((e) => e.textContent);
      const input = (root: ParentNode) => {
        const i = root.querySelector('input')!;
        return ['role', 'aria-label', 'placeholder', 'aria-controls'].map((a) => i.getAttribute(a));
      };
      return {
        shell: { rows: rows(shell), texts: texts(shell), input: input(shell) },
        app: { rows: rows(document), texts: texts(document), input: input(document) },
        shellRows: shell.querySelectorAll('li[data-entity]').length,
      };
    });
    expect(compare.shellRows).toBe(8);
    expect(compare.shell).toEqual(compare.app);
    expect(popup.errors).toEqual([]);
    await popup.close();
  });
});
