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
import { describe, expect, it } from 'vitest';
import { BROWSERS } from './harness/browsers.ts';
import { useBrowser, type E2E } from './harness/fixture.ts';
import { REPO } from './harness/server.ts';
import {
  crop,
  hoverOpen,
  luminance,
  mark,
  screenshot,
  setSettings,
  SHOTS,
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

    it('the light setting gives a light card on a dark system', async () => {
      await setSettings(article.ext, { card: { theme: 'light' } });
      const { s, png } = await open(`${name}-light-setting`);
      expect(s.theme).toBe('light');
      expect(luminance(png, background(s))).toBeGreaterThan(235);
    });
  });
}
