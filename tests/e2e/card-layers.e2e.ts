/**
 * The card in layers, in both browsers, with the built extension and the live dataset: the
 * largest card's default view (fits unscrolled at 1280 × 800; at 390 × 844 its summary and key
 * facts are in view), More expanding in place, the keyboard order, the evidence legend from the
 * keyboard, the copy lengths ("Copy" a paragraph or two, "Copy full entry" everything), the support
 * line only where the dataset flags it, and the card UI preloaded in idle time on a page with
 * marks but never on a page without (and no element of ours before first use).
 */
import '../support/card-i18n.ts';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { BROWSERS, type TestPage } from './harness/browsers.ts';
import { poll, useBrowser, waitForMarks } from './harness/fixture.ts';
import {
  cardLoaded,
  cardState,
  clickControl,
  control,
  hoverOpen,
  mark,
  paste,
  sleep,
  SIM_ARTICLE,
  useCardArticle,
  waitForCard,
} from './card-support.ts';

const { layersOf } = await import('../../src/card/view.ts');
const dataset = loadDataset();
const byId = new Map(dataset.entities.map((e) => [e.id, e]));
const sim = byId.get('sim')!;
const simKey = layersOf(sim).key;

describe.each(BROWSERS)('%s: the card in layers', (name) => {
  const e2e = useBrowser(name);
  const article = useCardArticle(e2e);

  const openSim = async (width = 1280, height = 800) => {
    const page = (article.page = await e2e.session.newPage());
    await page.setViewport(width, height);
    const url = e2e.server.url(SIM_ARTICLE);
    await page.goto(url);
    await waitForMarks(page, 3);
    const s = await hoverOpen(
      e2e,
      page,
      url,
      await mark(page, 'Serenity Integrated Mentoring'),
      'sim',
    );
    return { page, url, s };
  };
  const copied = async (page: TestPage, url: string, name: RegExp) => {
    await clickControl(e2e, page, url, name);
    await poll(
      () => cardState(e2e, url),
      (v) => !!v?.text.includes('Copied to the clipboard.'),
    );
    return paste(page);
  };

  it('1280 × 800: the largest card opens on its default view, unscrolled; More expands in place', async () => {
    const { page, url, s } = await openSim();
    expect(s.scrolls).toBe(false);
    expect(s.rect.height).toBeLessThanOrEqual(600);
    expect(s.text).toContain(sim.summary);
    for (const f of simKey) expect(s.text).toContain(f.text);
    expect(s.text).not.toMatch(/timeline \(/i);
    const sources = control(s, /^Sources \(\d+\)$/);
    const more = control(s, /^More/);
    expect(more.expanded).toBe(false);
    await clickControl(e2e, page, url, /^More/);
    const open = (await poll(
      () => cardState(e2e, url),
      (v) => !!v?.controls.some((c) => /^More/.test(c.name) && c.expanded),
    ))!;
    expect(open.entityId).toBe('sim');
    expect(open.text).toMatch(new RegExp(`timeline \\(${sim.timeline!.length}\\)`, 'i'));
    expect(open.text).toMatch(/about this entry/i);
    expect(open.text).toContain(dataset.meta.version);
    for (const f of sim.facts) expect(open.text).toContain(f.text);
    // Sources listed are those of what is shown: more now.
    const all = control(open, /^Sources \(\d+\)$/);
    expect(Number(/\d+/.exec(all.name)![0])).toBeGreaterThan(Number(/\d+/.exec(sources.name)![0]));
    expect(page.errors).toEqual([]);
  });

  it('390 × 844: the summary and key facts are in view without scrolling the card', async () => {
    const { s } = await openSim(390, 844);
    expect(s.rect.width).toBeLessThanOrEqual(374 + 0.5);
    const chips = s.controls.filter((c) => c.name.startsWith('Source kind:'));
    expect(chips.length).toBe(simKey.length);
    for (const c of chips) expect(c.inView, c.name).toBe(true);
  });

  it('keyboard: header, key facts, More, sources and why, then the actions; the legend opens from a chip', async () => {
    const { page, url } = await openSim();
    await page.press('Alt+Shift+Period');
    await waitForCard(e2e, url, 'sim');
    await page.press('Enter');
    await page.waitFor(() => document.activeElement?.localName === 'context-cards-card');
    const order: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.press('Tab');
      const f = (await cardState(e2e, url))!.focused!;
      if (order.length > 0 && f === order[0]) break; // wrapped round
      order.push(f);
    }
    const at = (re: RegExp) => order.findIndex((n) => re.test(n));
    const steps = [
      /^Keep this card open$/,
      /^Close$/,
      /^Source 1:/,
      /^Source kind:/,
      /^More/,
      /^Sources \(\d+\)$/,
      /^Why highlighted$/,
      /^Copy$/,
      /^Open full entry$/,
      /^More actions$/,
    ].map(at);
    expect(
      steps.every((i) => i >= 0),
      order.join(' | '),
    ).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(order.at(-1)).toBe('More actions');

    // Back to the first chip, then Enter opens the legend; Escape closes it, not the card.
    for (let i = 0; i < 40; i++) {
      if ((await cardState(e2e, url))!.focused!.startsWith('Source kind:')) break;
      await page.press('Tab');
    }
    const chip = (await cardState(e2e, url))!.focused!;
    expect(chip).toMatch(/^Source kind: .+\. What the labels mean$/);
    await page.press('Enter');
    let s = (await poll(
      () => cardState(e2e, url),
      (v) => !!v?.text.includes('What the source labels mean'),
    ))!;
    expect(s.controls.find((c) => c.name === chip)!.expanded).toBe(true);
    expect(s.text).toContain('not how far to trust it');
    await page.press('Escape');
    s = (await poll(
      () => cardState(e2e, url),
      (v) => !v?.text.includes('What the source labels mean'),
    ))!;
    expect(s).not.toBeNull();
    expect(s.focused).toBe(chip);
  });

  it('copy lengths: "Copy" gives what is shown (a paragraph or two), "Copy full entry" everything', async () => {
    const { page, url } = await openSim();
    await clickControl(e2e, page, url, /^Keep this card open$/);
    const shown = await copied(page, url, /^Copy$/);
    expect(shown.split('\n')[0]).toBe(`${sim.name} (Programme)`);
    expect(shown).toContain(sim.summary);
    for (const f of simKey) expect(shown).toContain(f.text);
    expect(shown).not.toMatch(/^Timeline$/m);
    expect(shown.length).toBeLessThan(2500);

    await clickControl(e2e, page, url, /^More actions$/);
    const full = await copied(page, url, /^Copy full entry$/);
    for (const f of sim.facts) expect(full).toContain(f.text);
    for (const e of sim.timeline ?? []) expect(full).toContain(e.text);
    expect(full).toMatch(/^Timeline$/m);
    console.log(
      `[copy ${name}] SIM: Copy ${shown.length} characters (${shown.split('\n').length} lines), ` +
        `Copy full entry ${full.length} (${full.split('\n').length} lines)`,
    );

    await clickControl(e2e, page, url, /^More actions$/);
    const md = await copied(page, url, /^Copy full entry as Markdown$/);
    expect(md.split('\n')[0]).toBe(`**${sim.name}** (Programme)`);
    expect(md.length).toBeGreaterThan(shown.length * 4);
    expect(page.errors).toEqual([]);
  });

  it('shows the support line only on entries the dataset flags', async () => {
    const { page, url, s } = await openSim();
    expect(s.text.includes('Samaritans'), 'sim').toBe(!!sim.support);
    await page.hover(4, 790);
    await sleep(700);
    const other = await hoverOpen(e2e, page, url, await mark(page, 'StopSIM'), 'stopsim');
    expect(other.text.includes('Samaritans'), 'stopsim').toBe(!!byId.get('stopsim')!.support);
    const flagged = dataset.entities.filter((e) => e.support).map((e) => e.id);
    console.log(`[support ${name}] entries flagged: ${flagged.join(', ') || 'none yet'}`);
  });

  it('loads the card UI in idle time on a page with marks, never on a page without, and adds no element before use', async () => {
    const page = (article.page = await e2e.session.newPage());
    const url = e2e.server.url(SIM_ARTICLE);
    await page.goto(url);
    await waitForMarks(page, 3);
    const ready = await poll(
      () => cardLoaded(article.ext, url),
      (v) => v.loaded,
      6000,
    );
    expect(ready).toEqual({ loaded: true, host: false });

    const plain = await e2e.session.newPage();
    const plainUrl = e2e.server.url('/fixtures/card/no-marks.html');
    await plain.goto(plainUrl);
    await sleep(2500); // past the idle callback's 1 s timeout
    expect(await cardLoaded(article.ext, plainUrl)).toEqual({ loaded: false, host: false });
    await plain.close();
  });
});
