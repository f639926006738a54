/**
 * "Report a problem" with a destination, end to end, in both browsers: a build configured with
 * `CC_REPORT_TO` (a tracker's new-issue address; built here into a temporary folder, dist/ is left
 * as it is) opens the report prefilled in a new tab on the reader's click. The reader opens a
 * card, chooses "Report a problem", writes, clicks "Open the report": the new tab's address is the
 * tracker's, its own parameters kept, with `title` and `body` decoding to the report (the entry,
 * the dataset version, the reader's words, and the page's address only once ticked). The
 * extension itself makes no request: past the fixture page, the only one the browser makes is the
 * new tab's navigation to the tracker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import {
  cardState,
  clickControl,
  hoverOpen,
  mark,
  quietFavicon,
  SIM_ARTICLE,
} from './card-support.ts';
import { BROWSERS, type RecordedRequest } from './harness/browsers.ts';
import { poll, useBrowser, waitForMarks } from './harness/fixture.ts';
import { REPO } from './harness/server.ts';

const TRACKER = 'https://tracker.example/new?labels=card';
const WORDS = 'The count is out of date.';
const dataset = loadDataset();
const sim = dataset.entities.find((e) => e.id === 'sim')!;
const out = mkdtempSync(join(tmpdir(), 'cc-report-to-'));
const MODE = { chromium: 'chrome', firefox: 'firefox' } as const;

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(BROWSERS)('%s: a build with a destination', (name) => {
  const dist = join(out, MODE[name]);
  // Registered before the browser's own set-up, so the build exists when it launches.
  beforeAll(async () => {
    // As `CC_REPORT_TO=… npm run build` would (Vitest sets NODE_ENV to "test"); then restored.
    const env = { CC_REPORT_TO: TRACKER, NODE_ENV: 'production' };
    const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      await build({
        root: REPO,
        mode: MODE[name],
        logLevel: 'warn',
        build: { outDir: dist, emptyOutDir: true },
      });
    } finally {
      for (const [k, v] of Object.entries(before))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }, 180_000);
  const e2e = useBrowser(name, { dist });
  beforeAll(() => quietFavicon(e2e.server));

  it('opens the report prefilled at the tracker in a new tab; the extension sends nothing', async () => {
    const page = await e2e.session.newPage();
    const url = e2e.server.url(SIM_ARTICLE);
    await page.goto(url);
    await waitForMarks(page, 3);
    await hoverOpen(e2e, page, url, await mark(page, 'Serenity Integrated Mentoring'), 'sim');
    await clickControl(e2e, page, url, /^Keep this card open$/);
    await clickControl(e2e, page, url, /^More actions$/);
    await poll(
      () => cardState(e2e, url),
      (v) => !!v?.controls.some((c) => c.name === 'Report a problem'),
      15_000,
    );
    await clickControl(e2e, page, url, /^Report a problem$/);
    // The form opens on its first field (what the report is about: the entry); Tab to the words.
    const focused = async (field: string) => {
      const v = await poll(
        () => cardState(e2e, url),
        (v) => v?.focused === field,
        15_000,
      );
      expect(v?.focused).toBe(field);
    };
    await focused('What is wrong?');
    await page.press('Tab');
    await focused('Say what is wrong, and how you know');
    await page.type(WORDS);
    let s = await poll(
      () => cardState(e2e, url),
      (v) => !!v?.report?.text.endsWith(WORDS),
      15_000,
    );
    expect(s?.report?.text.endsWith(WORDS)).toBe(true);
    expect(s!.report!.url!.startsWith(`${TRACKER}&title=`)).toBe(true);
    expect(s!.report!.text).not.toContain('Page:');
    expect(s!.report!.url).not.toContain(encodeURIComponent(url));
    await clickControl(e2e, page, url, /^Include this page's address:/);
    s = await poll(
      () => cardState(e2e, url),
      (v) => !!v?.report?.text.includes('Page: '),
      15_000,
    );
    expect(s?.report?.text).toContain(`Page: ${url}\n`);

    const opened = await e2e.session.openedTab(() =>
      clickControl(e2e, page, url, /^Open the report/),
    );
    const address = new URL(opened);
    expect(`${address.origin}${address.pathname}`).toBe('https://tracker.example/new');
    expect(address.searchParams.get('labels')).toBe('card');
    expect(address.searchParams.get('title')).toBe(`Report: ${sim.name}`);
    const body = address.searchParams.get('body')!;
    expect(body).toBe(s!.report!.text);
    expect(body).toContain(`Entry: ${sim.name} (sim)\n`);
    expect(body).toContain(`Dataset: ${dataset.meta.version} (`);
    expect(body).toContain(`Page: ${url}\n`);
    expect(body.split('\nWhat is wrong:\n')[1]).toBe(WORDS);

    // Past the fixture page (and its stylesheet), the one request is the reader's: the new tab
    // loading the tracker (Chromium records its address; Firefox's proxy sees a CONNECT to the
    // tracker's host).
    const fixture = [
      url,
      e2e.server.url('/favicon.ico'),
      e2e.server.url('/fixtures/card/page.css'),
    ];
    const others = (all: RecordedRequest[]) =>
      all.filter((r) => {
        const u = new URL(r.url);
        if (u.protocol === 'chrome-extension:' || u.protocol === 'moz-extension:') return false;
        if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:')
          return false;
        return !fixture.includes(r.url);
      });
    const seen = await poll(
      async () => others(e2e.session.requests()),
      (rs) => rs.length > 0,
      15_000,
    );
    expect(seen.length).toBeGreaterThan(0);
    for (const r of seen) expect(new URL(r.url).host).toMatch(/^tracker\.example(:443)?$/);
    if (name === 'chromium') expect(seen.map((r) => r.url)).toEqual([opened]);
  });
});
