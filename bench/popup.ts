/**
 * `npm run bench:popup [-- --base-rev REV | --base DIR] [--runs N]`: how fast the toolbar popup and
 * the glossary page paint, in this machine's Chromium, against an empty extension page.
 *
 * Owns: measuring the first contentful paint of the popup and the glossary, read from the page's
 * own clock (relative to the navigation start), and the popup's own marks (`…popup-ready` after
 * the first render; `…popup-found` when "On this page" is filled in for a tab with marks). The
 * baseline, measured in the same run and browser, is an empty extension page (one line of text,
 * no script, no style) added to a copy of the build: the browser's own cost of opening an
 * extension page. With `--base-rev REV` (built from `git archive` into a temporary folder) or
 * `--base DIR` (a built dist/chrome), a second Chromium holds that build and every round measures
 * both builds in turns, so "before" and "after" come from one run under the same machine load.
 * Never: judges a build (it prints ratios; the targets live in the issue and `docs/perf.md`).
 *
 * Pages are opened as pages in a tab: the same document and scripts as the toolbar popup, without
 * the popup window's frame (which the browser draws, and no extension can speed up).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../tests/e2e/harness/browsers.ts';
import { REPO, startServer, type TestServer } from '../tests/e2e/harness/server.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? process.env.RUNS ?? 30);
const WARMUP = 4;
const FCP = 'first-contentful-paint';

const dist = join(REPO, 'dist/chrome');
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('bench:popup: no build in dist/chrome; run `npm run build` first.');
  process.exit(1);
}

/** Builds revision `rev` into a temporary folder (no git worktree), returning its dist/chrome. */
function buildRevision(rev: string): { dir: string; cleanup: () => void } {
  const tree = mkdtempSync(join(tmpdir(), 'cc-bench-rev-'));
  const tar = execFileSync('git', ['archive', rev], { cwd: REPO, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', tree], { input: tar });
  symlinkSync(join(REPO, 'node_modules'), join(tree, 'node_modules'), 'dir');
  execFileSync(
    'node',
    ['-e', "import('vite').then(v=>v.build({mode:'chrome',logLevel:'error'}))"],
    {
      cwd: tree,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return {
    dir: join(tree, 'dist/chrome'),
    cleanup: () => rmSync(tree, { recursive: true, force: true }),
  };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p90: q(0.9), min: s[0]!, max: s[s.length - 1]! };
};
type Stats = ReturnType<typeof stats>;

/** One build loaded in its own Chromium, with a tab that has marks and an empty page beside it. */
async function openBuild(server: TestServer, from: string) {
  const copy = mkdtempSync(join(tmpdir(), 'cc-bench-popup-'));
  cpSync(from, copy, { recursive: true });
  writeFileSync(
    join(copy, 'bench-blank.html'),
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>blank</title><p>blank</p></html>\n',
  );
  const session = await launchChromium({ server, dist: copy });
  const { context } = session;
  const article = await context.newPage();
  await article.goto(server.url('/fixtures/pages/long.html'));
  await article.waitForFunction(() =>
    [...CSS.highlights.keys()].some((k) => k.startsWith('context-cards-')),
  );
  const extPage = await context.newPage();
  await extPage.goto(session.extensionUrl('bench-blank.html'));
  await article.bringToFront();
  const tabId = await extPage.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
    const [t] = await c.tabs.query({ active: true, lastFocusedWindow: true });
    return t!.id!;
  });
  await extPage.close();

  /** Opens `url` in a fresh tab; returns the named entries' times (ms since navigation start). */
  async function timeTo(url: string, marks: string[]): Promise<number[]> {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const times = await page
      .waitForFunction(
        (ms) => {
          const t = ms.map((m) => performance.getEntriesByName(m)[0]?.startTime);
          return t.every((x) => x !== undefined) && t;
        },
        marks,
        { polling: 5, timeout: 20_000 },
      )
      .then((h) => h.jsonValue() as Promise<number[]>);
    await page.close();
    return times;
  }

  const urls = {
    blank: session.extensionUrl('bench-blank.html'),
    popup: `${session.extensionUrl('src/popup/index.html')}?tab=${tabId}`,
    glossary: session.extensionUrl('src/glossary/index.html'),
  };
  const out = { blank: [] as number[], popup: [] as number[], found: [] as number[] };
  const glossary: number[] = [];
  return {
    out,
    glossary,
    async warm() {
      await timeTo(urls.blank, [FCP]);
      await timeTo(urls.popup, [FCP]);
      await timeTo(urls.glossary, [FCP]);
    },
    async round() {
      out.blank.push(...(await timeTo(urls.blank, [FCP])));
      const [p, f] = await timeTo(urls.popup, [FCP, 'context-cards:popup-found']);
      out.popup.push(p!);
      out.found.push(f!);
      glossary.push(...(await timeTo(urls.glossary, [FCP])));
    },
    async close() {
      await session.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

let baseDir = option('--base') ? resolve(option('--base')!) : undefined;
let cleanup = () => {};
const baseRev = option('--base-rev');
if (baseRev) {
  console.log(`Building ${baseRev} for the comparison…`);
  const b = buildRevision(baseRev);
  baseDir = b.dir;
  cleanup = b.cleanup;
}

const server = await startServer();
const builds: { name: string; b: Awaited<ReturnType<typeof openBuild>> }[] = [
  { name: 'this build', b: await openBuild(server, dist) },
];
if (baseDir)
  builds.push({ name: `base (${baseRev ?? baseDir})`, b: await openBuild(server, baseDir) });
const load: number[] = [];
try {
  for (let i = 0; i < WARMUP; i++) for (const { b } of builds) await b.warm();
  for (let i = 0; i < RUNS; i++) {
    load.push(loadavg()[0]!);
    // Alternate which build goes first, so a change of machine load hits both alike.
    const order = i % 2 === 0 ? builds : [...builds].reverse();
    for (const { b } of order) await b.round();
  }
} finally {
  for (const { b } of builds) await b.close();
  await server.close();
  cleanup();
}

const fmt = (s: Stats) =>
  `median ${s.median.toFixed(1)} ms  p90 ${s.p90.toFixed(1)}  min ${s.min.toFixed(1)}  max ${s.max.toFixed(1)}`;
const l = stats(load);
console.log(
  `Popup and glossary first paint, ${RUNS} rounds (Chromium, headless, ${cpus().length} cores,` +
    ` load average ${l.min.toFixed(1)}–${l.max.toFixed(1)}):`,
);
const result: Record<string, unknown> = { runs: RUNS, loadAverage: l };
// Every build opens the same empty page: one pooled baseline is steadier than one per build.
const blank = stats(builds.flatMap(({ b }) => b.out.blank));
console.log(`  empty extension page (all builds) ${fmt(blank)}`);
result.blankExtensionPageMs = blank;
for (const { name, b } of builds) {
  const r = {
    blankExtensionPageMs: stats(b.out.blank),
    popupFirstPaintMs: stats(b.out.popup),
    onThisPageMs: stats(b.out.found),
    glossaryFirstPaintMs: stats(b.glossary),
  };
  const popupOverEmpty = r.popupFirstPaintMs.median / blank.median;
  const glossaryOverEmpty = r.glossaryFirstPaintMs.median / blank.median;
  // Each round's page against the empty page opened just before it: drift cancels out.
  const paired = (xs: number[]) => stats(xs.map((x, i) => x / b.out.blank[i]!)).median;
  const pairedPopup = paired(b.out.popup);
  const pairedGlossary = paired(b.glossary);
  result[name] = { ...r, popupOverEmpty, glossaryOverEmpty, pairedPopup, pairedGlossary };
  console.log(`${name}:`);
  console.log(`  empty extension page          ${fmt(r.blankExtensionPageMs)}`);
  console.log(`  popup first paint             ${fmt(r.popupFirstPaintMs)}`);
  console.log(`  popup "On this page" filled   ${fmt(r.onThisPageMs)}`);
  console.log(`  glossary first paint          ${fmt(r.glossaryFirstPaintMs)}`);
  console.log(
    `  popup / empty ${popupOverEmpty.toFixed(2)}×   glossary / empty ${glossaryOverEmpty.toFixed(2)}×` +
      `   (per round, median: ${pairedPopup.toFixed(2)}× and ${pairedGlossary.toFixed(2)}×)`,
  );
}
mkdirSync(join(REPO, 'bench-output'), { recursive: true });
writeFileSync(join(REPO, 'bench-output/popup.json'), `${JSON.stringify(result, null, 2)}\n`);
