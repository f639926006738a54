/**
 * The glossary page and look-ups, in both browsers: deep links focus their entry; the timeline
 * lists dated events oldest first with their sources; the sources index lists every source with
 * the entries citing it; the filter box; a clean print stylesheet; and the context-menu look-up
 * (the function the menu item calls, reached the way the extension's pages reach the background:
 * no driver can click a browser's native context menu) opening the glossary at the best match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { BROWSERS, type TestPage } from './harness/browsers.ts';
import { poll, useBrowser } from './harness/fixture.ts';
import { ApiPage } from './pages-helpers.ts';
import messages from '../../public/_locales/en/messages.json';

const dataset = loadDataset();

describe.each(BROWSERS)('%s: glossary', (name) => {
  const e2e = useBrowser(name);
  let api: ApiPage;
  beforeAll(async () => {
    api = await ApiPage.open(e2e.session);
  });

  const openGlossary = async (suffix = '') => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.session.extensionUrl(`src/glossary/index.html${suffix}`));
    await page.waitFor(() => document.querySelectorAll('article.entry').length > 0);
    return page;
  };
  const targetState = (page: TestPage) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const r = el.getBoundingClientRect();
      return {
        focused: el.id,
        target: document.querySelector(':target')?.id,
        inView: r.top >= 0 && r.top < window.innerHeight,
      };
    });

  it('groups every entity by kind, and a deep link focuses its entry', async () => {
    const page = await openGlossary('#stopsim');
    await page.waitFor(() => document.activeElement?.id === 'stopsim');
    expect(await targetState(page)).toEqual({
      focused: 'stopsim',
      target: 'stopsim',
      inView: true,
    });
    const groups = await page.evaluate(() =>
      [...document.querySelectorAll('section.kind-group')].map((s) => ({
        kind: s.getAttribute('data-kind'),
        ids: [...s.querySelectorAll('article.entry')].map((a) => a.id),
      })),
    );
    expect(groups.flatMap((g) => g.ids).sort()).toEqual(dataset.entities.map((e) => e.id).sort());
    for (const g of groups)
      for (const id of g.ids) expect(dataset.entities.find((e) => e.id === id)?.kind).toBe(g.kind);
    // Following an in-page link moves focus too.
    await page.evaluate(() => (location.hash = '#sim'));
    await page.waitFor(() => document.activeElement?.id === 'sim');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('has a timeline of dated events, oldest first, each with its sources', async () => {
    const page = await openGlossary('#timeline');
    const items = await page.evaluate(() =>
      [...document.querySelectorAll('#timeline li')].map((li) => ({
        date: li.querySelector('time')!.getAttribute('datetime')!,
        entity: li.getAttribute('data-entity'),
        refs: [...li.querySelectorAll('a.ref')].map((a) => a.getAttribute('href')!),
        entityLink: li.querySelector('.meta a')?.getAttribute('href'),
      })),
    );
    const dated = dataset.entities.flatMap((e) => [
      ...(e.timeline ?? []),
      ...e.facts.filter((f) => f.date),
    ]);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(dated.length);
    expect(items.map((i) => i.date)).toEqual([...items.map((i) => i.date)].sort());
    for (const i of items) {
      expect(i.refs.length).toBeGreaterThan(0);
      expect(i.entityLink).toBe(`#${i.entity}`);
      for (const href of i.refs)
        expect(await page.evaluate((id) => !!document.getElementById(id), href.slice(1))).toBe(
          true,
        );
    }
    await page.close();
  });

  it('indexes every source with the entries citing it', async () => {
    const page = await openGlossary('#sources');
    const index = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('li[data-source]')].map((li) => [
          li.getAttribute('data-source'),
          [...li.querySelectorAll('.cited-by a')].map((a) => a.getAttribute('href')!.slice(1)),
        ]),
      ),
    );
    expect(Object.keys(index).sort()).toEqual(dataset.sources.map((s) => s.id).sort());
    for (const e of dataset.entities)
      for (const f of e.facts) for (const s of f.sources) expect(index[s]).toContain(e.id);
    // A source's link to the publisher opens only on a click, in a new tab, without a referrer.
    const link = await page.evaluate(() => {
      const a = document.querySelector<HTMLAnchorElement>('li[data-source] a[href^="https://"]');
      return a && { target: a.target, rel: a.rel };
    });
    if (link) expect(link).toEqual({ target: '_blank', rel: 'noopener noreferrer' });
    await page.close();
  });

  it('filters entries as you type', async () => {
    const page = await openGlossary();
    await page.evaluate(() => document.getElementById('filter')!.focus());
    const total = await page.evaluate(() => document.querySelectorAll('article.entry').length);
    await page.type('stopsm');
    // The typo still finds the coalition; entries that do not mention it are hidden.
    await page.waitFor((all) => {
      const shown = [...document.querySelectorAll('article.entry')].filter(
        (a) => !(a as HTMLElement).hidden,
      );
      return shown.length > 0 && shown.length < all;
    }, total);
    const visible = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('article.entry')]
        .filter((a) => !a.hidden)
        .map((a) => ({ id: a.id, text: a.innerText })),
    );
    expect(visible.map((v) => v.id)).toContain('stopsim');
    for (const v of visible) expect(v.text).toMatch(/stop ?sim/i);
    expect(visible.length).toBeLessThan(total / 4);
    await page.close();
  });

  it('prints cleanly: controls hidden, link targets spelled out', async () => {
    const page = await openGlossary();
    const print = await page.evaluate(() => {
      const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]);
      const media = rules.filter(
        (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText === 'print',
      );
      const inner = media.flatMap((m) => [...m.cssRules]) as CSSStyleRule[];
      const hides = (sel: string) =>
        inner.some(
          (r) =>
            r.selectorText?.split(',').some((s) => s.trim() === sel) && r.style.display === 'none',
        );
      return {
        hidesNav: hides('nav'),
        hidesFilter: hides('.filter'),
        spellsLinks: inner.some(
          (r) => r.selectorText?.includes('::after') && r.style.content.includes('attr(href)'),
        ),
      };
    });
    expect(print).toEqual({ hidesNav: true, hidesFilter: true, spellsLinks: true });
    await page.close();
  });

  it('looks a selection up from the context menu: the glossary opens beside the tab at the best match', async () => {
    expect(messages.menuLookup.message).toBe('Look up ‘%s’ in Context Cards');
    const article = await e2e.session.newPage();
    await article.goto(e2e.server.url('/fixtures/basic.html'));
    await article.bringToFront();
    const opener = await api.activeTabId();
    const { url } = await api.background<{ url: string }>('lookup/open', {
      text: 'Serenity  Integrated\nMentoring',
      openerTabId: opener,
    });
    expect(url).toContain('src/glossary/index.html?lookup=Serenity%20Integrated%20Mentoring');
    // The new tab sits right after the reader's and lands on the best match.
    const tab = await poll(
      () =>
        api.run(
          async (prefix) => (await chrome.tabs.query({})).find((t) => t.url?.startsWith(prefix)),
          url,
        ),
      (t) => !!t?.url?.endsWith('#sim'),
    );
    expect(tab?.url?.endsWith('#sim')).toBe(true);
    const openerTab = await api.run((id) => chrome.tabs.get(id), opener);
    expect(tab?.index).toBe(openerTab.index + 1);
    // What the reader sees there (the URL the tab ended on: the Firefox driver waits for the
    // address it was given, and the glossary moves to the match's fragment).
    const page = await openGlossary(tab!.url!.slice(tab!.url!.indexOf('?')));
    await page.waitFor(() => document.activeElement?.id === 'sim');
    const banner = await page.evaluate(() => document.querySelector('.lookup')!.textContent);
    expect(banner).toContain('Serenity Integrated Mentoring');
    await page.close();
    // No match: the filter shows what was looked up.
    const none = await openGlossary('?lookup=zzqx');
    expect(
      await none.evaluate(() => (document.getElementById('filter') as HTMLInputElement).value),
    ).toBe('zzqx');
    await none.close();
    await article.close();
  });
});

declare const chrome: import('webextension-polyfill').Browser;
