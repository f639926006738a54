/**
 * The glossary page and look-ups, in both browsers: it opens on the story in brief, then the
 * story's entries, then those around it, each A–Z; the A–Z bar and index lead to every entry; deep
 * links focus their entry; the story's timeline lists events oldest first with numbered
 * references; the whole story's timeline from a date (`#timeline?from=…`) and its date field;
 * what changed in the dataset (`#changes`); the evidence legend every label links to; "Report a
 * problem" on an entry; the sources index is numbered, sorted as shown, with descriptive titles
 * shown as descriptions; the filter box; a compact print (page count of an A4 PDF, Chromium); and the
 * context-menu look-up (the function the menu item calls, reached the way the extension's pages
 * reach the background: no driver can click a browser's native context menu) opening the
 * glossary at the best match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { mayBeOnOrAfter, startOf } from '../../src/shared/partial-date.ts';
import { sortKey } from '../../src/shared/search.ts';
import { storyTimeline } from '../../src/shared/story-timeline.ts';
import { paste } from './card-support.ts';
import { BROWSERS, type TestPage } from './harness/browsers.ts';
import { poll, useBrowser } from './harness/fixture.ts';
import { ApiPage, clickOn } from './pages-helpers.ts';
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
    // The whole page: the first screen paints first, the rest follows section by section (the
    // evidence legend last).
    await page.waitFor(() => !!document.querySelector('#sources li[data-source]'));
    await page.waitFor(() => !!document.querySelector('#evidence'));
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
    await page.waitFor(() => !!document.querySelector('#evidence'));
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
      'evidence',
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
    const page = await openGlossary('#story-timeline');
    const items = await page.evaluate(() =>
      [...document.querySelectorAll('#story-timeline li')].map((li) => ({
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

  /** A view (`#timeline…`, `#changes`): its content, once loaded. */
  const openView = async (hash: string, ready: string) => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.session.extensionUrl(`src/glossary/index.html${hash}`));
    await page.waitFor((sel) => !!document.querySelector(sel), ready);
    return page;
  };
  const timelineShown = (page: TestPage) =>
    page.evaluate(() => ({
      hash: location.hash,
      value: (document.getElementById('timeline-from') as HTMLInputElement).value,
      items: [...document.querySelectorAll('#view-timeline .timeline li')].map((li) => ({
        date: li.querySelector('time')!.getAttribute('datetime')!,
        refs: [...li.querySelectorAll('a.ref')].map((a) => a.textContent),
        entity: li.querySelector('.meta a')?.getAttribute('href'),
      })),
    }));

  it('#timeline?from=2021-06-15 lists the whole story from that date; the date field changes it', async () => {
    const page = await openView('#timeline?from=2021-06-15', '#view-timeline .timeline li');
    let shown = await timelineShown(page);
    const from = storyTimeline(dataset, { from: '2021-06-15' });
    expect(shown.value).toBe('2021-06-15');
    expect(shown.items.map((i) => i.date)).toEqual(from.map((e) => startOf(e.date)));
    // Only events on or after the date (one dated by its month or year may be).
    for (const i of shown.items) expect(mayBeOnOrAfter(i.date, '2021-06-15'), i.date).toBe(true);
    expect(shown.items.length).toBeLessThan(storyTimeline(dataset).length);
    for (const i of shown.items) {
      expect(i.refs.length, i.date).toBeGreaterThan(0);
      for (const r of i.refs) expect(r).toMatch(/^\[\d+\]$/);
      expect(i.entity).toMatch(/^#/);
    }
    const count = await page.evaluate(
      () => document.querySelector('#view-timeline .count')!.textContent,
    );
    expect(count).toMatch(
      new RegExp(`^${from.length} of ${storyTimeline(dataset).length} events, from `),
    );
    // The control: a labelled date field; a new date shows the story from there.
    expect(
      await page.evaluate(() => document.querySelector('label[for="timeline-from"]')!.textContent),
    ).toBe('Show what happened from');
    await page.evaluate(() => {
      const input = document.getElementById('timeline-from') as HTMLInputElement;
      input.value = '2023-06-01';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitFor(() => location.hash === '#timeline?from=2023-06-01');
    await page.waitFor(
      (n) => document.querySelectorAll('#view-timeline .timeline li').length === n,
      storyTimeline(dataset, { from: '2023-06-01' }).length,
    );
    shown = await timelineShown(page);
    expect(shown.value).toBe('2023-06-01');
    for (const i of shown.items) expect(mayBeOnOrAfter(i.date, '2023-06-01'), i.date).toBe(true);
    // "Show the whole timeline" drops the date.
    await clickOn(page, '.timeline-from a');
    await page.waitFor(() => location.hash === '#timeline');
    await page.waitFor(
      (n) => document.querySelectorAll('#view-timeline .timeline li').length === n,
      storyTimeline(dataset).length,
    );
    expect((await timelineShown(page)).value).toBe('');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('#changes shows what changed in this dataset version, linked from the header and footer', async () => {
    const page = await openView('#changes', '#view-changes .release li');
    const current = dataset.meta.changelog!.find((c) => c.version === dataset.meta.version)!;
    expect(current.version).toBe('2026.12.6');
    const shown = await page.evaluate(() => ({
      title: document.querySelector('#view-changes h2')!.textContent,
      releases: [...document.querySelectorAll('#view-changes .release')].map((r) => ({
        version: r.getAttribute('data-version'),
        heading: r.querySelector('h3, h4')!.textContent,
        lines: [...r.querySelectorAll('li')].map((li) => li.textContent),
      })),
      links: [...document.querySelectorAll('a[href="#changes"]')].map((a) =>
        a.closest('nav') ? 'nav' : a.closest('footer') ? 'footer' : 'other',
      ),
    }));
    expect(shown.title).toBe('What changed in this dataset version');
    expect(shown.releases[0]!.version).toBe('2026.12.6');
    expect(shown.releases[0]!.heading).toMatch(/^Dataset 2026\.12\.6, /);
    expect(shown.releases[0]!.lines).toEqual(current.changes);
    expect(shown.releases.map((r) => r.version)).toContain('2026.11.25');
    expect(shown.links).toEqual(['nav', 'footer']);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('explains every evidence label in a legend that each label links to, by keyboard too', async () => {
    const page = await openGlossary('#sim');
    const legend = await page.evaluate(() => ({
      title: document.querySelector('#evidence h2')!.textContent,
      entries: [...document.querySelectorAll('#evidence .legend > div')].map((d) => d.id),
      link: [...document.querySelectorAll<HTMLAnchorElement>('#sim a.evidence')].map((a) => ({
        href: a.getAttribute('href'),
        label: a.getAttribute('aria-label'),
        text: a.textContent,
      }))[0],
    }));
    expect(legend.title).toBe('What the source labels mean');
    expect(legend.entries).toHaveLength(9);
    expect(legend.link!.href).toMatch(/^#evidence-/);
    expect(legend.entries).toContain(legend.link!.href!.slice(1));
    expect(legend.link!.label).toBe(`${legend.link!.text}: what this label means`);
    // Keyboard: focus the label, press Enter; focus lands on its line of the legend.
    await page.evaluate(() => document.querySelector<HTMLElement>('#sim a.evidence')!.focus());
    await page.press('Enter');
    await page.waitFor((id) => document.activeElement?.id === id, legend.link!.href!.slice(1));
    expect(await targetState(page)).toMatchObject({ inView: true });
    await page.close();
  });

  it('"Report a problem" on an entry: choose a fact, write, copy the report', async () => {
    const page = await openGlossary('#stopsim');
    await clickOn(page, '#stopsim .report-details summary');
    await page.waitFor(() => !!document.querySelector('#stopsim form.report'));
    const form = await page.evaluate(() => ({
      heading: document.querySelector('#stopsim .report-h')!.textContent,
      options: document.querySelectorAll('#report-stopsim-what option').length,
      page: !!document.querySelector('#stopsim .report-page'),
      open: !!document.querySelector('#stopsim .report-actions a'),
    }));
    const stopsim = dataset.entities.find((e) => e.id === 'stopsim')!;
    expect(form).toEqual({
      heading: 'Report a problem with this entry',
      options: stopsim.facts.length + 1,
      page: false, // the glossary has no page of the reader's to include
      open: false, // this build names no destination
    });
    await page.evaluate(() => {
      const select = document.getElementById('report-stopsim-what') as HTMLSelectElement;
      select.value = '0';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      document.getElementById('report-stopsim-words')!.focus();
    });
    await page.type('The date is wrong.');
    await clickOn(page, '#stopsim .report-actions button[type="submit"]');
    await page.waitFor(
      () =>
        document.querySelector('#stopsim .report-status')?.textContent ===
        'The report is copied to the clipboard.',
    );
    const text = await page.evaluate(
      () => document.querySelector('#stopsim .report-text')!.textContent!,
    );
    expect(text).toBe(
      [
        `Entry: ${stopsim.name} (stopsim)`,
        `Fact 1 (facts[0]): ${stopsim.facts[0]!.text.replace(/\s+/g, ' ')}`,
        `Dataset: ${dataset.meta.version} (${text.match(/\(([0-9a-f]{12})\)/)![1]})`,
        '',
        'What is wrong:',
        'The date is wrong.',
      ].join('\n'),
    );
    expect(await paste(page)).toBe(text);
    expect(page.errors).toEqual([]);
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
    // A title in [brackets] in the data is shown as a description: no brackets anywhere, but
    // those inside a real title, the publisher's own ("Mental Health Bill [ Lords ]").
    expect(dataset.sources.some((s) => /^\[.*\]$/.test(s.title))).toBe(true);
    const own = dataset.sources
      .map((s) => s.title)
      .filter((t) => !/^\[.*\]$/.test(t) && /\[[^\]]*\]/.test(t));
    for (const s of shown)
      expect(own.reduce((text, t) => text.replace(t, ''), s.text)).not.toMatch(/\[[^\]]*\]/);
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
