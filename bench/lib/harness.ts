/**
 * What the page benches share (`bench/run.ts`, `bench/ab.ts`): the in-page bundle built from a
 * tree of the repository, the browser, a fresh page with the bundle and the tables loaded, calls
 * into the bundle, and medians.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { packTables, type MatchTables, type PackedTables } from '../../src/dataset/tables.ts';
import { gateSources, type GateSources } from '../../src/matcher/gate-sources.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/harness/browsers.ts';
import type { Measure } from '../page/entry.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUT_DIR = join(ROOT, 'bench-output');
export const CORPUS = resolve(ROOT, '../shared/corpus/news');

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** The median of each field over `list` (phase times of several loads). */
export const medians = <T extends Record<string, number>>(list: T[]): T =>
  Object.fromEntries(
    Object.keys(list[0] ?? {}).map((k) => [k, median(list.map((x) => x[k]!))]),
  ) as T;
/** The command line: `flag('--x')` is present; `option('--x')` is the word after it. */
export const args = process.argv.slice(2);
export const flag = (name: string) => args.includes(name);
export const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
export const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
export const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/**
 * The in-page bundle (`bench/page/entry.ts` of the tree at `root`) built as one IIFE, like the
 * content script, with the engine's per-phase timing compiled in, into `bench-output/<file>`;
 * returns its source. `minify: false` keeps function names readable in profiles.
 */
export async function buildBundle({
  root = ROOT,
  file = 'bench.js',
  minify = true,
}: { root?: string; file?: string; minify?: boolean } = {}): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  // Compiles the engine's per-phase timing in (absent from the shipped content script).
  process.env.VITE_CC_BENCH = '1';
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    publicDir: false,
    build: {
      outDir: OUT_DIR,
      emptyOutDir: false,
      minify,
      target: 'chrome120',
      lib: {
        entry: join(root, 'bench/page/entry.ts'),
        formats: ['iife'],
        name: 'ccBenchBundle',
        fileName: () => file,
      },
    },
  });
  return readFileSync(join(OUT_DIR, file), 'utf8');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--disable-extensions',
      // Each measurement starts with gc(), in every variant (bench/page/entry.ts).
      '--js-flags=--expose-gc',
    ],
  });
}

/** The tables and gate patterns as the content script has them on load. */
export interface BenchData {
  packed: PackedTables;
  gate: GateSources;
}

/**
 * The tables packed as the extension ships them, and the gate's patterns as the background sends
 * them: with RegExp modifiers, which this Chromium has (a RegExp would throw without them).
 */
export const benchData = (tables: MatchTables): BenchData => ({
  packed: packTables(tables),
  gate: gateSources(tables, { modifiers: true }),
});

/**
 * A fresh page with the bundle loaded, at `url`, and the tables and gate patterns as the content
 * script has them (in every variant, so every page starts in the same state).
 */
export async function open(
  browser: Browser,
  bundle: string,
  url: string,
  origin: string,
  data: BenchData,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // No network: everything but our server is refused.
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort(),
  );
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await page.evaluate(bundle);
  await page.evaluate(
    ([p, g]) =>
      (
        globalThis as unknown as { __ccBench: { prepare: (a: unknown, b: unknown) => void } }
      ).__ccBench.prepare(p, g),
    [data.packed, data.gate] as const,
  );
  return page;
}

type Bench = {
  floor(): Promise<Measure>;
  engine(marking: object): Promise<Measure>;
  markjs(source: string, flags: string): Promise<Measure>;
  bound(source: string, flags: string): Promise<Measure>;
  boundTrie(): Promise<Measure>;
};

/** Calls the bundle's measurement `name` in `page`. */
export const call = <K extends keyof Bench>(page: Page, name: K, ...a: Parameters<Bench[K]>) =>
  page.evaluate(
    ([n, a]) =>
      (globalThis as unknown as { __ccBench: Record<string, (...x: unknown[]) => unknown> })
        .__ccBench[n]!(...a),
    [name, a] as const,
  ) as Promise<Measure>;

/**
 * The pages to measure: the corpus's (those whose names start with one of `only`, if given), then
 * the generated dense page, served by `server`.
 */
export function benchPages(
  server: { url(path: string): string },
  dense: string,
  only?: string[],
): { name: string; url: string; size: number }[] {
  let names = existsSync(CORPUS)
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.html'))
        .sort()
    : [];
  if (names.length === 0)
    console.log(`No corpus at ${CORPUS}: only the generated dense page is measured.`);
  if (only) names = names.filter((n) => only.some((o) => n.startsWith(o)));
  return [
    ...names.map((n) => ({
      name: n.replace(/\.html$/, ''),
      url: server.url(`/corpus/${n}`),
      size: statSync(join(CORPUS, n)).size,
    })),
    { name: 'dense-1mb', url: server.url('/dense.html'), size: dense.length },
  ];
}
