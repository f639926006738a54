/**
 * Reliability (issue 7): frames, shadow DOM, single-page apps and the back/forward cache, in
 * Chromium and Firefox.
 *
 * Proves: mentions are found, and cards open, in the top document, a same-origin iframe, a
 * cross-origin iframe (a second listed news domain), a `srcdoc` iframe and an open shadow root
 * (whose marks must also *paint*: Chromium paints them through highlight inheritance, but in
 * Firefox the document's `::highlight()` rules do not reach into shadow trees); pushState navigations leave no stale marks and no duplicates; a back/forward-cache
 * restore keeps the marks right and does not start a second engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type Session, type TestPage } from './harness/browsers.ts';
import { countColour, screenshotPixels } from './harness/png.ts';
import {
  ExtensionPage,
  evaluateInFrame,
  readMarks,
  recordConsole,
  sleep,
  waitForMarkingIdle,
  type MarkInfo,
} from './harness/reliability.ts';
import { REPO, startServer, type TestServer } from './harness/server.ts';
import { poll } from './harness/fixture.ts';
import type { CardState } from '../../src/shared/card-bridge.ts';

const FIXTURES = join(REPO, 'tests/fixtures/reliability');
/** The underline colour of `::highlight(context-cards-underline)` in `src/page/marks.css`. */
const UNDERLINE_RGB: [number, number, number] = [0xb0, 0x7d, 0x00];

/** Where an iframe's content box starts, in the top viewport. */
function frameOrigin(page: TestPage, selector: string) {
  return page.evaluate((sel) => {
    const f = document.querySelector(sel)!;
    const r = f.getBoundingClientRect();
    return { x: r.x + f.clientLeft, y: r.y + f.clientTop };
  }, selector);
}

describe.each(BROWSERS)('%s: reliability: frames, shadow DOM, SPA and bfcache', (name) => {
  let server: TestServer;
  let session: Session;
  let ext: ExtensionPage;
  beforeAll(async () => {
    server = await startServer();
    // The bfcache pages without `no-store` (which would keep them out of the cache).
    server.route((_req, res, url) => {
      const m = /^\/fixtures\/reliability\/(bfcache-[ab]\.html)$/.exec(url.pathname);
      if (!m) return false;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'max-age=0',
      });
      res.end(readFileSync(join(FIXTURES, m[1]!)));
      return true;
    });
    session = await launch(name, { server, bfcache: true });
    ext = await ExtensionPage.open(session);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const FRAMES = [
    { id: 'same', part: '?same' },
    { id: 'cross', part: '?cross' },
    { id: 'srcdoc', part: 'about:srcdoc' },
  ];

  it('marks mentions in the top document, same-origin, cross-origin and srcdoc iframes and an open shadow root', async () => {
    const page = await session.newPage();
    const log = recordConsole(page);
    await page.goto(server.url('/fixtures/reliability/frames.html'));
    await waitForMarkingIdle(page, { min: 2 });
    const top = await page.evaluate(readMarks);
    expect(top.map((m) => `${m.where}:${m.text}`).sort()).toEqual([
      'p#in-shadow:Serenity Integrated Mentoring',
      'p#top:StopSIM',
    ]);
    for (const f of FRAMES) {
      const marks = await poll(
        () => evaluateInFrame(page, f.part, readMarks),
        (m) => m.length > 0,
      );
      expect(
        marks.map((m) => [m.where, m.text]),
        f.id,
      ).toEqual([[f.id === 'srcdoc' ? 'p#inner' : 'p#framed', 'NHS England']]);
    }
    expect(log.uncaught).toEqual([]);
    await page.close();
  });

  it('opens the card inside each frame (the card is injected into the requesting frame)', async () => {
    const page = await session.newPage();
    const log = recordConsole(page);
    const url = server.url('/fixtures/reliability/frames.html');
    await page.goto(url);
    await waitForMarkingIdle(page, { min: 2 });
    const frames = await ext.frames(url);
    for (const f of FRAMES) {
      const [mark] = await poll(
        () => evaluateInFrame(page, f.part, readMarks),
        (m) => m.length > 0,
      );
      const origin = await frameOrigin(page, `#${f.id}`);
      await page.hover(5, 5);
      await page.hover(origin.x + mark!.x, origin.y + mark!.y);
      const frameId = frames.find((x) => x.url.includes(f.part))?.frameId;
      expect(frameId, `frame id of ${f.id} (frames: ${JSON.stringify(frames)})`).toBeGreaterThan(0);
      const state = await poll(
        () => ext.call<CardState | null>(url, 'tab/card-state', frameId),
        (s) => s !== null,
      );
      expect(state?.entityId, f.id).toBe('nhs-england');
      // The card lies inside the frame's viewport, under the pointer's mention.
      expect(state!.rect.width, f.id).toBeGreaterThan(100);
    }
    // The top frame never got a card: each frame shows its own.
    expect(await ext.call(url, 'tab/card-state', 0)).toBeNull();
    expect(log.uncaught).toEqual([]);
    await page.close();
  });

  it('opens the card from a mention inside an open shadow root', async () => {
    // Hit-testing sees into open shadow roots (caretPositionFromPoint retargets to the host
    // unless it is given the shadow roots, `{ shadowRoots: [...] }`).
    const page = await session.newPage();
    const url = server.url('/fixtures/reliability/frames.html');
    await page.goto(url);
    await waitForMarkingIdle(page, { min: 2 });
    const mark = (await page.evaluate(readMarks)).find((m) => m.where === 'p#in-shadow')!;
    await page.hover(mark.x, mark.y);
    const state = await poll(
      () => ext.call<CardState | null>(url, 'tab/card-state'),
      (s) => s !== null,
      4000,
    );
    expect(state?.entityId).toBe('sim');
    await page.close();
  });

  it('paints marks inside an open shadow root, as in the light DOM', async () => {
    // Highlights are styled inside shadow roots too (the content-script stylesheet's
    // `::highlight()` rules apply to the document tree only; shadow roots adopt a sheet).
    const page = await session.newPage();
    await page.goto(server.url('/fixtures/reliability/frames.html'));
    await waitForMarkingIdle(page, { min: 2 });
    const marks = await page.evaluate(() => {
      const out: {
        where: string;
        rect: { x: number; y: number; width: number; height: number };
      }[] = [];
      for (const [name, h] of CSS.highlights.entries()) {
        if (name !== 'context-cards-underline') continue;
        for (const r of h as unknown as Iterable<AbstractRange>) {
          const range = new Range();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          const b = range.getBoundingClientRect();
          out.push({
            where: (r.startContainer.parentElement?.id ?? '?') as string,
            rect: { x: b.x, y: b.y, width: b.width, height: b.height + 8 },
          });
        }
      }
      return out;
    });
    const underlinePixels = async (id: string) => {
      const m = marks.find((x) => x.where === id)!;
      return countColour(await screenshotPixels(page, m.rect), UNDERLINE_RGB, 48);
    };
    // The light-DOM mark is the control: if it shows no underline, the check itself is broken.
    const control = await underlinePixels('top');
    expect(control, 'underline pixels under the light-DOM mark').toBeGreaterThan(5);
    expect(
      await underlinePixels('in-shadow'),
      'underline pixels under the shadow-DOM mark',
    ).toBeGreaterThan(control / 4);
    await page.close();
  });

  /** Marks as `where:text`, checking none is stale. */
  const current = async (page: TestPage) => {
    const marks: MarkInfo[] = await page.evaluate(readMarks);
    return { marks, stale: marks.filter((m) => !m.connected) };
  };

  it('pushState navigations leave no stale marks and mark each new article once', async () => {
    // The incremental MutationObserver and the SPA reset: each article the router puts in is
    // marked as a fresh page would be, and the old one leaves nothing behind.
    const page = await session.newPage();
    const log = recordConsole(page);
    await page.goto(server.url('/fixtures/reliability/spa.html'));
    await waitForMarkingIdle(page, { min: 2 });
    for (const n of [1, 2, 3, 0, 3, 1]) {
      await page.evaluate(
        (n) => (window as never as Record<string, (n: number) => void>).__ccFixtureNavigate!(n),
        n,
      );
      const expected: string[] = await page.evaluate(() =>
        JSON.parse(document.querySelector('article')!.dataset.expect!),
      );
      const got = await poll(
        () => current(page),
        (c) => c.stale.length === 0 && c.marks.length === expected.length,
        3000,
      );
      expect(got.stale, `stale marks after navigating to day ${n}`).toEqual([]);
      expect(got.marks.map((m) => m.text).sort(), `marks after navigating to day ${n}`).toEqual(
        [...expected].sort(),
      );
    }
    // Back and forward through the history restore articles the same way. Back from the last
    // day (1) is the day before it (3), restored by the router on popstate.
    await page.evaluate(() => history.back());
    await poll(
      () => page.evaluate(() => document.title),
      (t) => t === 'Day 3',
      3000,
    );
    const back = await poll(
      () => current(page),
      (c) => c.stale.length === 0 && c.marks.length === 2,
      3000,
    );
    expect(back.stale).toEqual([]);
    expect(back.marks.map((m) => m.text).sort()).toEqual([
      'NHS England',
      'Serenity Integrated Mentoring',
    ]);
    expect(log.uncaught).toEqual([]);
    await page.close();
  });

  it('restores from the back/forward cache with the same marks, none stale or doubled', async () => {
    const page = await session.newPage();
    const log = recordConsole(page);
    await page.goto(server.url('/fixtures/reliability/bfcache-a.html'));
    await waitForMarkingIdle(page, { min: 3 });
    const before = await current(page);
    await page.evaluate(() => document.getElementById('next')!.click());
    await poll(
      () => page.evaluate(() => location.pathname).catch(() => ''),
      (p) => p.endsWith('bfcache-b.html'),
    );
    await waitForMarkingIdle(page, { min: 1 });
    await page.evaluate(() => history.back());
    await poll(
      () => page.evaluate(() => location.pathname).catch(() => ''),
      (p) => p.endsWith('bfcache-a.html'),
    );
    const shows: boolean[] = await poll(
      () =>
        page.evaluate(
          () => (window as never as { __ccFixtureShows: boolean[] }).__ccFixtureShows ?? [],
        ),
      (s) => s.length >= 2,
    );
    // The test is only meaningful if the page really came back from the cache.
    expect(shows, 'pageshow.persisted of each show of page A').toEqual([false, true]);
    await sleep(500);
    const after = await current(page);
    expect(after.stale).toEqual([]);
    expect(after.marks.map((m) => `${m.where}:${m.text}`)).toEqual(
      before.marks.map((m) => `${m.where}:${m.text}`),
    );
    expect(log.uncaught).toEqual([]);
    await page.close();
  });

  it('after a back/forward-cache restore, new content is marked exactly once (one observer)', async () => {
    // Incremental marking (MutationObserver): a restore must not start a second engine or
    // observer, or every later mention is marked twice.
    const page = await session.newPage();
    await page.goto(server.url('/fixtures/reliability/bfcache-a.html'));
    await waitForMarkingIdle(page, { min: 3 });
    await page.evaluate(() => document.getElementById('next')!.click());
    await poll(
      () => page.evaluate(() => location.pathname).catch(() => ''),
      (p) => p.endsWith('bfcache-b.html'),
    );
    await waitForMarkingIdle(page, { min: 1 });
    await page.evaluate(() => history.back());
    await poll(
      () => page.evaluate(() => location.pathname).catch(() => ''),
      (p) => p.endsWith('bfcache-a.html'),
    );
    await sleep(300);
    // The page swaps its paragraphs for an update (as a live blog does): the old marks must go
    // and the new paragraph's first mentions be marked once each, not once per engine.
    await page.evaluate(() => {
      document.getElementById('a1')!.remove();
      document.getElementById('a2')!.remove();
      const p = document.createElement('p');
      p.id = 'a3';
      p.textContent = 'Update: StopSIM replied to NHS England.';
      document.body.prepend(p);
    });
    const got = await poll(
      () => current(page),
      (c) => c.stale.length === 0 && c.marks.length === 2,
      3000,
    );
    expect(got.stale).toEqual([]);
    expect(got.marks.map((m) => `${m.where}:${m.text}`).sort()).toEqual([
      'p#a3:NHS England',
      'p#a3:StopSIM',
    ]);
    await page.close();
  });
});
