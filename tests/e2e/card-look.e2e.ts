/**
 * Themes and motion, in both browsers: "auto" follows `prefers-color-scheme`, the light and dark
 * settings override it, and `prefers-reduced-motion: reduce` turns the opening animation off. The
 * system preferences are set at launch (Chromium: context options; Firefox: prefs), so each
 * browser runs two sessions. Colours are checked on the screenshot, not only in the card's state.
 *
 * With CC_UPDATE_DOCS=1 the screenshots shown in the README are written to docs/ (light from the
 * first session, dark from the second); otherwise they go to the temporary shots folder.
 */
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type TestPage } from './harness/browsers.ts';
import { useBrowser, waitForMarks, type E2E } from './harness/fixture.ts';
import { REPO } from './harness/server.ts';
import {
  clearSettings,
  crop,
  extensionPage,
  hoverOpen,
  luminance,
  mark,
  quietFavicon,
  screenshot,
  setSettings,
  SHOTS,
  writePng,
} from './card-support.ts';
import type { CardState } from '../../src/shared/card-bridge.ts';

const ARTICLE = '/fixtures/card/article.html';
const UPDATE_DOCS = process.env.CC_UPDATE_DOCS === '1';

/** The band of plain card background above the title, inside the border and rounded corners. */
const background = (s: CardState) => ({
  x: s.rect.x + 20,
  y: s.rect.y + 3,
  width: s.rect.width - 40,
  height: 6,
});

function setup(e2e: E2E) {
  const ctx = {} as { ext: TestPage; page?: TestPage; url: string };
  beforeAll(async () => {
    ctx.ext = await extensionPage(e2e.session);
    ctx.url = e2e.server.url(ARTICLE);
    quietFavicon(e2e.server);
  });
  afterEach(async () => {
    await ctx.page?.close();
    ctx.page = undefined;
    await clearSettings(ctx.ext);
  });
  /** Opens the article, hovers StopSIM and returns the card with a screenshot. */
  const open = async (shot: string) => {
    const page = await e2e.session.newPage();
    ctx.page = page;
    await page.goto(ctx.url);
    await waitForMarks(page, 3);
    const m = await mark(page, 'StopSIM');
    const s = await hoverOpen(e2e, page, ctx.url, m, 'stopsim');
    const png = await screenshot(page, shot);
    return { page, s, png, m };
  };
  return { ctx, open };
}

/** The card with some of the page around it, for the README. */
const docsRegion = (s: CardState, m: { rects: { left: number; top: number }[] }) => ({
  x: Math.max(0, Math.min(s.rect.x, m.rects[0]!.left) - 140),
  y: Math.max(0, m.rects[0]!.top - 70),
  width: s.rect.width + 280,
  height: s.rect.y + s.rect.height - m.rects[0]!.top + 100,
});

for (const name of BROWSERS) {
  describe(`${name}: card look (light system, motion allowed)`, () => {
    const e2e = useBrowser(name);
    const { ctx, open } = setup(e2e);

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

    it('the dark setting gives a dark card on a light system', async () => {
      await setSettings(ctx.ext, { card: { theme: 'dark' } });
      const { s, png } = await open(`${name}-dark-setting`);
      expect(s.theme).toBe('dark');
      expect(luminance(png, background(s))).toBeLessThan(50);
    });
  });

  describe(`${name}: card look (dark system, reduced motion)`, () => {
    const e2e = useBrowser(name, { media: { colorScheme: 'dark', reducedMotion: 'reduce' } });
    const { ctx, open } = setup(e2e);

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

    it('the light setting gives a light card on a dark system', async () => {
      await setSettings(ctx.ext, { card: { theme: 'light' } });
      const { s, png } = await open(`${name}-light-setting`);
      expect(s.theme).toBe('light');
      expect(luminance(png, background(s))).toBeGreaterThan(235);
    });
  });
}
