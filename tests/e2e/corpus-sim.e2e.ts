/**
 * Recall and disambiguation on real pages about SIM (`../shared/corpus/sim/`), in both browsers,
 * with the shipped builds, density "every mention" and otherwise default settings. Each page is
 * served under the host it was published on, so the site rules apply (the HIN on the Health
 * Innovation Network's own page is that network).
 *
 * - Every `required` form is covered by a mention (case-insensitive, whitespace folded; a form
 *   inside a longer mention, "#StopSIM Coalition", counts): at least 95 % over the set.
 * - Every abbreviation in a page's `meanings` is read as that body: it is covered by a mention of
 *   it, and by no mention of anything else (100 %). A meaning whose body the dataset has no entity
 *   for yet is reported, not scored.
 *
 * Prints, per page: marks, misses, meanings, what touched the story and what was held back.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { onSite } from '../../src/matcher/index.ts';
import { BROWSERS, launch, type Session } from './harness/browsers.ts';
import { ExtensionBridge } from './harness/ext.ts';
import {
  ALL_SITES,
  corpusHosts,
  corpusPages,
  openAt,
  runEverywhere,
  serveAt,
  setMarking,
  settledDetails,
  type Settled,
} from './harness/scan.ts';
import { REPO, startServer, type TestServer } from './harness/server.ts';

const DIR = resolve(REPO, '../shared/corpus/sim');
const PAGES = existsSync(DIR) ? corpusPages(DIR) : [];
const NO_CORPUS = `skipped: the sim corpus is absent (${DIR})`;
const dataset = loadDataset();
const SITES = dataset.entities.flatMap((e) => e.sites ?? []);
const isEntitySite = (host: string) => onSite(SITES, host);

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
/** Whether a mention's text holds the form as whole words. */
const covers = (mention: string, form: string) => {
  const esc = fold(form).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${esc}($|[^\\p{L}\\p{N}])`, 'u').test(fold(mention));
};

/** The entity a meaning names ("Mind, the mental health charity" → its alias or name "Mind"). */
function entityFor(meaning: string): string | undefined {
  const names = [meaning, meaning.split(',')[0]!].map(fold);
  return dataset.entities.find(
    (e) =>
      e.aliases.some((a) => names.includes(fold(a.text))) ||
      names.some((n) => fold(e.name) === n || fold(e.name).startsWith(`${n} (`)),
  )?.id;
}

interface Row {
  host: string;
  marks: number;
  required: number;
  misses: string[];
  meanings: string[];
  wrong: string[];
  unscored: string[];
  topic: string;
  held: string;
}

describe.each(BROWSERS)(
  `%s: the sim corpus is read as a reader expects${PAGES.length ? '' : ` (${NO_CORPUS})`}`,
  (name) => {
    const rows: Record<string, Row> = {};
    let server: TestServer;
    let session: Session;
    let bridge: ExtensionBridge;

    beforeAll(async () => {
      if (PAGES.length === 0) return;
      server = await startServer({ hosts: corpusHosts(PAGES) });
      serveAt(server, PAGES);
      session = await launch(name, { server, grantable: [ALL_SITES] });
      await runEverywhere(session);
      await setMarking(session, { density: 'all', capPerPage: 100_000 });
      bridge = await ExtensionBridge.open(session);
    });

    afterAll(async () => {
      await session?.close();
      await server?.close();
      const list = Object.values(rows);
      if (list.length === 0) return;
      const required = list.reduce((n, r) => n + r.required, 0);
      const missed = list.reduce((n, r) => n + r.misses.length, 0);
      console.log(
        `${name}: sim corpus, density "every mention" (marks; required forms covered; meanings)\n` +
          Object.entries(rows)
            .map(
              ([p, r]) =>
                `  ${p.padEnd(44)} ${r.host.padEnd(30)} marks ${String(r.marks).padStart(3)}  required ${r.required - r.misses.length}/${r.required}` +
                `${r.misses.length ? `  MISSED: ${r.misses.join(', ')}` : ''}\n` +
                `      meanings: ${r.meanings.join('; ') || '—'}${r.wrong.length ? `  WRONG: ${r.wrong.join('; ')}` : ''}${r.unscored.length ? `  not scored (no entity yet): ${r.unscored.join(', ')}` : ''}\n` +
                `      touches the story by: ${r.topic}\n      held back: ${r.held || '—'}`,
            )
            .join('\n') +
          `\n  required forms covered: ${required - missed}/${required} (${(((required - missed) / required) * 100).toFixed(1)} %)`,
      );
    });

    const seen: Record<string, Settled> = {};

    it.skipIf(PAGES.length === 0).each(PAGES.map((p) => [p.page, p] as const))(
      '%s',
      async (_page, p) => {
        const { tab, url } = await openAt(session, p.url, isEntitySite);
        try {
          const d = await settledDetails(bridge, url, { quietMs: 500 });
          seen[p.page] = d;
          const exp = p.expected as { required: string[]; meanings?: Record<string, string> };
          const misses = exp.required.filter((f) => !d.mentions.some((m) => covers(m.text, f)));
          const meanings: string[] = [];
          const wrong: string[] = [];
          const unscored: string[] = [];
          for (const [abbr, meaning] of Object.entries(exp.meanings ?? {})) {
            const want = entityFor(meaning);
            const read = d.mentions.filter((m) => covers(m.text, abbr));
            const as = [...new Set(read.map((m) => m.entity))];
            meanings.push(`${abbr} → ${as.join(', ') || 'unmarked'}`);
            if (!want) unscored.push(abbr);
            else if (as.length !== 1 || as[0] !== want) wrong.push(`${abbr}: want ${want}`);
          }
          const by = d.topic.by;
          rows[p.page] = {
            host: new URL(url).hostname,
            marks: d.mentions.length,
            required: exp.required.length,
            misses,
            meanings,
            wrong,
            unscored,
            topic: !by
              ? '—'
              : 'outer' in by
                ? 'the page around it'
                : `${by.entity} (${by.site ? `its site ${by.site}` : `“${by.text}”`})`,
            held: d.heldBack.map((h) => `${h.text} → ${h.entity} (${h.reason})`).join('; '),
          };
          expect(d.topic.touches, 'every page here touches the story').toBe(true);
          expect(wrong, 'abbreviations read as another body').toEqual([]);
        } finally {
          await tab.close();
        }
      },
    );

    it.skipIf(PAGES.length === 0)('covers at least 95 % of the required forms', () => {
      expect(Object.keys(seen)).toHaveLength(PAGES.length);
      const required = Object.values(rows).reduce((n, r) => n + r.required, 0);
      const misses = Object.entries(rows).flatMap(([p, r]) => r.misses.map((m) => `${p}: ${m}`));
      expect(required).toBeGreaterThan(0);
      expect((required - misses.length) / required, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    });
  },
);
