/**
 * Reliability (issue 7): bad settings and settings migration, end to end in Chromium and Firefox.
 * (The repair and migration rules themselves are unit-tested with the settings module; this file
 * proves what a user sees.)
 *
 * Proves:
 * - Corrupt `storage.sync` values are repaired when the content script loads its settings: marks
 *   still work, every valid value the user set stays in effect and in storage, and only the
 *   corrupt ones are replaced by their defaults.
 * - An extension update that changes the settings schema (v1 → v2) migrates a v1 user's
 *   settings without loss: after the update every choice is still in effect on pages and the
 *   stored settings carry the new schema version.
 *
 * Which settings are in effect is read from the marks on `settings.html`: density (one mark of
 * "Serenity Integrated Mentoring" or two), the campaign kind (StopSIM), the per-site hidden term
 * (NHS England), the blocked site (no marks at all) and the highlight style (its highlight name).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../src/shared/settings.ts';
import { BROWSERS, launch, type Session, type TestPage } from './harness/browsers.ts';
import { poll } from './harness/fixture.ts';
import {
  ExtensionPage,
  readMarks,
  recordConsole,
  sleep,
  waitForMarkingIdle,
} from './harness/reliability.ts';
import { OTHER_NEWS_HOST, REPO, startServer, type TestServer } from './harness/server.ts';

const V1 = Object.fromEntries(
  Object.entries(
    JSON.parse(
      readFileSync(join(REPO, 'tests/fixtures/reliability/settings-v1.json'), 'utf8'),
    ) as Record<string, unknown>,
  ).filter(([k]) => k !== '//'),
);

/** Marks on a page as `highlight-name p#id:text`, sorted. */
async function marksOn(session: Session, url: string, min: number) {
  const page = await session.newPage();
  const log = recordConsole(page);
  await page.goto(url);
  await waitForMarkingIdle(page, { min, quietMs: 500 }).catch(() => undefined);
  const marks = (await page.evaluate(readMarks))
    .map((m) => `${m.highlight} ${m.where}:${m.text}`)
    .sort();
  await page.close();
  return { marks, log };
}

/** Whether any marks at all were registered after the page settled. */
async function anyHighlights(page: TestPage) {
  return page.evaluate(() =>
    [...CSS.highlights.entries()].some(([n, h]) => n.startsWith('context-cards-') && h.size > 0),
  );
}

describe.each(BROWSERS)('%s: reliability: bad settings and migration', (name) => {
  let server: TestServer;
  let session: Session;
  let ext: ExtensionPage;
  // Chromium gets a profile folder of its own, so it can be relaunched on the same profile.
  const profile = mkdtempSync(join(tmpdir(), 'cc-chromium-'));
  const open = async () => {
    session = await launch(name, {
      server,
      userDataDir: name === 'chromium' ? profile : undefined,
    });
    ext = await ExtensionPage.open(session);
  };
  beforeAll(async () => {
    server = await startServer();
    await open();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('repairs corrupt storage.sync values, keeping every valid one, and marks still work', async () => {
    await ext.clearSync();
    await ext.setSync({
      marking: {
        density: 'all', // valid
        style: 42, // corrupt
        capPerPage: 'lots', // corrupt
        renderer: 'highlight', // valid
        kinds: { campaign: false, programme: 'yes' }, // one valid, one corrupt
      },
      card: 'garbage', // corrupt area
      hidden: {
        'www.inews.co.uk': ['nhs-england'], // valid
        'www.example.org': 'oops', // corrupt
      },
    });
    const { marks, log } = await marksOn(
      session,
      server.url('/fixtures/reliability/settings.html?repair'),
      2,
    );
    // density "all" (two marks of the programme), campaigns off (no StopSIM), NHS England
    // hidden on this site, and the style repaired to its default (underline).
    expect(marks).toEqual([
      'context-cards-underline p#s1:Serenity Integrated Mentoring',
      'context-cards-underline p#s3:Serenity Integrated Mentoring',
    ]);
    expect(log.uncaught).toEqual([]);
    // The repair is stored: corrupt values replaced, valid ones untouched.
    // (The areas checked here have the same layout in settings v1 and v2.)
    const stored = await poll(
      () => ext.getSync(),
      (s) => typeof (s.marking as { style?: unknown } | undefined)?.style === 'string',
    );
    const marking = stored.marking as Record<string, unknown> & { kinds: Record<string, unknown> };
    expect(marking.density).toBe('all');
    expect(marking.style).toBe('underline');
    expect(marking.capPerPage).toBe(200);
    expect(marking.kinds.campaign).toBe(false);
    expect(marking.kinds.programme).toBe(true);
    expect(stored.card).toEqual({ ...DEFAULT_SETTINGS.card, hoverDelayMs: 300, theme: 'auto' });
    expect(stored.hidden).toEqual({ 'www.inews.co.uk': ['nhs-england'] });
    await ext.clearSync();
  });

  it('repairs a list entry by entry: one bad blocked site does not unblock the others', async () => {
    // List-valued settings are repaired per entry: one bad entry in a v1 `sites.blocked` must
    // not reset the list and unblock every site the user blocked.
    await ext.clearSync();
    await ext.setSync({ sites: { mode: 'default-list', blocked: [OTHER_NEWS_HOST, 7] } });
    const page = await session.newPage();
    await page.goto(server.url('/fixtures/reliability/settings.html?list', OTHER_NEWS_HOST));
    await sleep(1500);
    expect(await anyHighlights(page), `marks on ${OTHER_NEWS_HOST}, which the user blocked`).toBe(
      false,
    );
    await page.close();
    await ext.clearSync();
  });

  it('migrates a v1 user’s settings through an update to settings schema v2, losing nothing', async () => {
    // Settings schema v2 and its v1 → v2 migration (src/shared/settings.ts).
    await ext.clearSync();
    await ext.setSync(V1);
    // The update. Firefox: the extension reloads (`runtime.reload()`; onInstalled fires with
    // reason "update") and meets the v1 settings on its next start. Chromium disables an
    // extension loaded from the command line when it reloads itself, so there the browser is
    // relaunched on the same profile: the extension starts afresh with the v1 settings stored.
    if (name === 'firefox') {
      await ext.page
        .evaluate(() => {
          const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
          (g.browser ?? g.chrome).runtime.reload();
        })
        .catch(() => undefined);
      await sleep(1500);
      ext = (await poll(
        () => ExtensionPage.open(session).catch(() => undefined),
        (e) => e !== undefined,
        15_000,
      ))!;
    } else {
      await session.close();
      await open();
    }
    const { marks } = await marksOn(
      session,
      server.url('/fixtures/reliability/settings.html?migrated'),
      2,
    );
    // Every v1 choice still in effect: density all, campaigns off, NHS England hidden here,
    // background style.
    expect(marks).toEqual([
      'context-cards-background p#s1:Serenity Integrated Mentoring',
      'context-cards-background p#s3:Serenity Integrated Mentoring',
    ]);
    const blocked = await session.newPage();
    await blocked.goto(server.url('/fixtures/reliability/settings.html?migrated', OTHER_NEWS_HOST));
    await sleep(1500);
    expect(await anyHighlights(blocked), 'marks on the blocked site').toBe(false);
    await blocked.close();
    // The stored settings are at the new schema version.
    expect(SETTINGS_VERSION, 'settings schema version of this build').toBeGreaterThanOrEqual(2);
    const stored = await ext.getSync();
    const versions: number[] = [];
    const find = (v: unknown, depth: number) => {
      if (!v || typeof v !== 'object' || depth > 2) return;
      for (const [k, x] of Object.entries(v))
        if (/version/i.test(k) && typeof x === 'number') versions.push(x);
        else find(x, depth + 1);
    };
    find(stored, 0);
    expect(versions, `stored: ${JSON.stringify(stored)}`).toContain(SETTINGS_VERSION);
    await ext.clearSync();
  });
});
