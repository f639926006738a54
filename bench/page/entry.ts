/**
 * The benchmark's in-page bundle (built as one IIFE by `bench/run.ts`, like the content script):
 * the engine itself from `src/`, the floor, mark.js and the matcher-only measurements, exposed
 * as `window.__ccBench`. Each call measures in the page it is loaded into; the runner loads a
 * fresh page for every measurement.
 */
import Mark from 'mark.js';
import { unpackTables, type MatchTables, type PackedTables } from '../../src/dataset/tables.ts';
import { createMatcher, type GateSources } from '../../src/matcher/index.ts';
import { regexpScanner } from '../../src/matcher/regexp.ts';
import { firstAtOrAfter } from '../../src/matcher/scan.ts';
import { createEngine } from '../../src/page/engine.ts';
import { VIEWPORT_PAINT_AFTER } from '../../src/page/highlight.ts';
import { Marker } from '../../src/page/marker/marker.ts';
import { createWrapPainter } from '../../src/page/wrap.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';

export interface Measure {
  ms: number;
  mentions: number;
  /** Engine only: the sum of its slices, and the longest slice. */
  workMs?: number;
  longestSliceMs?: number;
  phases?: Record<string, number>;
  /** The bounds: how many ranges were made. */
  painted?: number;
}

/** Forces the style and layout work our marking caused (highlights, or wrapped elements). */
const forceLayout = () => document.body.offsetHeight;

/** What the content script has before it marks: its tables (unpacked on load) and the gate. */
let loaded: { tables: MatchTables; gate: GateSources } | undefined;

/**
 * Loads the tables as the content script does (packed, unpacked once on load), before anything is
 * timed, in every variant's page alike; passing them with each call would leave the harness's
 * own garbage (a hundred KB of deserialised arguments) for the measured code to collect.
 */
function prepare(packed: PackedTables, gate: GateSources): void {
  loaded = { tables: unpackTables(packed), gate };
}

/**
 * Every measurement starts from a collected heap (Chromium runs with `--expose-gc`), so that a
 * collection of what the page and the harness left behind does not land in one variant's time,
 * and in a task of its own, so that the collection is not counted in its longest task either.
 */
const settle = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return new Promise((r) => setTimeout(r, 0));
};

async function floor(): Promise<Measure> {
  await settle();
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

async function engine(marking: Partial<Settings['marking']>): Promise<Measure> {
  const { tables, gate } = loaded!;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    marking: { ...DEFAULT_SETTINGS.marking, ...marking },
  };
  await settle();
  console.timeStamp('cc-start');
  const t0 = performance.now();
  const e = createEngine({
    wrap: createWrapPainter,
    signal: new AbortController().signal,
    marker: Marker,
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

async function markjs(source: string, flags: string): Promise<Measure> {
  await settle();
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

/** One `TreeWalker` read of every text node into one string, with each node's offset in it. */
function readAll(): { text: string; nodes: Text[]; starts: number[] } {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let at = 0;
  while (w.nextNode()) {
    const t = w.currentNode as Text;
    const data = t.data;
    nodes.push(t);
    starts.push(at);
    parts.push(data);
    at += data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** A static range over `[from, to)` of the joined text `readAll` made. */
function rangeIn(r: { nodes: Text[]; starts: number[] }, from: number, to: number): StaticRange {
  // The text node holding offset i: the last one starting at or before it.
  const a = firstAtOrAfter(r.starts, from + 1) - 1;
  const b = firstAtOrAfter(r.starts, to) - 1;
  return new StaticRange({
    startContainer: r.nodes[a]!,
    startOffset: from - r.starts[a]!,
    endContainer: r.nodes[b]!,
    endOffset: to - r.starts[b]!,
  });
}

/** Registers `ranges` as one highlight (unstyled, as the engine's are here) and forces layout. */
function paintAll(ranges: StaticRange[]): void {
  const h = new Highlight();
  for (const r of ranges) h.add(r);
  CSS.highlights.set('cc-bound', h);
  forceLayout();
}

/**
 * The least any highlighter can do on a page (a bound, not a rival): one `TreeWalker` read into
 * one string, one native pass of mark.js's own pattern over it (no word starts, no cues, no
 * block borders), one `StaticRange` per match, one highlight, and the forced style and layout;
 * `phases` times the read, the pass and the paint.
 */
async function bound(source: string, flags: string): Promise<Measure> {
  await settle();
  const t0 = performance.now();
  const read = readAll();
  const t1 = performance.now();
  const re = new RegExp(source, flags);
  const ranges: StaticRange[] = [];
  for (let m = re.exec(read.text); m; m = re.exec(read.text))
    ranges.push(rangeIn(read, m.index, m.index + m[0].length));
  const t2 = performance.now();
  paintAll(ranges);
  const t3 = performance.now();
  return {
    ms: t3 - t0,
    mentions: ranges.length,
    // The RegExp pass includes mapping each match to its text nodes and making its range.
    phases: { read: t1 - t0, pass: t2 - t1, paint: t3 - t2 },
  };
}

/**
 * The same bound with our own matcher, and less paint: the same read; the shipped trie built
 * from the tables (as any page with mentions builds it) and run once over the whole text (no
 * blocks, no cues, no resolving); ranges for the first `VIEWPORT_PAINT_AFTER` matches only (past that
 * many, the engine registers only the ranges near the viewport); one highlight and the layout.
 */
async function boundTrie(): Promise<Measure> {
  await settle();
  const t0 = performance.now();
  const read = readAll();
  const t1 = performance.now();
  const m = createMatcher(loaded!.tables);
  const t2 = performance.now();
  const found = m.candidates(read.text);
  const t3 = performance.now();
  const ranges: StaticRange[] = [];
  for (const c of found.slice(0, VIEWPORT_PAINT_AFTER)) ranges.push(rangeIn(read, c.start, c.end));
  paintAll(ranges);
  const t4 = performance.now();
  return {
    ms: t4 - t0,
    mentions: found.length,
    painted: ranges.length,
    phases: { read: t1 - t0, build: t2 - t1, pass: t3 - t2, paint: t4 - t3 },
  };
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

(globalThis as unknown as { __ccBench: unknown }).__ccBench = {
  prepare,
  floor,
  engine,
  markjs,
  bound,
  boundTrie,
  matcher,
};
