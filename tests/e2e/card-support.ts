/**
 * Helpers for the card's e2e tests: settings and tabs through an extension page, opening a card by
 * hovering a mark, clicking a card control by name (the way a reader would, at its box), reading
 * the clipboard by pasting, and comparing screenshots with a tolerance.
 *
 * Tests never open the card's closed shadow root: what the card shows comes from the typed
 * `tab/card-state` message (`ExtensionBridge.cardState`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeAll } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import type { CardControl, CardState } from '../../src/shared/card-bridge.ts';
import type { Session, TestPage } from './harness/browsers.ts';
import type { TestServer } from './harness/server.ts';
import type { E2E } from './harness/fixture.ts';
import { poll, waitForMarks } from './harness/fixture.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const SHOTS = join(tmpdir(), 'cc-card-shots');
mkdirSync(SHOTS, { recursive: true });

/** Answers Chromium's favicon request, whose 404 would otherwise show up as a console error. */
export function quietFavicon(server: TestServer): void {
  server.route((_req, res, url) => {
    if (url.pathname !== '/favicon.ico') return false;
    res.writeHead(204).end();
    return true;
  });
}

/** The card tests' article (three marked terms, among them StopSIM). */
export const CARD_ARTICLE = '/fixtures/card/article.html';

/**
 * The card tests' set-up, registered in the calling `describe`: an extension page for settings
 * (`ext`), the article's URL, and `open()` for a fresh tab on it with its marks; after each test
 * the tab is closed and the settings cleared.
 */
export function useCardArticle(e2e: E2E) {
  const article = {
    ext: undefined as unknown as TestPage,
    url: '',
    page: undefined as TestPage | undefined,
    async open(): Promise<TestPage> {
      const page = (article.page = await e2e.session.newPage());
      await page.goto(article.url);
      await waitForMarks(page, 3);
      return page;
    },
  };
  beforeAll(async () => {
    article.ext = await extensionPage(e2e.session);
    article.url = e2e.server.url(CARD_ARTICLE);
    quietFavicon(e2e.server);
  });
  afterEach(async () => {
    await article.page?.close();
    article.page = undefined;
    await clearSettings(article.ext);
  });
  return article;
}

/** An extension page to use `browser.*` from (settings, tabs, scripting). */
export async function extensionPage(session: Session): Promise<TestPage> {
  const page = await session.newPage();
  await page.goto(session.extensionUrl('src/glossary/index.html'));
  return page;
}

type Api = { browser?: Browser; chrome: Browser };

export function setSettings(ext: TestPage, patch: Record<string, unknown>): Promise<void> {
  return ext.evaluate(async (p) => {
    const g = globalThis as unknown as Api;
    await (g.browser ?? g.chrome).storage.sync.set(p);
  }, patch);
}

export function readSettings(ext: TestPage): Promise<Record<string, unknown>> {
  return ext.evaluate(async () => {
    const g = globalThis as unknown as Api;
    return (await (g.browser ?? g.chrome).storage.sync.get(null)) as Record<string, unknown>;
  });
}

export function clearSettings(ext: TestPage): Promise<void> {
  return ext.evaluate(async () => {
    const g = globalThis as unknown as Api;
    await (g.browser ?? g.chrome).storage.sync.clear();
  });
}

export function tabUrls(ext: TestPage): Promise<string[]> {
  return ext.evaluate(async () => {
    const g = globalThis as unknown as Api;
    return (await (g.browser ?? g.chrome).tabs.query({})).map((t) => t.url ?? '');
  });
}

export interface Mark {
  text: string;
  /** Centre of the first line. */
  x: number;
  y: number;
  /** Every line box of the mention. */
  rects: { left: number; top: number; right: number; bottom: number }[];
}

/** Our marked ranges in document order, with their line boxes (read in the page's world). */
export function marks(page: TestPage): Promise<Mark[]> {
  return page.evaluate(() =>
    [...CSS.highlights.entries()]
      .filter(([name]) => name.startsWith('context-cards-') && name !== 'context-cards-active')
      .flatMap(([, h]) => [...h])
      .map((r) => {
        const range = new Range();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range;
      })
      .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
      .map((range) => {
        const rects = [...range.getClientRects()]
          .filter((b) => b.width > 0)
          .map((b) => ({ left: b.left, top: b.top, right: b.right, bottom: b.bottom }));
        const b = rects[0]!;
        return {
          text: range.toString().replace(/\s+/g, ' '),
          x: (b.left + b.right) / 2,
          y: (b.top + b.bottom) / 2,
          rects,
        };
      }),
  );
}

export async function mark(page: TestPage, text: string, nth = 0): Promise<Mark> {
  const found = (await marks(page)).filter((m) => m.text === text)[nth];
  if (!found) throw new Error(`no mark "${text}" (#${nth})`);
  return found;
}

export function cardState(e2e: E2E, url: string) {
  return e2e.bridge.cardState(url);
}

/** Waits for the card to show `entityId` (or any card) and be placed. */
export async function waitForCard(
  e2e: E2E,
  url: string,
  entityId?: string,
  timeoutMs = 8000,
): Promise<CardState> {
  const s = await poll(
    () => e2e.bridge.cardState(url),
    (v) => v !== null && (!entityId || v.entityId === entityId) && v.rect.y > 0,
    timeoutMs,
  );
  if (!s || (entityId && s.entityId !== entityId))
    throw new Error(
      `card for ${entityId ?? 'any'} did not open: ${JSON.stringify(s)?.slice(0, 300)}`,
    );
  await sleep(200); // the 140 ms opening animation, so screenshots and boxes are final
  return (await e2e.bridge.cardState(url))!;
}

export async function waitForNoCard(e2e: E2E, url: string, timeoutMs = 8000): Promise<void> {
  const s = await poll(
    () => e2e.bridge.cardState(url),
    (v) => v === null,
    timeoutMs,
  );
  if (s !== null) throw new Error(`card still open: ${s.entityId}`);
}

export async function hoverOpen(e2e: E2E, page: TestPage, url: string, m: Mark, entityId?: string) {
  await page.hover(m.x, m.y);
  return waitForCard(e2e, url, entityId);
}

export function control(state: CardState, name: RegExp): CardControl {
  const c = state.controls.find((x) => name.test(x.name));
  if (!c) throw new Error(`no control ${name} in ${state.controls.map((x) => x.name).join(' | ')}`);
  return c;
}

/**
 * Clicks a card control at its box, the way a reader would. A control scrolled out of the card's
 * body is first brought into view by turning the wheel over the card.
 */
export async function clickControl(
  e2e: E2E,
  page: TestPage,
  url: string,
  name: RegExp,
): Promise<void> {
  const read = async () => {
    const s = await e2e.bridge.cardState(url);
    if (!s) throw new Error(`no card open to click ${name} in`);
    return s;
  };
  let s = await read();
  let c = control(s, name);
  // As far as the body scrolls (More open on a large card is over 3,000 px): until the control
  // is in view, or a turn of the wheel no longer moves it.
  for (let i = 0; i < 60 && !c.inView; i++) {
    const down = c.rect.y > s.rect.y;
    const before = c.rect.y;
    await page.wheel(s.rect.x + s.rect.width / 2, s.rect.y + s.rect.height / 2, down ? 120 : -120);
    await sleep(150);
    s = await read();
    c = control(s, name);
    if (c.rect.y === before) break;
  }
  if (!c.inView) throw new Error(`control ${name} is not in view`);
  await page.click(c.rect.x + c.rect.width / 2, c.rect.y + c.rect.height / 2);
}

/** What the clipboard holds, read the way a reader would: pasting into a text field of the page. */
export async function paste(page: TestPage): Promise<string> {
  await page.evaluate(() => {
    const t = document.createElement('textarea');
    t.id = 'cc-test-paste';
    t.style.cssText = 'position: fixed; right: 0; bottom: 0; width: 40px; height: 20px';
    document.body.append(t);
    t.focus({ preventScroll: true });
  });
  await page.press('Control+V');
  await sleep(200);
  return page.evaluate(() => {
    const t = document.getElementById('cc-test-paste') as HTMLTextAreaElement;
    const v = t.value;
    t.remove();
    return v;
  });
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function screenshot(page: TestPage, name: string): Promise<PNG> {
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot(file);
  return PNG.sync.read(readFileSync(file));
}

export function crop(png: PNG, box: Box): PNG {
  const x = Math.max(0, Math.round(box.x));
  const y = Math.max(0, Math.round(box.y));
  const width = Math.min(png.width - x, Math.round(box.width));
  const height = Math.min(png.height - y, Math.round(box.height));
  const out = new PNG({ width, height });
  PNG.bitblt(png, out, x, y, width, height, 0, 0);
  return out;
}

export function writePng(png: PNG, file: string): void {
  writeFileSync(file, PNG.sync.write(png));
}

/**
 * Share of pixels that differ by more than `threshold` in any channel, over the area both images
 * cover (top-left aligned).
 */
export function diffRatio(a: PNG, b: PNG, threshold = 40): number {
  const w = Math.min(a.width, b.width);
  const h = Math.min(a.height, b.height);
  let differ = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * a.width + x) * 4;
      const j = (y * b.width + x) * 4;
      for (let c = 0; c < 3; c++)
        if (Math.abs(a.data[i + c]! - b.data[j + c]!) > threshold) {
          differ++;
          break;
        }
    }
  return differ / (w * h);
}

/** Mean luminance (0–255) of a box of an image. */
export function luminance(png: PNG, box: Box): number {
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

export function intersects(
  a: Box,
  b: { left: number; top: number; right: number; bottom: number },
): boolean {
  return a.x < b.right && a.x + a.width > b.left && a.y < b.bottom && a.y + a.height > b.top;
}

export function insideViewport(box: Box, width: number, height: number, slack = 0.5): boolean {
  return (
    box.x >= -slack &&
    box.y >= -slack &&
    box.x + box.width <= width + slack &&
    box.y + box.height <= height + slack
  );
}

/** The card tests' page with the largest card (SIM) near the top, and two other terms. */
export const SIM_ARTICLE = '/fixtures/card/sim.html';

/**
 * Whether the card UI is loaded in the tab at `url` (registered in the extension's world), and
 * whether the page holds any element of ours: read through `scripting.executeScript`, which runs
 * in the same isolated world as the content script.
 */
export function cardLoaded(
  ext: TestPage,
  url: string,
): Promise<{ loaded: boolean; host: boolean }> {
  return ext.evaluate(async (u) => {
    const g = globalThis as unknown as Api;
    const api = g.browser ?? g.chrome;
    const tab = (await api.tabs.query({})).find((t) => t.url?.startsWith(u));
    if (!tab?.id) throw new Error(`no tab at ${u}`);
    const [out] = await api.scripting.executeScript({
      target: { tabId: tab.id, frameIds: [0] },
      func: () => ({
        loaded: !!(globalThis as Record<symbol, unknown>)[Symbol.for('context-cards.card')],
        host: !!document.querySelector('context-cards-card'),
      }),
    });
    return out!.result as { loaded: boolean; host: boolean };
  }, url);
}
