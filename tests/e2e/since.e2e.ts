/**
 * "Since this article" and "Report a problem" end to end, in both browsers (issue 25):
 *
 * - the card on an article dated 15 June 2021 (JSON-LD) shows the article's date and what
 *   happened since, NHS England's 2023 position among it, and "N more" opens the glossary's
 *   timeline from that date in a new tab; the same article dated about a month ago (served with
 *   the date computed at run time) shows no such section, nor does a page without a date, nor
 *   the 2021 page after an SPA navigation to a newer article;
 * - the popup gives the date, where it was read and the developments since, and nothing on a page
 *   without a date;
 * - "Report a problem" on the card: the report copied (read back by pasting) names the entry and
 *   the fact, and the page's address only once it is ticked; this build names no destination, so
 *   there is nothing to open (the prefilled link is tested in tests/dom/report-form, and opened
 *   from a build with a destination in report-destination.e2e);
 * - the every-page content script stays at most 20 KB gzip and holds no date reader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { dayOf, isoOfDay } from '../../src/shared/partial-date.ts';
import { sinceArticle } from '../../src/shared/since.ts';
import {
  cardState,
  clickControl,
  control,
  hoverOpen,
  mark,
  paste,
  quietFavicon,
  sleep,
  waitForCard,
} from './card-support.ts';
import { BROWSERS, DIST } from './harness/browsers.ts';
import { poll, useBrowser, waitForMarks } from './harness/fixture.ts';
import { REPO } from './harness/server.ts';
import { ApiPage } from './pages-helpers.ts';

const dataset = loadDataset();
const SINCE = '/fixtures/card/since.html';
const RECENT = '/since/recent.html';
const UNDATED = '/fixtures/card/sim.html';
const FIXTURE = readFileSync(join(REPO, 'tests/fixtures/card', 'since.html'), 'utf8');
/** About a month before the run: the article is newer than every development in the dataset. */
const lastMonth = isoOfDay(dayOf(new Date()) - 30);

describe('the every-page content script', () => {
  it('stays within 20 KB gzip and leaves the date reader to the card chunk', () => {
    for (const dist of Object.values(DIST)) {
      const main = readFileSync(join(dist, 'src/page/main.iife.js'));
      const gzipKB = gzipSync(main, { level: 9 }).length / 1024;
      console.log(`${dist.split('/').pop()}: main.iife.js ${gzipKB.toFixed(1)} KB gzip`);
      expect(gzipKB).toBeLessThanOrEqual(20);
      for (const field of ['datePublished', 'article:published_time'])
        expect(main.toString('utf8')).not.toContain(field);
      const card = readFileSync(join(dist, 'src/card/main.iife.js'), 'utf8');
      expect(card).toContain('datePublished');
    }
  });
});

describe.each(BROWSERS)('%s: since this article', (name) => {
  const e2e = useBrowser(name);
  let api: ApiPage;
  beforeAll(async () => {
    api = await ApiPage.open(e2e.session);
    quietFavicon(e2e.server);
    // The same article, dated about a month before the run.
    e2e.server.route((_req, res, url) => {
      if (url.pathname !== RECENT) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(FIXTURE.replace('2021-06-15T07:30:00+01:00', `${lastMonth}T07:30:00+01:00`));
      return true;
    });
  });
  afterAll(() => api.reset());

  const openSim = async (path: string) => {
    const page = await e2e.session.newPage();
    const url = e2e.server.url(path);
    await page.goto(url);
    await waitForMarks(page, 3);
    const m = await mark(page, 'Serenity Integrated Mentoring');
    const s = await hoverOpen(e2e, page, url, m, 'sim');
    return { page, url, s };
  };

  const glossaryTabs = () =>
    api.run(async () =>
      (await chrome.tabs.query({})).map((t) => t.url ?? '').filter((u) => u.includes('glossary')),
    );

  it('an article of 15 June 2021: the date, what happened since (the 2023 position), "N more"', async () => {
    const { page, url, s } = await openSim(SINCE);
    const expected = sinceArticle(dataset, 'sim', '2021-06-15')!;
    // The date as the browser's language writes it ("15 June 2021", "June 15, 2021").
    expect(s.text).toMatch(/This article is from (15 June 2021|June 15, 2021)\. Since then:/);
    expect(s.text).toContain(
      "NHS England's position letter states that SIM or similar models must no longer be used.",
    );
    for (const e of expected.events) expect(s.text).toContain(e.text);
    // The largest card, with the section, fits unscrolled at the harness's window size.
    expect(s.scrolls).toBe(false);
    const more = control(s, /more developments since/);
    expect(more.name).toMatch(
      new RegExp(
        `^${expected.more} more developments since (15 June 2021|June 15, 2021), in the glossary's timeline`,
      ),
    );
    const before = await glossaryTabs();
    await clickControl(e2e, page, url, /more developments since/);
    const tabs = await poll(glossaryTabs, (t) => t.length > before.length);
    expect(tabs.filter((t) => !before.includes(t))).toEqual([
      e2e.session.extensionUrl('src/glossary/index.html#timeline?from=2021-06-15'),
    ]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('the same article dated last month, and a page with no date: no section', async () => {
    for (const path of [RECENT, UNDATED]) {
      const { page, url, s } = await openSim(path);
      expect(s.text, path).not.toContain('This article is from');
      expect(s.text, path).not.toContain('newer than this article');
      const dates = await e2e.bridge.call<{ published?: { date: string } }>(
        url,
        'tab/article-date',
      );
      expect(dates.published?.date, path).toBe(path === RECENT ? lastMonth : undefined);
      await page.close();
    }
  });

  it('an SPA navigation to a newer article forgets the old date', async () => {
    const { page, url } = await openSim(SINCE);
    // The app moves to another article without loading: a new address, new metadata, new text.
    await page.evaluate((date) => {
      history.pushState({}, '', '?story=2');
      document.querySelector('script[type="application/ld+json"]')!.textContent = JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        datePublished: `${date}T08:00:00Z`,
      });
      document.querySelector('h1')!.textContent = 'A newer story about the scheme';
    }, lastMonth);
    const moved = `${url}?story=2`;
    await poll(
      () => e2e.bridge.call<{ published?: { date: string } } | null>(moved, 'tab/article-date'),
      (d) => d?.published?.date === lastMonth,
    );
    await page.press('Escape');
    await page.hover(5, 5);
    await sleep(500);
    const m = await mark(page, 'Serenity Integrated Mentoring');
    const s = await hoverOpen(e2e, page, moved, m, 'sim');
    expect(s.text).not.toContain('This article is from');
    await page.close();
  });

  it('the popup: the date, where it came from, and the developments since', async () => {
    const openPopup = async (path: string) => {
      const page = await e2e.session.newPage();
      await page.goto(e2e.server.url(path));
      await waitForMarks(page, 3);
      await page.bringToFront();
      const tabId = await api.activeTabId();
      const popup = await e2e.session.newPage();
      await popup.goto(e2e.session.extensionUrl(`src/popup/index.html?tab=${tabId}`));
      await popup.waitFor(() => document.querySelectorAll('[data-found]').length > 0);
      return { page, popup };
    };
    const { page, popup } = await openPopup(SINCE);
    await popup.waitFor(() => !!document.querySelector('.since-here li'));
    const shown = await popup.evaluate(() => ({
      heading: document.querySelector('.since-here h2')!.textContent,
      date: document.querySelector('.since-date')!.textContent,
      source: document.querySelector('.since-date')!.getAttribute('data-source'),
      items: [...document.querySelectorAll('.since-here li')].map((li) => li.textContent!),
      more: document.querySelector('[data-action="since-more"]')?.textContent,
    }));
    expect(shown.heading).toBe('Since this article');
    expect(shown.date).toMatch(
      /^Published (15 June 2021|June 15, 2021), from the page's metadata \(structured data for search engines\)\.$/,
    );
    expect(shown.source).toBe('json-ld');
    expect(shown.items.length).toBeGreaterThan(0);
    expect(shown.items.length).toBeLessThanOrEqual(4);
    expect(new Set(shown.items).size).toBe(shown.items.length);
    expect(shown.items.join('\n')).toContain('must no longer be used');
    expect(shown.more).toMatch(/^\d+ more in the glossary's timeline$/);
    await popup.close();
    await page.close();

    // No date on the page: nothing about it.
    const undated = await openPopup(UNDATED);
    await sleep(800);
    expect(await undated.popup.evaluate(() => !!document.querySelector('.since-here'))).toBe(false);
    expect(undated.popup.errors).toEqual([]);
    await undated.popup.close();
    await undated.page.close();
  });

  it('"Report a problem" on the card: copy, with the page\'s address only once ticked', async () => {
    const { page, url } = await openSim(SINCE);
    await clickControl(e2e, page, url, /^Keep this card open$/);
    await clickControl(e2e, page, url, /^More actions$/);
    await poll(
      () => cardState(e2e, url),
      (v) => !!v?.controls.some((c) => c.name === 'Report a problem'),
    );
    await clickControl(e2e, page, url, /^Report a problem$/);
    let s = await poll(
      () => cardState(e2e, url),
      (v) => !!v?.report,
    );
    expect(s!.focused).toBe('What is wrong?');
    expect(s!.report!.text).toContain(
      `Entry: ${dataset.entities.find((e) => e.id === 'sim')!.name} (sim)`,
    );
    expect(s!.report!.text).toContain(`Dataset: ${dataset.meta.version} (`);
    expect(s!.report!.text).not.toContain('Page:');
    // This build names no destination: copy only.
    expect(s!.report!.url).toBeUndefined();
    expect(s!.controls.some((c) => c.name.startsWith('Open the report'))).toBe(false);
    // Choose the second fact with the keyboard, then write.
    await page.press('ArrowDown');
    await page.press('ArrowDown');
    await page.press('Tab');
    await page.type('The count is out of date.');
    s = await poll(
      () => cardState(e2e, url),
      (v) => !!v?.report?.text.includes('The count is out of date.'),
    );
    const sim = dataset.entities.find((e) => e.id === 'sim')!;
    expect(s!.report!.text).toContain(`Fact 2 (facts[1]): ${sim.facts[1]!.text.slice(0, 40)}`);
    const tick = control(s!, /^Include this page's address:/);
    expect(tick.role).toBe('checkbox');
    expect(tick.checked).toBe(false);
    await clickControl(e2e, page, url, /^Include this page's address:/);
    s = await poll(
      () => cardState(e2e, url),
      (v) => !!v?.report?.text.includes('Page: '),
    );
    expect(s!.report!.text).toContain(`Page: ${url}`);
    await clickControl(e2e, page, url, /^Copy the report$/);
    await poll(
      () => cardState(e2e, url),
      (v) => !!v?.text.includes('The report is copied to the clipboard.'),
    );
    const report = s!.report!.text;
    expect(await paste(page)).toBe(report);
    // Unticked again, the address goes.
    await clickControl(e2e, page, url, /^Include this page's address:/);
    s = await poll(
      () => cardState(e2e, url),
      (v) => !v?.report?.text.includes('Page: '),
    );
    expect(s!.report!.text).not.toContain(new URL(url).host);
    // Cancel returns to the card.
    await clickControl(e2e, page, url, /^Cancel$/);
    const back = await waitForCard(e2e, url, 'sim');
    expect(back.report).toBeUndefined();
    expect(back.text).toContain('This article is from ');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

declare const chrome: import('webextension-polyfill').Browser;
