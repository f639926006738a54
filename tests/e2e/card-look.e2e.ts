/**
 * Themes and motion, in both browsers: "auto" follows `prefers-color-scheme`, the light and dark
 * settings override it, and `prefers-reduced-motion: reduce` turns the opening animation off. The
 * system preferences are set at launch (Chromium: context options; Firefox: prefs), so each
 * browser runs two sessions. Colours are checked on the screenshot, not only in the card's state.
 *
 * With CC_UPDATE_DOCS=1 the screenshots shown in the README are written to docs/ (light from the
 * first session, dark from the second); otherwise they go to the temporary shots folder. Chromium
 * also shoots the largest card (SIM) in its two layers, default view and More, at 1280 × 800 and
 * 390 × 844: `docs/card-{default,more}-{1280x800,390x844}-{light,dark}.png`; and with "Since this
 * article" (an article of 15 June 2021): `docs/card-since-{1280x800,390x844}-{light,dark}.png`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSERS } from './harness/browsers.ts';
import { useBrowser, waitForMarks, type E2E } from './harness/fixture.ts';
import { REPO } from './harness/server.ts';
import {
  cardState,
  clickControl,
  crop,
  hoverOpen,
  luminance,
  mark,
  screenshot,
  setSettings,
  SHOTS,
  SIM_ARTICLE,
  sleep,
  useCardArticle,
  writePng,
} from './card-support.ts';
import type { CardState } from '../../src/shared/card-bridge.ts';

const UPDATE_DOCS = process.env.CC_UPDATE_DOCS === '1';

/** The band of plain card background above the title, inside the border and rounded corners. */
const background = (s: CardState) => ({
  x: s.rect.x + 20,
  y: s.rect.y + 3,
  width: s.rect.width - 40,
  height: 6,
});

/** The largest card's page again, as an article of 15 June 2021 (JSON-LD). */
const SINCE_ARTICLE = '/fixtures/card/since.html';

/** The card tests' article (`useCardArticle`), and `open(shot)`: hovers StopSIM on a fresh tab
 * and returns the card's state with a screenshot. */
function setup(e2e: E2E) {
  const article = useCardArticle(e2e);
  const open = async (shot: string) => {
    const page = await article.open();
    const m = await mark(page, 'StopSIM');
    const s = await hoverOpen(e2e, page, article.url, m, 'stopsim');
    const png = await screenshot(page, shot);
    return { page, s, png, m };
  };
  return { article, open };
}

/** The card with some of the page around it, for the README. */
const docsRegion = (s: CardState, m: { rects: { left: number; top: number }[] }) => ({
  x: Math.max(0, Math.min(s.rect.x, m.rects[0]!.left) - 140),
  y: Math.max(0, m.rects[0]!.top - 70),
  width: s.rect.width + 280,
  height: s.rect.y + s.rect.height - m.rects[0]!.top + 100,
});

/** Where a screenshot goes: docs/ when updating the README's, else the temporary shots folder. */
const shotFile = (file: string) => (UPDATE_DOCS ? join(REPO, 'docs', file) : join(SHOTS, file));

/**
 * The largest card in its two layers at a desktop and a phone size: the default view, then More
 * open (scrolled to what it adds). Phones get the whole window; desktops the card and its line.
 */
function layeredShots(e2e: E2E, article: ReturnType<typeof useCardArticle>, theme: string) {
  for (const [w, h] of [
    [1280, 800],
    [390, 844],
  ] as const)
    it(`the largest card, default view and More, at ${w} × ${h} (${theme})`, async () => {
      const page = (article.page = await e2e.session.newPage());
      await page.setViewport(w, h);
      const url = e2e.server.url(SIM_ARTICLE);
      await page.goto(url);
      await waitForMarks(page, 3);
      const m = await mark(page, 'Serenity Integrated Mentoring');
      const s = await hoverOpen(e2e, page, url, m, 'sim');
      expect(s.theme).toBe(theme);
      if (w > 1000) expect(s.scrolls).toBe(false); // the phone's may scroll below the key facts
      const region = (c: CardState) =>
        w < 600
          ? { x: 0, y: 0, width: w, height: h }
          : { ...docsRegion(c, m), height: Math.min(h, c.rect.y + c.rect.height + 40) };
      writePng(
        crop(await screenshot(page, `sim-${w}-${theme}`), region(s)),
        shotFile(`card-default-${w}x${h}-${theme}.png`),
      );
      await clickControl(e2e, page, url, /^Keep this card open$/);
      await clickControl(e2e, page, url, /^More/);
      await sleep(300);
      const more = (await cardState(e2e, url))!;
      expect(more.controls.find((c) => /^More/.test(c.name))!.expanded).toBe(true);
      writePng(
        crop(await screenshot(page, `sim-${w}-${theme}-more`), region(more)),
        shotFile(`card-more-${w}x${h}-${theme}.png`),
      );
    });
}

/**
 * The largest card on an article of 15 June 2021 (`tests/fixtures/card/since.html`): "Since this
 * article" in its default view, at a desktop and a phone size.
 */
function sinceShots(e2e: E2E, article: ReturnType<typeof useCardArticle>, theme: string) {
  for (const [w, h] of [
    [1280, 800],
    [390, 844],
  ] as const)
    it(`the largest card with "Since this article", at ${w} × ${h} (${theme})`, async () => {
      const page = (article.page = await e2e.session.newPage());
      await page.setViewport(w, h);
      const url = e2e.server.url(SINCE_ARTICLE);
      await page.goto(url);
      await waitForMarks(page, 3);
      const m = await mark(page, 'Serenity Integrated Mentoring');
      const s = await hoverOpen(e2e, page, url, m, 'sim');
      expect(s.theme).toBe(theme);
      expect(s.text).toMatch(/This article is from (15 June 2021|June 15, 2021)\. Since then:/);
      if (w > 1000) expect(s.scrolls).toBe(false);
      const region =
        w < 600
          ? { x: 0, y: 0, width: w, height: h }
          : { ...docsRegion(s, m), height: Math.min(h, s.rect.y + s.rect.height + 40) };
      writePng(
        crop(await screenshot(page, `since-${w}-${theme}`), region),
        shotFile(`card-since-${w}x${h}-${theme}.png`),
      );
    });
}

for (const name of BROWSERS) {
  describe(`${name}: card look (light system, motion allowed)`, () => {
    const e2e = useBrowser(name);
    const { article, open } = setup(e2e);

    it('"auto" follows a light system: a light card that fades in', async () => {
      const { s, png, m } = await open(`${name}-auto-light`);
      expect(s.theme).toBe('light');
      expect(s.animated).toBe(true);
      expect(luminance(png, background(s))).toBeGreaterThan(235);
      const region = docsRegion(s, m);
      writePng(
        crop(png, region),
        UPDATE_DOCS
          ? join(REPO, `docs/card-light-${name}.png`)
          : join(SHOTS, `docs-light-${name}.png`),
      );
    });

    if (name === 'chromium') layeredShots(e2e, article, 'light');
    if (name === 'chromium') sinceShots(e2e, article, 'light');

    it('shows a state of affairs "as of" the date of its newest source', async () => {
      const page = (article.page = await e2e.session.newPage());
      const url = e2e.server.url('/fixtures/card/as-of.html');
      await page.goto(url);
      await waitForMarks(page, 2);
      const m = await mark(page, 'section 136 of the Mental Health Act');
      const s = await hoverOpen(e2e, page, url, m, 'section-136');
      expect(s.text).toMatch(/as of (21 October 2025|October 21, 2025)/);
      writePng(
        crop(await screenshot(page, `${name}-as-of`), {
          ...docsRegion(s, m),
          height: Math.min(800, s.rect.y + s.rect.height + 40),
        }),
        shotFile(`card-as-of-${name}.png`),
      );
    });

    it('the dark setting gives a dark card on a light system', async () => {
      await setSettings(article.ext, { card: { theme: 'dark' } });
      const { s, png } = await open(`${name}-dark-setting`);
      expect(s.theme).toBe('dark');
      expect(luminance(png, background(s))).toBeLessThan(50);
    });
  });

  describe(`${name}: card look (dark system, reduced motion)`, () => {
    const e2e = useBrowser(name, { media: { colorScheme: 'dark', reducedMotion: 'reduce' } });
    const { article, open } = setup(e2e);

    it('"auto" follows a dark system; reduced motion turns the animation off', async () => {
      const { s, png, m } = await open(`${name}-auto-dark`);
      expect(s.theme).toBe('dark');
      expect(s.animated).toBe(false);
      expect(luminance(png, background(s))).toBeLessThan(50);
      const region = docsRegion(s, m);
      writePng(
        crop(png, region),
        UPDATE_DOCS
          ? join(REPO, `docs/card-dark-${name}.png`)
          : join(SHOTS, `docs-dark-${name}.png`),
      );
    });

    if (name === 'chromium') layeredShots(e2e, article, 'dark');
    if (name === 'chromium') sinceShots(e2e, article, 'dark');

    it('the light setting gives a light card on a dark system', async () => {
      await setSettings(article.ext, { card: { theme: 'light' } });
      const { s, png } = await open(`${name}-light-setting`);
      expect(s.theme).toBe('light');
      expect(luminance(png, background(s))).toBeGreaterThan(235);
    });
  });
}
