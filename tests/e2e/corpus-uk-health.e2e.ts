/**
 * Precision on real UK health and policing pages that are not about SIM
 * (`../shared/corpus/uk-health/`), in both browsers, with the shipped builds and default settings:
 * no page marks anything. Each page is served under the host it was published on (so the site
 * rules apply; a host the browsers reach only over https is served under a stand-in, which the
 * report shows), with the extension allowed to run on every site; that it ran there is checked on
 * each page: the related terms it held back are marked when asked ("show them on this page"),
 * and where it held back nothing, a story page of our own on the same host is marked.
 *
 * Prints, per page: marks, what was held back (and why), and the marks once shown on request.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type Session } from './harness/browsers.ts';
import { ExtensionBridge } from './harness/ext.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { onSite } from '../../src/matcher/index.ts';
import {
  ALL_SITES,
  corpusHosts,
  corpusPages,
  openAt,
  runEverywhere,
  serveAt,
  settledDetails,
  type ScanHeld,
} from './harness/scan.ts';
import { REPO, startServer, type TestServer } from './harness/server.ts';

const DIR = resolve(REPO, '../shared/corpus/uk-health');
const PAGES = existsSync(DIR) ? corpusPages(DIR) : [];
const NO_CORPUS = `skipped: the uk-health corpus is absent (${DIR})`;
const STORY = resolve(REPO, 'tests/fixtures/topic/story.html');
const storyUrl = (host: string) => `http://${host}/cc-fixture-story.html`;
const SITES = loadDataset().entities.flatMap((e) => e.sites ?? []);
const isEntitySite = (host: string) => onSite(SITES, host);

interface Row {
  host: string;
  marks: number;
  held: ScanHeld[];
  shown: number;
  story?: number;
}

const held = (list: ScanHeld[]) => {
  const by = new Map<string, number>();
  for (const h of list) {
    const k = `${h.text} → ${h.entity} (${h.reason})`;
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  return [...by].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join('; ');
};

describe.each(BROWSERS)(
  `%s: the uk-health corpus marks nothing by default${PAGES.length ? '' : ` (${NO_CORPUS})`}`,
  (name) => {
    const rows: Record<string, Row> = {};
    let server: TestServer;
    let session: Session;
    let bridge: ExtensionBridge;

    beforeAll(async () => {
      if (PAGES.length === 0) return;
      const stories = PAGES.map((p) => ({ url: storyUrl(p.host), file: STORY }));
      server = await startServer({ hosts: corpusHosts([...PAGES, ...stories]) });
      serveAt(server, [...PAGES, ...stories]);
      session = await launch(name, { server, grantable: [ALL_SITES] });
      await runEverywhere(session);
      bridge = await ExtensionBridge.open(session);
    });

    afterAll(async () => {
      await session?.close();
      await server?.close();
      if (Object.keys(rows).length === 0) return;
      console.log(
        `${name}: uk-health corpus, default settings (marks; held back; marks once shown on request)\n` +
          Object.entries(rows)
            .map(
              ([p, r]) =>
                `  ${p.padEnd(48)} ${r.host.padEnd(34)} marks ${r.marks}  held ${String(r.held.length).padStart(2)}  shown ${String(r.shown).padStart(2)}${r.story !== undefined ? `  (our story page here: ${r.story} marks)` : ''}\n` +
                `      held back: ${held(r.held) || '—'}`,
            )
            .join('\n'),
      );
    });

    it.skipIf(PAGES.length === 0)('has the 13 pages', () => {
      expect(PAGES).toHaveLength(13);
    });

    it.skipIf(PAGES.length === 0).each(PAGES.map((p) => [p.page, p] as const))(
      '%s: no mark',
      async (_page, p) => {
        const { tab, url } = await openAt(session, p.url, isEntitySite);
        try {
          const status = await bridge.call<{ running: boolean }>(url, 'tab/status');
          expect(status.running, 'the extension runs on this host').toBe(true);
          const d = await settledDetails(bridge, url, { quietMs: 500 });
          const host = new URL(url).hostname;
          const row: Row = { host, marks: d.mentions.length, held: d.heldBack, shown: 0 };
          rows[p.page] = row;
          expect(d.topic.touches).toBe(false);
          expect(d.mentions.map((m) => `${m.text} → ${m.entity} (${m.rule})`)).toEqual([]);
          if (d.heldBack.length > 0) {
            // It ran here: what it held back is marked on request.
            const shown = await bridge.call<{ shown: boolean }>(url, 'tab/show-held');
            expect(shown.shown).toBe(true);
            const after = await settledDetails(bridge, url, { quietMs: 300 });
            row.shown = after.mentions.length;
            expect(after.mentions.length).toBeGreaterThan(0);
          } else {
            // Nothing held back: our own story page on the same host shows that it marks here.
            await tab.goto(storyUrl(host));
            const story = await settledDetails(bridge, storyUrl(host), { quietMs: 300 });
            row.story = story.mentions.length;
            expect(story.mentions.length).toBeGreaterThan(0);
          }
        } finally {
          await tab.close();
        }
      },
    );
  },
);
