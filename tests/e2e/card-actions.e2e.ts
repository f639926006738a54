/**
 * What the reader can do from a card, in both browsers: swap to a related entry (under More) and
 * back, copy what is shown with citations (plain text and Markdown, read back by pasting), hide
 * the term on this site (marks go without a reload) and undo it from the confirmation, open the
 * full entry in the glossary, and follow sources (https only, new tab, no opener or referrer).
 * Expected texts come from the live dataset, not copies.
 */
import '../support/card-i18n.ts';
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

const { layersOf } = await import('../../src/card/view.ts');
const { sourceLine } = await import('../../src/shared/source-names.ts');
const dataset = loadDataset();
const byId = new Map(dataset.entities.map((e) => [e.id, e]));
const stopsim = byId.get('stopsim')!;
/** The first fact the StopSIM card shows, whose first source is [1]. */
const firstShown = layersOf(stopsim).key[0]!;

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
    await clickControl(e2e, page, article.url, /^More/);
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

  it('copies what the card shows with numbered citations, as plain text and as Markdown', async () => {
    const { page } = await openStopsim();
    await clickControl(e2e, page, article.url, /^Copy$/);
    await poll(
      () => cardState(e2e, article.url),
      (v) => !!v?.text.includes('Copied to the clipboard.'),
    );
    const text = await paste(page);
    const firstSource = dataset.sources.find((x) => x.id === firstShown.sources[0])!;
    expect(text.split('\n')[0]).toBe(`${stopsim.name} (Campaign)`);
    expect(text).toContain(stopsim.summary);
    expect(text).toContain(`${firstShown.text} [1]`);
    expect(text).toContain(`[1] ${sourceLine(firstSource)}, `);
    if (firstSource.url) expect(text).toContain(firstSource.url);
    expect(text).toContain(`dataset ${dataset.meta.version}`);

    await clickControl(e2e, page, article.url, /^More actions$/);
    await clickControl(e2e, page, article.url, /^Copy as Markdown$/);
    await poll(
      () => cardState(e2e, article.url),
      (v) => !!v?.text.includes('Copied to the clipboard.') && !v.controls.some((c) => c.expanded),
    );
    const md = await paste(page);
    expect(md.split('\n')[0]).toBe(`**${stopsim.name}** (Campaign)`);
    // A fact cites its sources by number, then its kind and date: "[1][2] *(Campaign…)*".
    expect(md).toMatch(/\[1\](\[\d+\])* \*\(/);
    if (firstSource.url) expect(md).toContain(`](${firstSource.url})`);
    expect(page.errors).toEqual([]);
  });

  it('"Hide this term on this site" removes its marks at once; Undo in the confirmation brings them back', async () => {
    const { page } = await openStopsim();
    expect((await highlighted(page)).map((m) => m.text)).toContain('StopSIM');
    await clickControl(e2e, page, article.url, /^More actions$/);
    await clickControl(e2e, page, article.url, /^Hide this term on this site$/);
    const notice = await poll(
      () => cardState(e2e, article.url),
      (v) => !!v?.notice,
    );
    expect(notice!.text).toContain(`${stopsim.name} is no longer marked on ${NEWS_HOST}.`);
    expect(notice!.text).toContain('Hidden terms are listed in the popup and the options.');
    expect(notice!.announcement).toContain('the popup and the options list hidden terms');
    const marks = await poll(
      () => highlighted(page),
      (m) => !m.some((x) => x.text === 'StopSIM'),
    );
    expect(marks.map((m) => m.text)).not.toContain('StopSIM');
    expect(marks.map((m) => m.text)).toContain('NHS England'); // the others stay
    expect((await readSettings(article.ext)).hidden).toEqual({ [NEWS_HOST]: ['stopsim'] });

    await clickControl(e2e, page, article.url, /^Undo$/);
    const back = await poll(
      () => highlighted(page),
      (m) => m.some((x) => x.text === 'StopSIM'),
    );
    expect(back.map((m) => m.text)).toContain('StopSIM');
    expect((await readSettings(article.ext)).hidden).toEqual({});
    const after = (await cardState(e2e, article.url))!;
    expect(after.text).toContain(`${stopsim.name} is marked again on ${NEWS_HOST}.`);
    await clickControl(e2e, page, article.url, /^Dismiss$/);
    await waitForNoCard(e2e, article.url);
    expect(page.errors).toEqual([]);
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
