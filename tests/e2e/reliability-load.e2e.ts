/**
 * Reliability (issue 7): load. A mutation storm and a huge DOM, in Chromium and Firefox; the
 * figures (CPU share, longest task, memory) are measured in Chromium over the DevTools protocol
 * (Firefox offers no equivalent to automation), and written to `reports/reliability/`.
 *
 * Proves:
 * - Mutation storm: while a page adds and removes 1,000 text nodes a second for 10 s, our code
 *   takes under 10 % of the main thread's wall time (sampling profiler; a sample is ours when
 *   any frame of its stack is a `chrome-extension://` script, so the DOM work we call counts as
 *   ours), and when the storm stops the marks are exactly those a fresh load of the final page
 *   gets (none stale, none missing).
 * - Huge DOM: on a static page of 200,000 elements and 5 MB of text, marking reaches the last
 *   paragraph; no main-thread task that runs our scripts takes over 50 ms of CPU (from a trace:
 *   tasks are attributed to us when they run any of our scripts; CPU time rather than wall time,
 *   because the machine is shared and a descheduled task's wall time is not ours); and the
 *   memory the extension adds, JS heap plus Blink's heap after full GCs, compared with the same
 *   page on an unlisted site (where no content script runs), stays under 30 MB.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type BrowserName, type Session } from './harness/browsers.ts';
import {
  heapAfterGc,
  startProfiler,
  startTrace,
  stopProfiler,
  tasksRunningOurScripts,
} from './harness/cdp-metrics.ts';
import { poll } from './harness/fixture.ts';
import {
  addInitScript,
  cdp,
  readMarks,
  recordConsole,
  waitForMarkingIdle,
} from './harness/reliability.ts';
import { NEWS_HOST, REPO, startServer, type TestServer } from './harness/server.ts';

const STORM_MS = 10_000;
const STORM_RATE = 1_000;

/** Figures for the closing note, one JSON file per browser and scenario. */
function report(browser: BrowserName, scenario: string, figures: Record<string, unknown>) {
  const dir = join(REPO, 'reports/reliability');
  mkdirSync(dir, { recursive: true });
  const all = { browser, scenario, loadavg: loadavg().map((x) => +x.toFixed(2)), ...figures };
  writeFileSync(join(dir, `${browser}-${scenario}.json`), JSON.stringify(all, null, 2));
  console.log(`[reliability] ${browser} ${scenario}: ${JSON.stringify(all)}`);
}

/**
 * The huge page: 20,000 paragraphs of 10 elements each (the paragraph and 9 inline elements)
 * and about 260 characters of text each. Static HTML, so the page runs no script of its own
 * while we mark. Our terms appear in the first, middle and last paragraphs only: the last one
 * is marked only if marking reaches the end.
 */
function hugePage(): string {
  const words = 'the trust said a review of crisis care was due and police were asked to'.split(
    ' ',
  );
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Huge DOM</title></head><body><main>',
  ];
  let seed = 1;
  const word = () => words[(seed = (seed * 16807) % 2147483647) % words.length]!;
  const phrase = (n: number) => Array.from({ length: n }, word).join(' ');
  for (let i = 0; i < 20_000; i++) {
    const lead =
      i === 0
        ? 'Serenity Integrated Mentoring'
        : i === 10_000
          ? 'NHS England'
          : i === 19_999
            ? 'StopSIM'
            : phrase(3);
    parts.push(
      `<p id="p${i}">${lead} ${phrase(4)} <span>${phrase(5)}</span> <em>${phrase(5)}</em> ` +
        `<a href="#p${i}">${phrase(5)}</a> <b>${phrase(5)}</b> <i>${phrase(5)}</i> ` +
        `<strong>${phrase(5)}</strong> <small>${phrase(5)}</small> <cite>${phrase(5)}</cite> ` +
        `<span>${phrase(6)}</span></p>\n`,
    );
  }
  parts.push('</main></body></html>');
  return parts.join('');
}

describe.each(BROWSERS)('%s: reliability: mutation storm and huge DOM', (name) => {
  let server: TestServer;
  let session: Session;
  let huge: string;
  let stormFinal = '';
  beforeAll(async () => {
    server = await startServer();
    huge = hugePage();
    server.route((_req, res, url) => {
      const body =
        url.pathname === '/reliability/huge.html'
          ? huge
          : url.pathname === '/reliability/storm-final.html'
            ? stormFinal
            : undefined;
      if (body === undefined) return false;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(body);
      return true;
    });
    session = await launch(name, { server });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('mutation storm: 1,000 text nodes a second for 10 s, under 10 % of the main thread, marks right after', async () => {
    // The incremental MutationObserver: after the storm the marks are those of a fresh load,
    // none stale and none of the storm's mentions left unmarked.
    const page = await session.newPage();
    const log = recordConsole(page);
    await page.goto(server.url('/fixtures/reliability/storm.html'));
    await waitForMarkingIdle(page, { min: 2 });
    const session_ = name === 'chromium' ? await cdp(page) : undefined;
    if (session_) await startProfiler(session_);
    const storm = await page.evaluate(
      ([ms, rate]) =>
        (
          window as never as {
            __ccFixtureStorm: (
              ms: number,
              rate: number,
            ) => Promise<{ added: number; removed: number; ms: number }>;
          }
        ).__ccFixtureStorm(ms, rate),
      [STORM_MS, STORM_RATE] as [number, number],
    );
    const shares = session_ ? await stopProfiler(session_, `http://${NEWS_HOST}`) : undefined;
    // The storm really ran at the rate (it catches up when timers are late).
    expect(storm.added).toBeGreaterThanOrEqual(STORM_RATE * (STORM_MS / 1000) * 0.99);
    expect(storm.removed).toBeGreaterThanOrEqual(storm.added - 200);

    // When it stops, our marks settle to what a fresh load of the same content gets.
    await waitForMarkingIdle(page, { quietMs: 600 });
    const after = await page.evaluate(readMarks);
    stormFinal = await page.evaluate(() => '<!doctype html>' + document.documentElement.outerHTML);
    const fresh = await session.newPage();
    await fresh.goto(server.url('/reliability/storm-final.html'));
    await waitForMarkingIdle(fresh, { min: 1 });
    const expected = await fresh.evaluate(readMarks);
    await fresh.close();
    report(name, 'storm', {
      stormAdded: storm.added,
      stormRemoved: storm.removed,
      stormMs: Math.round(storm.ms),
      ...(shares && {
        profileWallMs: Math.round(shares.wallMs),
        extensionCpuMs: Math.round(shares.extensionMs),
        extensionShare: +(shares.extensionShare * 100).toFixed(2) + ' %',
        pageScriptShare: +(shares.pageShare * 100).toFixed(2) + ' %',
        gcMs: Math.round(shares.gcMs),
      }),
      marksAfter: after.length,
      marksFresh: expected.length,
    });
    expect(
      after.filter((m) => !m.connected),
      'stale marks',
    ).toEqual([]);
    const key = (m: { where: string; text: string }) => `${m.where}:${m.text}`;
    expect(after.map(key).sort()).toEqual(expected.map(key).sort());
    if (shares) expect(shares.extensionShare).toBeLessThan(0.1);
    expect(log.uncaught).toEqual([]);
    await page.close();
  }, 60_000);

  it('huge DOM: 200,000 elements and 5 MB of text marked to the end, no task of ours over 50 ms, under 30 MB', async () => {
    // Marking in slices that yield (scheduler.yield), the pre-scan of the page's text included.
    const page = await session.newPage();
    const log = recordConsole(page);
    // The page's own long tasks, observed from before anything runs (Chromium only has the
    // Long Tasks API): reported beside the trace's attribution.
    await addInitScript(
      page,
      () => {
        const w = window as unknown as { __ccFixtureLongTasks: [number, number][] };
        w.__ccFixtureLongTasks = [];
        if (PerformanceObserver.supportedEntryTypes?.includes('longtask'))
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) w.__ccFixtureLongTasks.push([e.startTime, e.duration]);
          }).observe({ type: 'longtask', buffered: true });
      },
      undefined,
    );
    const c = name === 'chromium' ? await cdp(page) : undefined;
    const stopTrace = c ? await startTrace(c) : undefined;
    const t0 = Date.now();
    await page.goto(server.url('/reliability/huge.html'));
    const loadMs = Date.now() - t0;
    const shape = await page.evaluate(() => ({
      elements: document.body.getElementsByTagName('*').length,
      text: document.body.textContent!.length,
    }));
    expect(shape.elements).toBeGreaterThanOrEqual(200_000);
    expect(shape.text).toBeGreaterThanOrEqual(5_000_000);
    const last = await poll(
      () => page.evaluate(readMarks),
      (marks) => marks.some((m) => m.where === 'p#p19999'),
      60_000,
    );
    const markedMs = Date.now() - t0;
    await waitForMarkingIdle(page, { quietMs: 500, timeoutMs: 30_000 });
    const events = stopTrace ? await stopTrace() : undefined;
    const ours = events ? tasksRunningOurScripts(events) : [];
    const longTasks: [number, number][] = await page.evaluate(
      () => (window as never as { __ccFixtureLongTasks: [number, number][] }).__ccFixtureLongTasks,
    );
    const heap = c ? await heapAfterGc(c) : undefined;
    // The same page where no content script runs: an unlisted site.
    let baseHeap: { js: number; blink: number } | undefined;
    if (c) {
      const base = await session.newPage();
      await base.goto(server.url('/reliability/huge.html', 'www.example-unlisted.org'));
      baseHeap = await heapAfterGc(await cdp(base));
      await base.close();
    }
    const mb = (n: number) => +(n / 1024 / 1024).toFixed(1);
    const longestWall = Math.max(0, ...ours.map((t) => t.ms));
    const longestCpu = Math.max(0, ...ours.map((t) => t.cpuMs ?? t.ms));
    const added =
      heap && baseHeap ? heap.js + heap.blink - (baseHeap.js + baseHeap.blink) : undefined;
    report(name, 'huge-dom', {
      elements: shape.elements,
      textChars: shape.text,
      loadMs,
      lastParagraphMarkedAfterMs: markedMs,
      marks: last.map((m) => `${m.where}:${m.text}`),
      ...(c && {
        ourTasks: ours.length,
        longestOurTaskWallMs: +longestWall.toFixed(1),
        longestOurTaskCpuMs: +longestCpu.toFixed(1),
        pageLongTasks: longTasks.length,
        pageLongestTaskMs: Math.round(Math.max(0, ...longTasks.map((t) => t[1]))),
        heapWithExtensionMB: { js: mb(heap!.js), blink: mb(heap!.blink) },
        heapWithoutMB: { js: mb(baseHeap!.js), blink: mb(baseHeap!.blink) },
        addedByExtensionMB: mb(added!),
      }),
    });
    expect(last.map((m) => `${m.where}:${m.text}`).sort()).toEqual([
      'p#p0:Serenity Integrated Mentoring',
      'p#p10000:NHS England',
      'p#p19999:StopSIM',
    ]);
    if (c) {
      // Attribution must have found our tasks, or the figure below would be vacuous.
      expect(ours.length).toBeGreaterThan(0);
      // Both limits are checked (soft), so one run reports every limit it breaks.
      expect
        .soft(longestCpu, `CPU ms of our longest task (tasks: ${JSON.stringify(ours)})`)
        .toBeLessThanOrEqual(50);
      expect.soft(mb(added!), 'MB added by the extension').toBeLessThan(30);
    }
    expect(log.uncaught).toEqual([]);
    await page.close();
  }, 120_000);
});
