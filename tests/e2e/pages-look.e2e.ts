/**
 * The popup and the glossary as a reader sees them, in both browsers: light and dark (the theme
 * setting), at 1280×800 and at a 390×844 phone; the colours are checked on the screenshot.
 *
 * With CC_UPDATE_DOCS=1 the Chromium screenshots shown in the README are written to docs/
 * (`popup-<theme>-<width>.png`, `glossary-<theme>-<width>.png`; the desktop popup at most 600 px
 * tall, as browsers open it, and cropped to the popup itself); otherwise every screenshot goes to a
 * temporary folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { BROWSERS, type TestPage } from './harness/browsers.ts';
import { useBrowser, waitForMarks } from './harness/fixture.ts';
import { REPO } from './harness/server.ts';
import { ApiPage, sleep } from './pages-helpers.ts';

const UPDATE_DOCS = process.env.CC_UPDATE_DOCS === '1';
const SHOTS = join(tmpdir(), 'cc-pages-shots');
mkdirSync(SHOTS, { recursive: true });
const SIZES = [
  [1280, 800],
  [390, 844],
] as const;
type Box = { x: number; y: number; width: number; height: number };

function crop(png: PNG, box: Box): PNG {
  const x = Math.max(0, Math.round(box.x));
  const y = Math.max(0, Math.round(box.y));
  const width = Math.min(png.width - x, Math.round(box.width));
  const height = Math.min(png.height - y, Math.round(box.height));
  const out = new PNG({ width, height });
  PNG.bitblt(png, out, x, y, width, height, 0, 0);
  return out;
}

/** Mean luminance (0–255) of a box of the image. */
function luminance(png: PNG, box: Box): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.round(box.y); y < Math.round(box.y + box.height); y++)
    for (let x = Math.round(box.x); x < Math.round(box.x + box.width); x++) {
      const i = (y * png.width + x) * 4;
      sum += 0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]!;
      n++;
    }
  return sum / n;
}

describe.each(BROWSERS)('%s: popup and glossary look', (name) => {
  const e2e = useBrowser(name);
  let api: ApiPage;
  beforeAll(async () => {
    api = await ApiPage.open(e2e.session);
  });

  /** Screenshots the page; writes the README's copy (Chromium, CC_UPDATE_DOCS) cropped to `box`. */
  const shoot = async (page: TestPage, file: string, box?: Box) => {
    const tmp = join(SHOTS, `${name}-${file}`);
    await page.screenshot(tmp);
    const png = PNG.sync.read(readFileSync(tmp));
    const kept = box ? crop(png, box) : png;
    if (UPDATE_DOCS && name === 'chromium')
      writeFileSync(join(REPO, 'docs', file), PNG.sync.write(kept));
    return kept;
  };
  const themed = (page: TestPage, theme: string) =>
    page.waitFor((t) => document.documentElement.dataset.theme === t, theme);

  it('paints the popup and the glossary light and dark, on a desktop and on a phone', async () => {
    const article = await e2e.session.newPage();
    await article.goto(e2e.server.url('/demo/article.html'));
    await waitForMarks(article, 5);
    await article.bringToFront();
    const tabId = await api.activeTabId();
    for (const theme of ['light', 'dark'] as const) {
      await api.setSync({
        card: { ...DEFAULT_SETTINGS.card, theme },
        // One hidden term, so the popup shows its "Hidden on this site" list.
        hidden: { 'www.inews.co.uk': ['rcn'] },
      });
      for (const [width, height] of SIZES) {
        const popup = await e2e.session.newPage();
        // On a desktop the browser never makes a popup taller than 600 px, whatever the screen.
        await popup.setViewport(width, width > 400 ? Math.min(height, 600) : height);
        await popup.goto(e2e.session.extensionUrl(`src/popup/index.html?tab=${tabId}`));
        await popup.waitFor(() => document.querySelectorAll('[data-found]').length >= 5);
        await popup.waitFor(() => !!document.querySelector('[data-hidden="rcn"]'));
        await themed(popup, theme);
        await sleep(200);
        const body = await popup.evaluate(() => {
          const r = document.querySelector('main')!.getBoundingClientRect();
          return { x: 0, y: 0, width: r.right, height: r.bottom };
        });
        const png = await shoot(
          popup,
          `popup-${theme}-${width}.png`,
          width > 400 ? body : undefined,
        );
        const bg = luminance(png, { x: 4, y: 4, width: 6, height: 6 });
        expect({ theme, width, light: bg > 200 }).toEqual({
          theme,
          width,
          light: theme === 'light',
        });
        expect(popup.errors).toEqual([]);
        await popup.close();

        const glossary = await e2e.session.newPage();
        await glossary.setViewport(width, height);
        await glossary.goto(e2e.session.extensionUrl('src/glossary/index.html'));
        await glossary.waitFor(() => !!document.querySelector('#sources li[data-source]'));
        await themed(glossary, theme);
        await sleep(200);
        const g = await shoot(glossary, `glossary-${theme}-${width}.png`);
        const gbg = luminance(g, { x: 2, y: 2, width: 6, height: 6 });
        expect({ theme, width, light: gbg > 200 }).toEqual({
          theme,
          width,
          light: theme === 'light',
        });
        // Nothing is wider than the phone's screen.
        const overflow = await glossary.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        expect(glossary.errors).toEqual([]);
        await glossary.close();
      }
    }
    await article.close();
    await api.reset();
  });
});
