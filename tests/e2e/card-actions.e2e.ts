/**
 * What the reader can do from a card, in both browsers: swap to a related entry and back, copy
 * with citations (plain text and Markdown, read back by pasting), hide the term on this site
 * (marks go without a reload), open the full entry in the glossary, and follow sources (https
 * only, new tab, no opener or referrer). Expected texts come from the live dataset, not copies.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { BROWSERS } from './harness/browsers.ts';
import { highlighted, poll, useBrowser } from './harness/fixture.ts';
import { NEWS_HOST } from './harness/server.ts';
import {
  cardState,
  clickControl,
  control,
  hoverOpen,
  mark,
  paste,
  readSettings,
  tabUrls,
  waitForCard,
  waitForNoCard,
  useCardArticle,
} from './card-support.ts';

const dataset = loadDataset();
const byId = new Map(dataset.entities.map((e) => [e.id, e]));
const stopsim = byId.get('stopsim')!;

describe.each(BROWSERS)('%s: card actions', (name) => {
  const e2e = useBrowser(name);
  const article = useCardArticle(e2e);

  const openStopsim = async () => {
    const page = await article.open();
    const m = await mark(page, 'StopSIM');
    const s = await hoverOpen(e2e, page, article.url, m, 'stopsim');
    return { page, s };
  };

  it('a related entry swaps the card in place; Back returns', async () => {
    const { page } = await openStopsim();
    const related = (stopsim.related ?? []).map((r) => byId.get(r.id)!).filter(Boolean);
    expect(related.length).toBeGreaterThan(0);
    const target = related[0]!;
    await clickControl(
      e2e,
      page,
      article.url,
      new RegExp(`^${target.name.replace(/[()]/g, '\\$&')}$`),
    );
    let now = await waitForCard(e2e, article.url, target.id);
    expect(now.rootEntityId).toBe('stopsim');
    expect(now.text).toContain(target.summary.slice(0, 40));
    expect(now.announcement).toContain(target.name);
    await clickControl(e2e, page, article.url, /^Back to /);
    now = await waitForCard(e2e, article.url, 'stopsim');
    expect(now.controls.some((c) => /^Back to /.test(c.name))).toBe(false);
    expect(page.errors).toEqual([]);
  });

  it('copies the entry with numbered citations, as plain text and as Markdown', async () => {
    const { page } = await openStopsim();
    await clickControl(e2e, page, article.url, /^Copy with citations$/);
    await poll(
      () => cardState(e2e, article.url),
      (v) => !!v?.text.includes('Copied to the clipboard.'),
    );
    const text = await paste(page);
    const firstSource = dataset.sources.find((x) => x.id === stopsim.facts[0]!.sources[0])!;
    expect(text.split('\n')[0]).toBe(`${stopsim.name} (Campaign)`);
    expect(text).toContain(stopsim.summary);
    expect(text).toContain(`${stopsim.facts[0]!.text} [1]`);
    expect(text).toContain(`[1] ${firstSource.publisher}, “${firstSource.title}”`);
    if (firstSource.url) expect(text).toContain(firstSource.url);
    expect(text).toContain(`dataset ${dataset.meta.version}`);

    await clickControl(e2e, page, article.url, /^Copy as Markdown$/);
    await poll(
      () => cardState(e2e, article.url),
      (v) => !!v?.text.includes('Copied to the clipboard.'),
    );
    const md = await paste(page);
    expect(md.split('\n')[0]).toBe(`**${stopsim.name}** (Campaign)`);
    expect(md).toMatch(/\[1\] \*\(/);
    if (firstSource.url) expect(md).toContain(`](${firstSource.url})`);
    expect(page.errors).toEqual([]);
  });

  it('"Hide this term on this site" removes its marks at once and remembers the site', async () => {
    const { page } = await openStopsim();
    expect((await highlighted(page)).map((m) => m.text)).toContain('StopSIM');
    await clickControl(e2e, page, article.url, /^Hide this term on this site$/);
    await waitForNoCard(e2e, article.url);
    const marks = await poll(
      () => highlighted(page),
      (m) => !m.some((x) => x.text === 'StopSIM'),
    );
    expect(marks.map((m) => m.text)).not.toContain('StopSIM');
    expect(marks.map((m) => m.text)).toContain('NHS England'); // the others stay
    expect((await readSettings(article.ext)).hidden).toEqual({ [NEWS_HOST]: ['stopsim'] });
  });

  it('"Open full entry" opens the glossary at the entry in a new tab', async () => {
    const { page } = await openStopsim();
    await clickControl(e2e, page, article.url, /^Open full entry$/);
    const urls = await poll(
      () => tabUrls(article.ext),
      (u) => u.some((x) => x.endsWith('src/glossary/index.html#stopsim')),
    );
    expect(urls.filter((x) => x.endsWith('src/glossary/index.html#stopsim'))).toHaveLength(1);
  });

  it('made no request of its own: every request the server saw was for a test page', () => {
    const paths = e2e.server.log.map((l) => new URL(l.split(' ')[1]!).pathname);
    expect(paths.filter((p) => !p.startsWith('/fixtures/') && p !== '/favicon.ico')).toEqual([]);
    // Firefox itself asks for its remote settings (CONNECT *.mozilla.com); those are the
    // browser's, refused by the server, and not ours.
    const ours = e2e.server.blocked.filter((b) => !/\.mozilla\.(com|net|org)\b/.test(b));
    expect(ours).toEqual([]);
  });

  it('lists sources with https links that open in a new tab without opener or referrer', async () => {
    const { page, s } = await openStopsim();
    const summary = control(s, /^Sources \(\d+\)$/);
    expect(summary.expanded).toBe(false);
    await clickControl(e2e, page, article.url, /^Sources \(\d+\)$/);
    const open = await poll(
      () => cardState(e2e, article.url),
      (v) => !!v?.controls.some((c) => c.role === 'link'),
    );
    const links = open!.controls.filter((c) => c.role === 'link');
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(l.href).toMatch(/^https:\/\//);
      expect(l.target).toBe('_blank');
      expect(l.rel).toBe('noopener noreferrer');
    }
  });
});
