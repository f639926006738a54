/**
 * The glossary page and look-ups, in both browsers: it opens on the story in brief, then the
 * story's entries, then those around it, each A–Z; the A–Z bar and index lead to every entry; deep
 * links focus their entry; the story's timeline lists events oldest first with numbered
 * references; the sources index is numbered, sorted as shown, with descriptive titles shown as
 * descriptions; the filter box; a compact print (page count of an A4 PDF, Chromium); and the
 * context-menu look-up (the function the menu item calls, reached the way the extension's pages
 * reach the background: no driver can click a browser's native context menu) opening the
 * glossary at the best match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { sortKey } from '../../src/shared/search.ts';
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
    // The whole page: the first screen paints first, the rest follows section by section.
    await page.waitFor(() => !!document.querySelector('#sources li[data-source]'));
    return page;
  };
  const collate = (a: string, b: string) =>
    a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
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

  it('opens on the story in brief, then story entries, then the rest, each A–Z', async () => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.session.extensionUrl('src/glossary/index.html'));
    // The first thing painted is the story in brief.
    await page.waitFor(() => !!document.querySelector('#story'));
    await page.waitFor(() => !!document.querySelector('#sources li[data-source]'));
    const layout = await page.evaluate(() => ({
      sections: [...document.querySelectorAll('main > section[id], #entries > section[id]')].map(
        (s) => s.id,
      ),
      storyLink: document.querySelector('#story .story-name a')?.getAttribute('href'),
      groups: [...document.querySelectorAll('.role-group')].map((g) => ({
        id: g.id,
        entries: [...g.querySelectorAll('article.entry')].map((a) => ({
          id: a.id,
          role: a.getAttribute('data-role'),
          name: a.querySelector('h3')!.firstChild!.textContent!.trim(),
        })),
      })),
    }));
    expect(layout.sections).toEqual([
      'story',
      'az',
      'entries',
      'story-entries',
      'context-entries',
      'sources',
    ]);
    expect(layout.storyLink).toBe('#sim');
    const [story, context] = layout.groups;
    expect(story!.id).toBe('story-entries');
    expect(context!.id).toBe('context-entries');
    expect(story!.entries.every((e) => e.role === 'story')).toBe(true);
    expect(context!.entries.every((e) => e.role === 'context')).toBe(true);
    expect([...story!.entries, ...context!.entries].map((e) => e.id).sort()).toEqual(
      dataset.entities.map((e) => e.id).sort(),
    );
    for (const g of [story!, context!]) {
      const keys = g.entries.map((e) => sortKey(e.name));
      expect(keys).toEqual([...keys].sort(collate));
    }
    // The first story entry is not one that starts with a quote mark.
    expect(story!.entries[0]!.name).toMatch(/^[\p{L}\p{N}]/u);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('leads from every letter of the A–Z bar to its entries, and from the index to each entry', async () => {
    const page = await openGlossary();
    const az = await page.evaluate(() => ({
      bar: [...document.querySelectorAll('.az-bar a')].map((a) => ({
        letter: a.textContent,
        href: a.getAttribute('href')!,
      })),
      index: Object.fromEntries(
        [...document.querySelectorAll('.az-letter')].map((l) => [
          l.id,
          [...l.querySelectorAll('a')].map((a) => a.getAttribute('href')!.slice(1)),
        ]),
      ),
    }));
    const linked = Object.values(az.index).flat();
    expect(linked.sort()).toEqual(dataset.entities.map((e) => e.id).sort());
    for (const { letter, href } of az.bar) {
      expect(az.index[href.slice(1)]).toBeDefined();
      for (const id of az.index[href.slice(1)]!) {
        const name = dataset.entities.find((e) => e.id === id)!.name;
        expect(sortKey(name).charAt(0).toUpperCase()).toBe(letter);
      }
    }
    // A letter, then an entry: each link moves focus there.
    const letter = az.bar.find((b) => b.letter === 'S')!;
    await page.evaluate((h) => (location.hash = h), letter.href);
    await page.waitFor((id) => document.activeElement?.id === id, letter.href.slice(1));
    await page.evaluate((h) => document.querySelector<HTMLElement>(`${h} a`)!.click(), letter.href);
    await page.waitFor(() => document.activeElement?.tagName === 'ARTICLE');
    const focused = await targetState(page);
    expect(focused.inView).toBe(true);
    expect(az.index[letter.href.slice(1)]).toContain(focused.focused);
    await page.close();
  });

  it('focuses the entry a deep link names, whatever the page has rendered so far', async () => {
    for (const id of ['section-136', 'stopsim', 'sim']) {
      const page = await openGlossary(`#${id}`);
      await page.waitFor((x) => document.activeElement?.id === x, id);
      expect(await targetState(page)).toEqual({ focused: id, target: id, inView: true });
      await page.close();
    }
    // Following an in-page link moves focus too.
    const page = await openGlossary('#stopsim');
    await page.evaluate(() => (location.hash = '#sim'));
    await page.waitFor(() => document.activeElement?.id === 'sim');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("has the story's timeline, oldest first, each event with numbered references", async () => {
    const page = await openGlossary('#timeline');
    const items = await page.evaluate(() =>
      [...document.querySelectorAll('#timeline li')].map((li) => ({
        date: li.querySelector('time')!.getAttribute('datetime')!,
        entity: li.getAttribute('data-entity'),
        refs: [...li.querySelectorAll('a.ref')].map((a) => ({
          href: a.getAttribute('href')!,
          text: a.textContent!,
        })),
      })),
    );
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.date)).toEqual([...items.map((i) => i.date)].sort());
    for (const i of items) {
      expect(dataset.entities.find((e) => e.id === i.entity)?.role).toBe('story');
      expect(i.refs.length).toBeGreaterThan(0);
      for (const r of i.refs) {
        expect(r.text).toMatch(/^\[\d+\]$/);
        // The number is the source's place in the index.
        const n = await page.evaluate((id) => {
          const li = document.getElementById(id);
          return li ? [...li.parentElement!.children].indexOf(li) + 1 : -1;
        }, r.href.slice(1));
        expect(`[${n}]`).toBe(r.text);
      }
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
    // Sorted as shown: by the publisher each line starts with.
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('li[data-source]')].map((li) => ({
        publisher: li.querySelector('.publisher')!.textContent!,
        text: (li as HTMLElement).innerText,
      })),
    );
    const publishers = shown.map((s) => sortKey(s.publisher));
    expect(publishers).toEqual([...publishers].sort(collate));
    // A title in [brackets] in the data is shown as a description: no brackets anywhere.
    expect(dataset.sources.some((s) => /^\[.*\]$/.test(s.title))).toBe(true);
    for (const s of shown) expect(s.text).not.toMatch(/\[[^\]]*\]/);
    expect(
      await page.evaluate(() => document.querySelectorAll('li[data-source] .descriptive').length),
    ).toBe(dataset.sources.filter((s) => /^\[.*\]$/.test(s.title)).length);
    // References name a number, never the publisher alone ("NHS England NHS England").
    const refs = await page.evaluate(() =>
      [...document.querySelectorAll('article.entry a.ref')].map((a) => a.textContent),
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r).toMatch(/^\[\d+\]$/);
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

  it('prints compactly: controls hidden, numbered references, addresses spelled out', async () => {
    const page = await openGlossary();
    const print = await page.evaluate(() => {
      const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]);
      const media = rules.filter(
        (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText === 'print',
      );
      const inner = media.flatMap((m) => [...m.cssRules]) as CSSStyleRule[];
      const display = (sel: string) =>
        inner.find((r) => r.selectorText?.split(',').some((s) => s.trim() === sel))?.style.display;
      return {
        nav: display('nav'),
        filter: display('.filter'),
        address: display('.sources .address'),
      };
    });
    expect(print).toEqual({ nav: 'none', filter: 'none', address: 'block' });
    if (name === 'chromium' && page.raw.driver === 'playwright') {
      // The page count of a real A4 print.
      const raw = page.raw.page;
      await raw.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const pdf = await raw.pdf({ format: 'A4' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
      console.log(`glossary print: ${pages} A4 pages`);
      expect(pages).toBeGreaterThan(5);
      expect(pages).toBeLessThanOrEqual(25);
      // Every source's address is printed once, in the index.
      const addresses = await page.evaluate(() =>
        [...document.querySelectorAll('.sources .address')].map((a) => a.textContent),
      );
      expect(addresses.length).toBe(dataset.sources.filter((s) => s.url).length);
    }
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
