/**
 * The benchmark's in-page bundle (built as one IIFE by `bench/run.ts`, like the content script):
 * the engine itself from `src/`, the floor, mark.js and the matcher-only measurements, exposed
 * as `window.__ccBench`. Each call measures in the page it is loaded into; the runner loads a
 * fresh page for every measurement.
 */
import Mark from 'mark.js';
import type { MatchTables } from '../../src/dataset/tables.ts';
import { createMatcher, type GateSources } from '../../src/matcher/index.ts';
import { regexpScanner } from '../../src/matcher/regexp.ts';
import { createEngine } from '../../src/page/engine.ts';
import { createWrapPainter } from '../../src/page/wrap.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';

export interface Measure {
  ms: number;
  mentions: number;
  /** Engine only: the sum of its slices, and the longest slice. */
  workMs?: number;
  longestSliceMs?: number;
  phases?: Record<string, number>;
}

/** Forces the style and layout work our marking caused (highlights, or wrapped elements). */
const forceLayout = () => document.body.offsetHeight;

function floor(): Measure {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  let nodes = 0;
  while (w.nextNode()) {
    chars += (w.currentNode as Text).data.length;
    nodes++;
  }
  forceLayout();
  return { ms: performance.now() - t0, mentions: nodes + chars * 0 };
}

async function engine(
  tables: MatchTables,
  marking: Partial<Settings['marking']>,
  gate?: GateSources,
): Promise<Measure> {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    marking: { ...DEFAULT_SETTINGS.marking, ...marking },
  };
  console.timeStamp('cc-start');
  const t0 = performance.now();
  const e = createEngine({
    wrap: createWrapPainter,
    signal: new AbortController().signal,
    settings,
    tables,
    // Built once by the background and sent with the settings, as in the extension.
    gate,
    hidden: new Set(),
  });
  await e.ready;
  forceLayout();
  const ms = performance.now() - t0;
  console.timeStamp('cc-end');
  return {
    ms,
    mentions: e.mentions().length,
    workMs: e.markMs,
    longestSliceMs: e.stats().longestSliceMs,
    phases: e.stats().phases,
  };
}

function markjs(source: string, flags: string): Promise<Measure> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    new Mark(document.body).markRegExp(new RegExp(source, flags), {
      done: (total: number) => {
        forceLayout();
        resolve({ ms: performance.now() - t0, mentions: total });
      },
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * The matcher alone on the same blocks with two alias sets: compile time, and the median scan
 * time over `runs` interleaved runs. The RegExp form is measured on `excerpt` blocks only (it
 * is orders of magnitude slower at 10,000 aliases), one run including its compile.
 */
function matcher(opts: {
  sets: { name: string; tables: MatchTables; regexp: boolean }[];
  blocks: string[];
  excerpt: string[];
  runs: number;
}) {
  const scan = (m: ReturnType<typeof createMatcher>, blocks: string[]) => {
    const t0 = performance.now();
    let n = 0;
    for (const b of blocks) n += m.candidates(b).length;
    return { ms: performance.now() - t0, n };
  };
  const tries = opts.sets.map((s) => {
    const t0 = performance.now();
    const m = createMatcher(s.tables);
    return { name: s.name, m, compileMs: performance.now() - t0, times: [] as number[], n: 0 };
  });
  for (const t of tries) scan(t.m, opts.blocks); // warm up
  for (let r = 0; r < opts.runs; r++)
    for (const t of tries) {
      const { ms, n } = scan(t.m, opts.blocks);
      t.times.push(ms);
      t.n = n;
    }
  const regexp = opts.sets
    .filter((s) => s.regexp)
    .map((s) => {
      const t0 = performance.now();
      const m = createMatcher(s.tables, { scanner: regexpScanner });
      const { n } = scan(m, opts.excerpt);
      const trie = tries.find((t) => t.name === s.name)!;
      return {
        name: s.name,
        ms: performance.now() - t0,
        trieMs: scan(trie.m, opts.excerpt).ms,
        candidates: n,
      };
    });
  return {
    chars: opts.blocks.reduce((n, b) => n + b.length, 0),
    excerptChars: opts.excerpt.reduce((n, b) => n + b.length, 0),
    trie: tries.map((t) => ({
      name: t.name,
      compileMs: t.compileMs,
      ms: median(t.times),
      candidates: t.n,
    })),
    regexp,
  };
}

(globalThis as unknown as { __ccBench: unknown }).__ccBench = { floor, engine, markjs, matcher };
