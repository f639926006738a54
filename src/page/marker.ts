/**
 * The marker: everything after the first look (`engine.ts`), for a page whose text, or changed
 * text, may hold a mention. It is made only then, from a chunk of its own the background injects
 * (`marker.iife.ts`, `chunks.ts`): most pages never load its code.
 *
 *   the first look's read, where the gate opened ─► lenient pre-scan of the joined text
 *        ─► regions around its hits ─┐
 *   PageObserver ─► changes ─► regions ─┴► Walker (blocks) ─► matcher.candidates        [walk]
 *     ─► dedupe, long forms on the page, resolve cues / long form ─► records         [resolve]
 *     ─► select: the story's rules (topic-select.ts), then density, kinds, hidden
 *        entities, cap (document order)                                              [select]
 *     ─► paint: highlight or wrap renderer, visible blocks first; MentionIndex         [paint]
 *
 * All work runs in one loop, in slices of at most `SLICE_MS`, yielding between slices. Changes
 * to the page are batched per frame and, after the first pass, limited by a token bucket so a
 * page that never stops changing keeps our share of the main thread bounded.
 *
 * State is derived from the DOM as it is now: a *record* per block holding a mention, in
 * document order. "First mention per entity", the cap and the long forms are recomputed over the
 * records, so removing, re-adding or replacing content (and SPA navigation) always ends in the
 * same marks as a fresh load of the same DOM.
 *
 * Owns: finding and marking mentions in the document and keeping them right as the page changes.
 * Never: opens cards or answers messages (see `interact.ts`, `tab-calls.ts`).
 */
import {
  createMatcher,
  decide,
  type BlockText,
  type Candidate,
  type Gate,
  type Matcher,
  type Reason,
} from '../matcher/index.ts';
import { dedupeRegions, regionsOf, Walker, type Block } from './collect.ts';
import { createHighlightPainter, type Painter } from './highlight.ts';
import type { EngineOptions, EngineStats } from './engine.ts';
import { PlacedMention, type MentionIndex, type PageMention } from './mentions.ts';
import type { NavigationWatch } from './navigation.ts';
import type { PageObserver } from './observe.ts';
import { PageRelevance } from './relevance.ts';
import { TopicSelect } from './topic-select.ts';
import {
  FlatReader,
  gateThrough,
  hitRegions,
  lenientThrough,
  offsetInOrder,
  ShadowFinder,
  type Prescan,
} from './prefilter.ts';
import {
  Budget,
  CHANGE_GAP_MS,
  nextFrame,
  SLICE_MS,
  sleep,
  whenIdle,
  yieldToMain,
} from './schedule.ts';

/** What the engine hands the marker: the page's index, observer and navigation watch. */
export interface Shared {
  index: MentionIndex;
  observer: PageObserver;
  nav: NavigationWatch;
  /** The wrap renderer is in use (chosen, or the Highlight API is missing). */
  wraps: boolean;
  /** The gate, built from the settings' patterns (undefined: none were sent). */
  gate(): Gate | undefined;
  /** The page's counters (the engine's work and the marker's together). */
  counters: EngineStats;
  /** Adds to the first pass's time. */
  firstTime(ms: number): void;
  /** The first pass has marked the page. */
  firstDone(): void;
}

/** Where the marker starts. */
export type MarkerStart =
  /** In the first look's read, where the gate opened (or earlier: the page changed first). */
  | { read: FlatReader; prescan?: Prescan }
  /** The first look found nothing: only changes (and open shadow roots) are left. */
  | { idle: true; finder?: ShadowFinder }
  /** From scratch (a document with no body). */
  | { fresh: true };

/** A mention found in a record (one object per mention: there may be thousands). */
interface Found {
  /** The candidate it was resolved from: offsets in the block (resolved again if need be). */
  cand: Candidate;
  entity: number;
  alias: number;
  reason: Reason;
  rec: Rec;
  page: PageMention | undefined;
  gen: number;
}

interface Rec extends Block {
  root: Node;
  found: Found[];
  /** Ambiguous candidates without cues, waiting for a long form of their entity. */
  pending: Candidate[];
  /** Entities named here by an unambiguous alias (long forms), once per mention. */
  longForms: number[];
  visible: boolean;
  alive: boolean;
}

interface Pass {
  initial: boolean;
  blocks: Block[];
  cands: Candidate[][];
  phase: 'walk' | 'resolve';
  cursor: number;
  fresh: Rec[];
  /** Changes were added to it: a block may come twice (from the first read and a change). */
  changed: boolean;
}

/**
 * Time per phase of work, for `bench/profile.ts`: compiled in only when the bench builds the
 * engine (`VITE_CC_BENCH=1`), so the shipped content script carries none of it.
 */
const PHASES = import.meta.env.VITE_CC_BENCH === '1';

/** Adds `ms` to a phase's time (`PHASES` only). */
function addPhase(phases: Record<string, number>, name: string, ms: number): void {
  phases[name] = (phases[name] ?? 0) + ms;
}

/** Characters of page text pre-scanned between deadline checks (1-3 ms on a dense page). */
const PRESCAN_SLICE = 1 << 15;
/** Mentions placed and handed to the painter between two looks at the clock. */
const PAINT_BATCH = 64;

const FOLLOWING = 4;
const PRECEDING = 2;

/** Document order across shadow roots: a node in a shadow tree sorts at its host. */
function compareNodes(a: Node, b: Node): number {
  const chain = (n: Node) => {
    const out = [n];
    for (let r = n.getRootNode(); r instanceof ShadowRoot; r = r.host.getRootNode())
      out.push(r.host);
    return out;
  };
  const ca = chain(a);
  const cb = chain(b);
  let i = ca.length - 1;
  let j = cb.length - 1;
  while (i > 0 && j > 0 && ca[i] === cb[j]) {
    i--;
    j--;
  }
  const x = ca[i]!;
  const y = cb[j]!;
  if (x === y) return j - i;
  const pos = x.compareDocumentPosition(y);
  return pos & FOLLOWING ? -1 : pos & PRECEDING ? 1 : 0;
}

function isVisible(rec: Rec): boolean {
  const el = rec.nodes[0]!.parentElement;
  if (!el || typeof el.checkVisibility !== 'function') return true;
  return el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true } as never);
}

export class Marker {
  readonly index: MentionIndex;
  /** Made on first use: a page may change for long before it shows a mention. */
  #painter: Painter | undefined;
  #shared: Shared;
  /** Built on first use: text the gate turns away never needs the trie. */
  #matcherCache: Matcher | undefined;
  #observer: PageObserver;
  #nav: NavigationWatch;
  #walker = new Walker();
  #shadowsSeen = 0;
  /** The first pass's bulk read of the body's text nodes (fast path), while it runs. */
  #reader: FlatReader | undefined;
  /** The pre-scan of that read's joined text, one slice at a time. */
  #prescan: (Prescan & { hits: number[]; limit: number }) | undefined;
  /** Text-node offsets from that read, for numeric windows in the first pass. */
  #flat: { nodes: Node[]; starts: Int32Array } | undefined;
  /** The widest numeric cue window in the tables: how far around a hit to read. */
  #extend: number;
  #finder: ShadowFinder | undefined;
  /** The wrap renderer is in use (chosen, or the Highlight API is missing). */
  #wraps = false;
  /** Open shadow roots are still to be looked for (after the first pass). */
  #shadowsPending = false;
  /** The shadow-root search: waiting for idle time, then running. */
  #findWaiting = false;
  #finding = false;
  #pass: Pass | undefined;
  #records: Rec[] = [];
  #owner = new WeakMap<Text, Rec>();
  #longForms = new Map<number, { count: number; text: string }>();
  #risen = new Set<number>();
  #fallen = new Set<number>();
  #marked: Found[] = [];
  #paintQueue: Found[] = [];
  /**
   * Marks of blocks being read again, still painted: they come off with the first paint of the
   * new ones (or when the pass paints none), in the same task, so the page never shows the
   * block unmarked in between. Highlight renderer only: the wrap renderer unwraps first.
   */
  #stale: PageMention[] = [];
  #dirty = false;
  #changed = false;
  #gen = 0;
  #nextId = 1;
  #firstDone = false;
  #pumping = false;
  #waiting = false;
  #idlers: (() => void)[] = [];
  #budget = new Budget();
  /** When the page's changes were last taken (`#gapWait`). */
  #lastTake = -Infinity;
  #counters: EngineStats;
  /** The story's rules over the records (`topic-select.ts`): what is marked, what held back. */
  #topic: TopicSelect<Rec, Found>;

  #opts: EngineOptions;
  constructor(opts: EngineOptions, shared: Shared, start: MarkerStart) {
    this.#opts = opts;
    this.#shared = shared;
    this.index = shared.index;
    this.#observer = shared.observer;
    this.#nav = shared.nav;
    this.#counters = shared.counters;
    this.#matcherCache = opts.matcher;
    this.#extend = Math.max(
      0,
      ...opts.tables.aliases.map((a) =>
        typeof a.context?.window === 'number' ? a.context.window : 0,
      ),
    );
    this.#wraps = shared.wraps;
    const relevance =
      opts.relevance ??
      new PageRelevance(location.hostname, opts.settings.marking.contextEverywhere);
    this.#topic = new TopicSelect(relevance, (rec, c, alias, reason) =>
      this.#found(c, alias, reason, rec),
    );
    relevance.onChange(() => {
      this.#dirty = true;
      this.schedule();
    });
    opts.signal.addEventListener('abort', () => this.#destroy(), { once: true });
    if ('read' in start) {
      this.#pass = this.#newPass(true);
      this.#reader = start.read;
      this.#shadowsPending = true;
      const p = start.prescan;
      if (p) this.#prescan = { ...p, ...this.#prescanLimits(start.read) };
    } else if ('idle' in start) {
      this.#firstDone = true;
      this.#finder = start.finder;
      this.#finding = !!start.finder;
    } else this.#start();
  }

  /** Past this many hits, walking everything is cheaper than walking around each. */
  #prescanLimits(r: FlatReader) {
    return { hits: [] as number[], limit: Math.max(64, r.nodes.length >> 6) };
  }

  /** The page changed: its changes are processed at the next frame (`#gapWait`). */
  schedule(): void {
    this.#schedule();
  }

  /** SPA navigation: forget everything and read the page again. */
  navigated(): void {
    this.#reset();
  }

  /** Reads an open shadow root found by the engine's search. */
  addShadow(shadow: ShadowRoot): void {
    this.#walker.addShadow(shadow);
    this.#pass ??= this.#newPass(false);
  }

  /** Starts the work (the engine calls it once it has handed over). */
  run(): void {
    void this.#pump();
  }

  get painter(): Painter {
    const style = this.#opts.settings.marking.style;
    return (this.#painter ??= this.#wraps
      ? this.#opts.wrap!(style, (write) => this.#observer.quiet(write))
      : createHighlightPainter(style));
  }

  #matcher(): Matcher {
    return (this.#matcherCache ??= createMatcher(this.#opts.tables));
  }

  /** Blocks holding a candidate, and of those, hidden ones. */
  records(): { records: number; hiddenRecords: number } {
    const records = this.#records.filter((r) => r.alive);
    return { records: records.length, hiddenRecords: records.filter((r) => !r.visible).length };
  }

  /**
   * Every mention found per entity (index), marked or not, where it could be marked (a visible
   * block, its kind on, not hidden here): the popup's counts, which the "first mention" density
   * would otherwise show as 1.
   */
  occurrences(): Map<number, number> {
    const { kinds } = this.#opts.settings.marking;
    const { entities } = this.#opts.tables;
    const out = new Map<number, number>();
    for (const rec of this.#records) {
      if (!rec.alive || !rec.visible) continue;
      for (const f of rec.found) {
        const e = entities[f.entity]!;
        if (kinds[e.kind] && !this.#opts.hidden.has(e.id))
          out.set(f.entity, (out.get(f.entity) ?? 0) + 1);
      }
    }
    return out;
  }

  idle(): Promise<void> {
    if (!this.#hasWork() && !this.#pumping && !this.#findWaiting) return Promise.resolve();
    return new Promise((r) => this.#idlers.push(r));
  }

  // ------------------------------------------------------------------ the loop

  #start(): void {
    this.#pass = this.#newPass(true);
    this.#prescan = undefined;
    const body = document.body;
    if (body) {
      this.#reader = new FlatReader(body);
      this.#shadowsPending = true;
    } else this.#walker.add(document.documentElement);
  }

  #newPass(initial: boolean): Pass {
    return { initial, blocks: [], cands: [], phase: 'walk', cursor: 0, fresh: [], changed: false };
  }

  #hasWork(): boolean {
    return !this.#opts.signal.aborted && (this.#observer.pending || this.#hasOtherWork());
  }

  /** Work to do besides taking the page's changes (a pass holds the first look's reader). */
  #hasOtherWork(): boolean {
    return (
      this.#paintQueue.length > 0 ||
      this.#pass !== undefined ||
      !this.#walker.done ||
      this.#dirty ||
      (this.#finding && this.#finder !== undefined)
    );
  }

  /** Page changes are processed at the next frame, all together (`#gapWait`). */
  #schedule(): void {
    if (this.#pumping || this.#waiting || this.#opts.signal.aborted) return;
    this.#waiting = true;
    void nextFrame().then(() => {
      this.#waiting = false;
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#hasWork()) {
        if (this.#firstDone) {
          const wait = Math.max(this.#budget.wait(), this.#gapWait());
          if (wait > 0) {
            this.#counters.throttled++;
            await sleep(wait);
            continue;
          }
        }
        const t0 = performance.now();
        const first = !this.#firstDone;
        this.#step(t0 + SLICE_MS);
        const dt = performance.now() - t0;
        this.#counters.slices++;
        this.#counters.busyMs += dt;
        this.#counters.longestSliceMs = Math.max(this.#counters.longestSliceMs, dt);
        if (first) this.#shared.firstTime(dt);
        else this.#budget.spend(dt);
        if (this.#hasWork()) {
          const y = performance.now();
          await yieldToMain();
          if (PHASES) addPhase(this.#counters.phases, 'yield', performance.now() - y);
        }
      }
    } catch (e) {
      console.warn('[Context Cards] marking stopped:', e);
    } finally {
      this.#pumping = false;
    }
    if (this.#opts.signal.aborted || !this.#hasWork()) for (const r of this.#idlers.splice(0)) r();
  }

  /** Does one slice of whatever comes next, until `deadline`. */
  #step(deadline: number): void {
    const phases = this.#counters.phases;
    let t = performance.now();
    do {
      const phase = this.#next(deadline);
      if (!phase) return;
      const now = performance.now();
      if (PHASES) addPhase(phases, phase, now - t);
      t = now;
    } while (t < deadline && !this.#opts.signal.aborted);
  }

  /** Does the next piece of work; returns its name, or undefined when there is none. */
  #next(deadline: number): string | undefined {
    if (this.#paintQueue.length > 0) return (this.#paint(deadline), 'paint');
    if (this.#pass?.phase === 'resolve') return (this.#resolvePass(deadline), 'resolve');
    if (this.#observer.pending && this.#gapWait(false) === 0) return (this.#absorb(), 'absorb');
    if (this.#reader) return (this.#read(deadline), 'read');
    if (!this.#walker.done) return (this.#walk(deadline), 'walk');
    if (this.#pass) return (this.#prepare(), 'prepare');
    if (this.#dirty) return (this.#select(), 'select');
    if (this.#finding && this.#finder) return (this.#findShadows(deadline), 'shadows');
    return undefined;
  }

  // ------------------------------------------------------------------ changes

  /**
   * How long to wait before taking the page's changes (`CHANGE_GAP_MS` after the last take, once
   * the first pass is done); `alone`: 0 unless taking them is all there is to do.
   */
  #gapWait(alone = true): number {
    if (!this.#firstDone || !this.#observer.pending || (alone && this.#hasOtherWork())) return 0;
    return Math.max(0, Math.ceil(this.#lastTake + CHANGE_GAP_MS - performance.now()));
  }

  /** Turns the observer's changes into regions to walk again and records to drop. */
  #absorb(): void {
    this.#lastTake = performance.now();
    const c = this.#observer.take();
    // An SPA navigation: the page is read again as a whole (`#reset`), these changes with it.
    if (this.#nav.check() || this.#opts.signal.aborted) return;
    if (c.removed)
      for (const rec of this.#records)
        if (rec.alive && (!rec.nodes[0]!.isConnected || !rec.nodes.at(-1)!.isConnected))
          this.#drop(rec);
    for (const el of c.toggled) {
      for (const rec of this.#records) if (rec.alive && el.contains(rec.nodes[0]!)) this.#drop(rec);
      c.touched.push(el);
    }
    if (c.restyled) this.#recheckHidden();
    const regions = regionsOf(c.touched);
    if (regions.length === 0) return;
    this.#counters.updates++;
    if (this.#wraps) this.#unwrapIn(regions);
    for (const r of regions) this.#walker.add(r.parent, r.first, r.last);
    (this.#pass ??= this.#newPass(false)).changed = true;
  }

  /** Wrap mode: takes our elements out of blocks about to be read again. */
  #unwrapIn(regions: { parent: Node; first: Node; last: Node }[]): void {
    const inside = (n: Node, r: { parent: Node; first: Node; last: Node }) => {
      let c: Node | null = n;
      while (c && c.parentNode !== r.parent) c = c.parentNode;
      if (!c) return false;
      const afterFirst = c === r.first || !!(r.first.compareDocumentPosition(c) & FOLLOWING);
      const beforeLast = c === r.last || !!(c.compareDocumentPosition(r.last) & FOLLOWING);
      return afterFirst && beforeLast;
    };
    for (const rec of this.#records) {
      if (!rec.alive || !rec.found.some((f) => f.page)) continue;
      if (regions.some((r) => inside(rec.nodes[0]!, r))) this.#unmarkRec(rec);
    }
  }

  #recheckHidden(): void {
    for (const rec of this.#records) {
      if (!rec.alive || rec.visible) continue;
      if (isVisible(rec)) {
        rec.visible = true;
        this.#dirty = true;
      }
    }
    this.#watchStyles();
  }

  #watchStyles(): void {
    this.#observer.watchStyles(this.#records.some((r) => r.alive && !r.visible));
  }

  /** SPA navigation: forget everything and read the page again. */
  #reset(): void {
    for (const rec of this.#records) if (rec.alive) this.#drop(rec);
    this.#unpaintStale();
    this.#records = [];
    this.#owner = new WeakMap();
    this.#longForms.clear();
    this.#risen.clear();
    this.#fallen.clear();
    this.#paintQueue = [];
    this.#walker = new Walker();
    this.#shadowsSeen = 0;
    this.index.shadowRoots.length = 0;
    this.#start();
    if (this.#shadowsPending) {
      this.#shadowsPending = false;
      this.#finder = new ShadowFinder(document.documentElement);
      this.#finding = true;
    }
    this.#opts.onNavigate?.();
    if (!this.#pumping) this.#schedule();
  }

  // ------------------------------------------------------------------ walk and resolve

  /** Fast path: bulk-read the body's text, pre-scan it, and queue only the regions to walk. */
  #read(deadline: number): void {
    const r = this.#reader!;
    const p = this.#prescan;
    if (!p) {
      if (!r.done && !r.run(deadline)) return;
      if (performance.now() > deadline) return; // pre-scan in the next slice
      const t = performance.now();
      this.#prescan = { ...r.result(), at: 0, gated: true, ...this.#prescanLimits(r) };
      if (PHASES) this.#counters.phases.prescanJoin = performance.now() - t;
      return; // the scan starts in the next step: this one may have been long
    }
    // A big page's text (megabytes) is scanned in slices, so no task runs long. First the gate
    // (a few native RegExps); from the first slice it lets through on, the lenient scan.
    const t = performance.now();
    const gate = this.#shared.gate();
    if (!gate) p.gated = false;
    else if (p.gated && gateThrough(gate, p, deadline) === undefined) return;
    if (PHASES && !p.gated) this.#counters.phases.gateOpened = p.at;
    if (!this.#matcherCache && p.at < p.text.length) {
      // Building the matcher (the alias trie) takes milliseconds: a step of its own.
      this.#matcher();
      if (performance.now() > deadline) return;
    }
    if (!lenientThrough(this.#matcher().lenient, p, deadline, PRESCAN_SLICE)) return;
    this.#reader = undefined;
    this.#prescan = undefined;
    // A RegExp keeps its last subject (`RegExp.input`): let go of the page's megabytes of text.
    /$/.test('');
    const { starts, hits, limit } = p;
    if (PHASES) {
      const phases = this.#counters.phases;
      addPhase(phases, 'prescan', performance.now() - t);
      phases.prescanChars = p.text.length;
      phases.prescanHits = hits.length / 2;
    }
    this.#flat = { nodes: r.nodes, starts };
    if (hits.length === 0) {
      // Nothing on the page (most pages): the first pass is over, with nothing to resolve,
      // select or paint (none of that code runs).
      if (this.#pass?.initial && this.#walker.done && this.#records.length === 0) {
        this.#pass = undefined;
        this.#painted();
      }
      return;
    }
    const regions =
      hits.length < limit * 2 ? hitRegions(r.nodes, starts, hits, this.#extend) : undefined;
    if (!regions) {
      // Hits everywhere: one walk of everything is cheaper (and finds shadow roots itself).
      this.#walker.add(document.documentElement);
      this.#shadowsPending = false;
      return;
    }
    for (const g of dedupeRegions(regions)) this.#walker.add(g.parent, g.first, g.last);
  }

  /** Idle time after the first pass: open shadow roots are looked for and read. */
  #findShadows(deadline: number): void {
    const found: ShadowRoot[] = [];
    if (this.#finder!.run(deadline, (s) => found.push(s))) this.#finder = undefined;
    for (const s of found) this.#walker.addShadow(s);
    if (found.length > 0) this.#pass ??= this.#newPass(false);
  }

  #walk(deadline: number): void {
    const pass = (this.#pass ??= this.#newPass(false));
    for (;;) {
      const t = PHASES ? performance.now() : 0;
      const blocks = this.#walker.run(Math.min(deadline, performance.now() + 2));
      const u = PHASES ? performance.now() : 0;
      for (const b of blocks) {
        pass.blocks.push(b);
        pass.cands.push(this.#matcher().candidates(b.text));
      }
      if (PHASES) {
        const phases = this.#counters.phases;
        addPhase(phases, 'walkDom', u - t);
        addPhase(phases, 'match', performance.now() - u);
      }
      if (this.#walker.done || performance.now() >= deadline) break;
    }
    const shadows = this.#walker.shadows;
    for (; this.#shadowsSeen < shadows.length; this.#shadowsSeen++) {
      this.#observer.observe(shadows[this.#shadowsSeen]!);
      this.index.shadowRoots.push(shadows[this.#shadowsSeen]!);
    }
  }

  /** The walk is over: drop what it read again, and count the long forms on the page. */
  #prepare(): void {
    const pass = this.#pass!;
    const seen = new Map<Text, number>();
    // A first pass over an unmarked page that never restarted, nor took changes in, has nothing
    // to replace.
    const clean =
      pass.initial && !pass.changed && this.#records.length === 0 && !this.#walker.restarted;
    pass.blocks.forEach((block, b) => {
      const cands = pass.cands[b]!;
      if (clean || (pass.initial && !pass.changed && cands.length === 0)) return;
      for (const n of block.nodes) {
        const old = this.#owner.get(n);
        if (old?.alive) this.#drop(old, true);
        // A block read twice in one pass (the walk restarted, or a change came in while the
        // first read ran): the later reading wins.
        const earlier = seen.get(n);
        if (earlier !== undefined && earlier !== b) pass.cands[earlier] = [];
        seen.set(n, b);
      }
    });
    pass.blocks.forEach((block, b) => {
      for (const c of pass.cands[b]!) if (!c.ambiguous) this.#addLongForm(c.entity, block, c);
    });
    if (pass.initial && this.#flat && this.#extend > 0) this.#placeBlocks(pass.blocks);
    pass.phase = 'resolve';
  }

  #found(cand: Candidate, alias: number, reason: Reason, rec: Rec): Found {
    const entity = this.#opts.tables.aliases[alias]!.entity;
    return { cand, entity, alias, reason, rec, page: undefined, gen: 0 };
  }

  /** Where each block starts in the page's text (numeric cue windows measure with it). */
  #placeBlocks(blocks: Block[]): void {
    const flat = this.#flat!;
    // Found by binary search in document order: no map of every text node of a huge page.
    for (const block of blocks) {
      const at = offsetInOrder(flat.nodes, flat.starts, block.nodes[0]!);
      if (at >= 0) (block as BlockText).at = at;
    }
  }

  #resolvePass(deadline: number): void {
    const pass = this.#pass!;
    const longForm = (e: number) => this.#longFormOf(e);
    let k = 0;
    for (; pass.cursor < pass.blocks.length; pass.cursor++) {
      if ((++k & 15) === 0 && performance.now() > deadline) return;
      const b = pass.cursor;
      const cands = pass.cands[b]!;
      if (cands.length === 0) continue;
      const block = pass.blocks[b]!;
      if (!block.nodes[0]!.isConnected) continue;
      // The block becomes its record (no copy: there may be thousands).
      const rec = block as Rec;
      rec.root = block.nodes[0]!.getRootNode();
      rec.found = [];
      rec.pending = [];
      rec.longForms = [];
      rec.visible = true;
      rec.alive = true;
      for (const c of cands) {
        if (!c.ambiguous) rec.longForms.push(c.entity);
        const d = decide(this.#matcher(), pass.blocks as BlockText[], b, c, longForm);
        if (d) rec.found.push(this.#found(c, d.alias, d.reason, rec));
        else rec.pending.push(c);
      }
      for (const n of block.nodes) this.#owner.set(n, rec);
      // Visibility needs style (clean after load, so cheap per call): only blocks with mentions.
      rec.visible = isVisible(rec);
      this.#insert(rec);
      pass.fresh.push(rec);
    }
    this.#finishPass(pass);
  }

  #finishPass(pass: Pass): void {
    this.#pass = undefined;
    // Long forms that appeared: ambiguous mentions elsewhere on the page may now be marked.
    const risen = [...this.#risen].filter((e) => (this.#longForms.get(e)?.count ?? 0) > 0);
    this.#risen.clear();
    if (risen.length > 0) {
      const fresh = new Set(pass.fresh);
      for (const rec of this.#records) {
        if (!rec.alive || rec.pending.length === 0 || fresh.has(rec)) continue;
        this.#reresolve(rec);
      }
    }
    // Long forms that disappeared: mentions marked only because of them are unmarked.
    const fallen = [...this.#fallen].filter((e) => (this.#longForms.get(e)?.count ?? 0) === 0);
    this.#fallen.clear();
    if (fallen.length > 0)
      for (const rec of this.#records) {
        if (!rec.alive) continue;
        const keep = rec.found.filter(
          (f) => !(f.reason.rule === 'long-form' && fallen.includes(f.entity)),
        );
        if (keep.length === rec.found.length) continue;
        this.#unmarkRec(rec, true);
        this.#reresolve(rec);
      }
    this.#watchStyles();
    // Selected in a step of its own: the pass may have used up its slice.
    this.#dirty = true;
  }

  /** Resolves a record's waiting candidates again (a long form appeared or went). */
  #reresolve(rec: Rec): void {
    const longForm = (e: number) => this.#longFormOf(e);
    const cands = [
      ...rec.pending,
      ...rec.found.filter((f) => f.reason.rule === 'long-form').map((f) => f.cand),
    ];
    rec.found = rec.found.filter((f) => f.reason.rule !== 'long-form');
    rec.pending = [];
    for (const c of cands) {
      const d = decide(this.#matcher(), [rec], 0, c, longForm);
      if (d) rec.found.push(this.#found(c, d.alias, d.reason, rec));
      else rec.pending.push(c);
    }
    rec.found.sort((x, y) => x.cand.start - y.cand.start);
    this.#dirty = true;
  }

  /** The page text of a long form of `entity` on the page now, if any. */
  #longFormOf(entity: number): string | undefined {
    const lf = this.#longForms.get(entity);
    return lf && lf.count > 0 ? lf.text : undefined;
  }

  #addLongForm(entity: number, block: Block, c: Candidate): void {
    const lf = this.#longForms.get(entity);
    if (!lf || lf.count === 0) {
      this.#longForms.set(entity, { count: 1, text: block.text.slice(c.start, c.end) });
      this.#risen.add(entity);
    } else lf.count++;
  }

  /** Inserts a record in document order (new blocks usually come last). */
  #insert(rec: Rec): void {
    const list = this.#records;
    const before = (other: Rec) =>
      other.root === document && rec.root === document
        ? (other.nodes[0]!.compareDocumentPosition(rec.nodes[0]!) & FOLLOWING) !== 0
        : compareNodes(other.nodes[0]!, rec.nodes[0]!) < 0;
    const last = list[list.length - 1];
    if (!last || before(last)) {
      list.push(rec);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(list[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, rec);
  }

  /**
   * A record's block is gone or being read again: unmark it and forget it. `repainting`: the pass
   * paints next (see `#unmarkRec`).
   */
  #drop(rec: Rec, repainting = false): void {
    rec.alive = false;
    this.#unmarkRec(rec, repainting);
    for (const entity of rec.longForms) {
      const lf = this.#longForms.get(entity);
      if (lf && --lf.count === 0) this.#fallen.add(entity);
    }
    this.#dirty = true;
  }

  /**
   * Takes a record's marks out of the index. `repainting`: the pass paints next, so with the
   * highlight renderer they stay painted until then (`#stale`); the wrap renderer unwraps now.
   */
  #unmarkRec(rec: Rec, repainting = false): void {
    const gone: PageMention[] = [];
    for (const f of rec.found) {
      if (!f.page) continue;
      this.index.remove(f.page);
      gone.push(f.page);
      f.page = undefined;
    }
    if (gone.length === 0) return;
    if (repainting && !this.#wraps) for (const m of gone) this.#stale.push(m);
    else this.painter.remove(gone);
    this.#changed = true;
    this.#dirty = true;
  }

  /** Takes the marks of blocks read again off the page (`#stale`). */
  #unpaintStale(): void {
    if (this.#stale.length === 0) return;
    this.painter.remove(this.#stale);
    this.#stale = [];
  }

  // ------------------------------------------------------------------ select and paint

  /** Decides which mentions are marked: density, kinds, hidden entities and cap, in order. */
  #select(): void {
    this.#dirty = false;
    this.#records = this.#records.filter((r) => r.alive);
    const { density, kinds, capPerPage } = this.#opts.settings.marking;
    const { entities } = this.#opts.tables;
    const gen = ++this.#gen;
    const want: Found[] = [];
    const seen = new Set<number>();
    for (const f of this.#topic.select(this.#records, this.#opts.tables)) {
      if (!f.rec.visible) continue;
      const entity = entities[f.entity]!;
      if (!kinds[entity.kind] || this.#opts.hidden.has(entity.id)) continue;
      if (density === 'first' && seen.has(f.entity)) continue;
      if (want.length >= capPerPage) break;
      seen.add(f.entity);
      f.gen = gen;
      want.push(f);
    }
    const gone: PageMention[] = [];
    for (const f of this.#marked) {
      if (f.gen === gen || !f.page) continue;
      this.index.remove(f.page);
      gone.push(f.page);
      f.page = undefined;
    }
    if (gone.length > 0) {
      this.painter.remove(gone);
      this.#changed = true;
    }
    this.#marked = want;
    const todo = want.filter((f) => !f.page && f.rec.alive);
    // Painted in document order; with many marks the painter paints what is on screen first.
    this.#paintQueue = todo.reverse();
    if (this.#paintQueue.length === 0) this.#painted();
  }

  #paint(deadline: number): void {
    const queue = this.#paintQueue;
    // In batches, the painter's share included, so that the slice keeps to its deadline.
    while (queue.length > 0 && performance.now() <= deadline) {
      const batch: PageMention[] = [];
      while (queue.length > 0 && batch.length < PAINT_BATCH) {
        const f = queue.pop()!;
        if (!f.rec.alive || f.page) continue;
        if (f.rec.root !== document && f.rec.root instanceof ShadowRoot)
          this.painter.coverShadowRoot(f.rec.root);
        f.page = this.#place(f);
        batch.push(f.page);
      }
      if (batch.length === 0) continue;
      this.#unpaintStale();
      this.painter.add(batch);
      for (const pm of batch) this.index.add(pm);
      this.#changed = true;
    }
    if (queue.length === 0) this.#painted();
  }

  /** A mention placed on its text nodes. */
  #place(f: Found): PageMention {
    const { cand } = f;
    return new PlacedMention(
      f.rec,
      cand.start,
      cand.end,
      f.entity,
      f.alias,
      f.reason,
      this.#nextId++,
    );
  }

  /** Everything selected is painted: publish the new order. */
  #painted(): void {
    this.#unpaintStale();
    this.index.setOrder(this.#marked.flatMap((f) => (f.page ? [f.page] : [])));
    if (!this.#firstDone && !this.#pass && this.#walker.done && !this.#reader) {
      this.#firstDone = true;
      this.#flat = undefined;
      this.#budget = new Budget();
      this.#shared.firstDone();
      if (this.#shadowsPending) {
        this.#findWaiting = true;
        whenIdle(() => {
          this.#findWaiting = false;
          this.#shadowsPending = false;
          if (this.#opts.signal.aborted) return;
          this.#finder = new ShadowFinder(document.documentElement);
          this.#finding = true;
          void this.#pump();
        });
      }
    }
    if (this.#changed) {
      this.#changed = false;
      this.#opts.onChange?.(this.index.all);
    }
  }

  #destroy(): void {
    this.#findWaiting = false;
    this.#observer.disconnect();
    this.#painter?.destroy();
    this.index.clear();
    this.#paintQueue = [];
    this.#stale = [];
    for (const r of this.#idlers.splice(0)) r();
  }
}
