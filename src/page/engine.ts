/**
 * The marking engine of one page (one frame), and its first look.
 *
 *   start ─► quick look: the body's text natively (`QuickText`), the gate's anchors [quick]
 *        ─► no anchor: done
 *   an anchor, or a page too big for it, or an SPA navigation
 *        ─► FlatReader (the body's text in pieces, a Range.toString() each)          [read]
 *        ─► gate (native RegExps: could this text hold a mention?)                    [gate]
 *        ─► no: done; the page is watched, open shadow roots are looked for at idle time
 *        ─► yes, or the page changes, or a shadow root turns up: the marker (`marker.ts`)
 *           takes over from there (pre-scan, walk, match, resolve, select, paint)
 *
 * Most pages hold no mention. For them the first look reads their text natively, at less than
 * the cost of a bare TreeWalker, and the gate's anchors (`matcher/gate.ts`, patterns sent by
 * the background) turn it away: the matcher is never built and the marker never loaded. The
 * marker is a chunk of its own (`marker.iife.ts`), injected by the background on demand
 * (`chunks.ts`), so the script on every page carries none of its code (V8 compiles a function
 * on its first call, at about 0.1 ms per KB of source here). Changes to such a page are looked
 * at here too, at the next frame (then at most every `CHANGE_GAP_MS` while the page keeps
 * changing): the gate tests the text of the blocks they touched, and only text it lets through
 * brings the marker in.
 *
 * Owns: the first look, and what lives as long as the page: the mention index, the page
 * observer, the navigation watch and the counters, all handed to the marker when it is made.
 * Never: walks blocks, matches or paints (the marker does).
 */
import type { MatchTables } from '../dataset/tables.ts';
import type { GateSources } from '../matcher/gate-sources.ts';
import { createGate, GATE_SLICE, type Gate } from '../matcher/gate.ts';
import type { Matcher } from '../matcher/index.ts';
import type { Settings } from '../shared/settings.ts';
import { loadMarker } from './chunks.ts';
import { regionsOf } from './collect.ts';
import type { Painter } from './highlight.ts';
import { registeredMarker, type MarkerClass } from './marker-bridge.ts';
import type { Marker, MarkerStart } from './marker.ts';
import { MentionIndex, type PageMention } from './mentions.ts';
import { watchNavigation, type NavigationWatch } from './navigation.ts';
import { PageObserver } from './observe.ts';
import type { PageRelevance } from './relevance.ts';
import {
  FlatReader,
  gateThrough,
  QuickText,
  regionsText,
  ShadowFinder,
  slicesThrough,
  type Prescan,
} from './prefilter.ts';
import { frameAfter, SLICE_MS, whenIdle, yieldToMain } from './schedule.ts';
import type { WrapFactory } from './wrap-bridge.ts';

export interface EngineOptions {
  signal: AbortSignal;
  settings: Settings;
  tables: MatchTables;
  /** Entity ids hidden on this site by the user. */
  hidden: ReadonlySet<string>;
  /**
   * The page's host and the user's choices for the story's rules, where the marker reports its
   * decision (`relevance.ts`); without it, the marker makes one for `location.hostname`.
   */
  relevance?: PageRelevance;
  /** Called whenever the set of marked mentions changes (first pass and every update). */
  onChange?: (mentions: readonly PageMention[]) => void;
  /** Called after an SPA navigation reset the page's state. */
  onNavigate?: () => void;
  /** A matcher already compiled from `tables` (the bench shares one across runs). */
  matcher?: Matcher;
  /**
   * The marker, where the caller has it at hand (tests, bench). Without it the marker is loaded
   * on demand, the first time the page needs it (`chunks.ts`).
   */
  marker?: MarkerClass;
  /**
   * The gate's patterns for `tables` (the background builds them once and sends them with the
   * settings). With them, a page whose text cannot hold a mention is turned away natively and
   * the matcher is never built; without, every page gets the lenient scan.
   */
  gate?: GateSources;
  /**
   * The wrap renderer, where `needsWrap(settings)`: loaded on demand (`chunks.ts`) so the
   * script on every page does not carry it. Without it the highlight renderer is used.
   */
  wrap?: WrapFactory;
}

/** The Highlight API is there. */
export const hasHighlights = () =>
  typeof Highlight === 'function' && typeof CSS !== 'undefined' && !!CSS.highlights;

/** The wrap renderer is an option, and the fallback where the Highlight API is missing. */
export const needsWrap = (settings: Settings) =>
  settings.marking.renderer === 'wrap' || !hasHighlights();

export interface EngineStats {
  /** Slices of work run, and their total and longest duration. */
  slices: number;
  busyMs: number;
  longestSliceMs: number;
  /** Passes over changed regions after the first. */
  updates: number;
  /** Times the main-thread budget made the engine wait. */
  throttled: number;
  /** Blocks holding a candidate, and of those, hidden ones. */
  records: number;
  hiddenRecords: number;
  /** Milliseconds spent per kind of work (walk includes matching), for the bench. */
  phases: Record<string, number>;
}

export interface Engine {
  readonly index: MentionIndex;
  readonly painter: Painter;
  /** Marked mentions in document order. */
  mentions(): readonly PageMention[];
  /** Mentions found per entity (index), marked or not (see `Marker.occurrences`). */
  occurrences(): ReadonlyMap<number, number>;
  /** Milliseconds of work the first marking pass took (sum of its slices). */
  readonly markMs: number;
  /** Settles when the first pass has marked the page. */
  readonly ready: Promise<void>;
  /** Settles when no work is left (tests, bench). */
  idle(): Promise<void>;
  stats(): EngineStats;
}

/** Time per phase, for `bench/profile.ts` only (see `marker.ts`). */
const PHASES = import.meta.env.VITE_CC_BENCH === '1';

/** Before the marker is made there is nothing to paint. */
const NO_PAINTER: Painter = {
  add() {},
  remove() {},
  setActive() {},
  coverShadowRoot() {},
  destroy() {},
};

class PageEngine implements Engine {
  readonly index = new MentionIndex();
  readonly ready: Promise<void>;
  #readyResolve!: () => void;
  #opts: EngineOptions;
  #observer: PageObserver;
  #nav: NavigationWatch;
  #marker: Marker | undefined;
  /** The marker is being loaded: where it will start, and the shadow roots it will read. */
  #waking: { start: MarkerStart; shadows: ShadowRoot[] } | undefined;
  /** Changes wait for the next frame, to be looked at together. */
  #changesWaiting = false;
  /** When the page's changes were last looked at (`CHANGE_GAP_MS` apart while it keeps changing). */
  #lastLook = -Infinity;
  #gate: Gate | undefined;
  /**
   * The quick look at a page as loaded: its reader, then (once it is done) its text, tested with
   * the gate's anchors up to `at`.
   */
  #quick: { read: QuickText; text: string; at: number } | undefined;
  /** The first look while it runs: the read, then the gate over its text. */
  #look: { read: FlatReader; prescan?: Prescan } | undefined;
  /** Open shadow roots are looked for at idle time after an empty first look. */
  #finder: ShadowFinder | undefined;
  #findWaiting = false;
  #running = false;
  #firstDone = false;
  #firstMs = 0;
  #idlers: (() => void)[] = [];
  #counters: EngineStats = {
    slices: 0,
    busyMs: 0,
    longestSliceMs: 0,
    updates: 0,
    throttled: 0,
    records: 0,
    hiddenRecords: 0,
    phases: {},
  };

  constructor(opts: EngineOptions) {
    const t0 = performance.now();
    this.#opts = opts;
    this.ready = new Promise((r) => (this.#readyResolve = r));
    this.#observer = new PageObserver(() => this.#changed());
    this.#nav = watchNavigation(opts.signal, () => this.#navigated());
    opts.signal.addEventListener('abort', () => this.#destroy(), { once: true });
    if (opts.settings.marking.density === 'off' || opts.signal.aborted) {
      this.#done();
      return;
    }
    this.#observer.observe(document);
    this.#begin(true);
    this.#firstMs = performance.now() - t0;
    if (PHASES) this.#counters.phases.setup = this.#firstMs;
    void this.#run();
  }

  get painter(): Painter {
    return this.#marker?.painter ?? NO_PAINTER;
  }

  get markMs(): number {
    return this.#firstMs;
  }

  mentions(): readonly PageMention[] {
    return this.index.all;
  }

  occurrences(): ReadonlyMap<number, number> {
    return this.#marker?.occurrences() ?? new Map();
  }

  stats(): EngineStats {
    return {
      ...this.#counters,
      phases: { ...this.#counters.phases },
      ...(this.#marker?.records() ?? { records: 0, hiddenRecords: 0 }),
    };
  }

  idle(): Promise<void> {
    if (this.#marker) return this.#marker.idle();
    if (!this.#busy()) return Promise.resolve();
    return new Promise((r) => this.#idlers.push(r));
  }

  // ------------------------------------------------------------------ the first look

  /**
   * Starts the first look: at the page as loaded (`quick`), the quick look where it can be had
   * (`QuickText.ofPage`) and the gate is at hand; else, and after an SPA navigation, the full read.
   */
  #begin(quick = false): void {
    const body = document.body;
    if (!body) return this.#wake({ fresh: true });
    const read = quick && this.#opts.gate ? QuickText.ofPage(body) : undefined;
    if (read) this.#quick = { read, text: '', at: 0 };
    else this.#look = { read: new FlatReader(body) };
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (!this.#opts.signal.aborted && !this.#marker && this.#looking()) {
        const t0 = performance.now();
        const first = !this.#firstDone;
        if (this.#quick || this.#look) this.#lookSlice(t0 + SLICE_MS);
        else this.#findSlice(t0 + SLICE_MS);
        const dt = performance.now() - t0;
        const c = this.#counters;
        c.slices++;
        c.busyMs += dt;
        c.longestSliceMs = Math.max(c.longestSliceMs, dt);
        if (first) this.#firstMs += dt;
        if (!this.#marker && this.#looking()) await yieldToMain();
      }
    } catch (e) {
      console.warn('[Context Cards] marking stopped:', e);
    } finally {
      this.#running = false;
    }
    this.#settled();
  }

  /** The first look or the search for shadow roots has work left. */
  #looking(): boolean {
    return !!(this.#quick || this.#look || this.#finder);
  }

  /**
   * The quick look, then (if it found an anchor) the full read of the page's text and the gate
   * over it, until `deadline`.
   */
  #lookSlice(deadline: number): void {
    const t = PHASES ? performance.now() : 0;
    const quick = this.#quick;
    if (quick) {
      if (!quick.read.done) {
        // Read in pieces: a page of text would be one long task read at once.
        const done = quick.read.run(deadline);
        if (PHASES) {
          const phases = this.#counters.phases;
          phases.quickRead = (phases.quickRead ?? 0) + performance.now() - t;
        }
        if (!done) return;
        quick.text = quick.read.text;
      }
      const gate = this.#gateOf()!;
      const found = slicesThrough(quick, deadline, (from, to) =>
        gate.anchored(quick.text, from, to),
      );
      if (found === undefined) return;
      if (!found) {
        if (PHASES) this.#counters.phases.quick = performance.now() - t;
        return this.#nothingHere();
      }
      // An anchor: the page is read again, counting its text nodes, for the gate to test in full.
      this.#quick = undefined;
      if (PHASES) this.#counters.phases.quickOpened = performance.now() - t;
      this.#begin();
      if (!this.#look) return; // no body: the marker was brought in
    }
    const look = this.#look!;
    if (!look.prescan) {
      if (!look.read.done && !look.read.run(deadline)) return;
      look.prescan = { ...look.read.result(), at: 0, gated: true };
      if (PHASES) this.#counters.phases.read = performance.now() - t;
    }
    const p = look.prescan;
    const gate = this.#gateOf();
    if (!gate) return this.#wake(look);
    const open = gateThrough(gate, p, deadline);
    if (open === undefined) return;
    if (open) {
      if (PHASES) this.#counters.phases.gateOpened = p.at;
      return this.#wake(look);
    }
    if (PHASES) this.#counters.phases.gate = performance.now() - t;
    this.#nothingHere();
  }

  /** Nothing on the page: the first look is over. */
  #nothingHere(): void {
    this.#quick = undefined;
    this.#look = undefined;
    // A RegExp keeps its last subject (`RegExp.input`): let go of the page's text.
    /$/.test('');
    this.#done();
    this.#findLater();
  }

  #gateOf(): Gate | undefined {
    const sources = this.#opts.gate;
    return sources && (this.#gate ??= createGate(sources));
  }

  /** After an empty first look, open shadow roots are looked for at idle time. */
  #findLater(): void {
    this.#findWaiting = true;
    whenIdle(() => {
      if (!this.#findWaiting) return;
      this.#findWaiting = false;
      if (this.#opts.signal.aborted || this.#marker) return this.#settled();
      this.#finder = new ShadowFinder(document.documentElement);
      void this.#run();
    });
  }

  #findSlice(deadline: number): void {
    const found: ShadowRoot[] = [];
    const finished = this.#finder!.run(deadline, (s) => found.push(s));
    if (found.length === 0) {
      if (finished) this.#finder = undefined;
      return;
    }
    // Text in a shadow root: the marker reads it, and finishes the search.
    const finder = finished ? undefined : this.#finder;
    this.#finder = undefined;
    this.#wake({ idle: true, finder }, found);
  }

  // ------------------------------------------------------------------ handing over

  /** Brings the marker in (loading it first if need be), to take over from `start`. */
  #wake(start: MarkerStart, shadows: ShadowRoot[] = []): void {
    this.#quick = undefined;
    this.#look = undefined;
    this.#finder = undefined;
    this.#findWaiting = false;
    this.#changesWaiting = false;
    if (this.#waking) return void this.#waking.shadows.push(...shadows);
    const ready = this.#opts.marker ?? registeredMarker();
    if (ready) return this.#handOver(ready, start, shadows);
    this.#waking = { start, shadows };
    void loadMarker().then((M) => {
      const waking = this.#waking;
      this.#waking = undefined;
      if (!waking || this.#opts.signal.aborted) return this.#settled();
      if (M) return this.#handOver(M, waking.start, waking.shadows);
      // It could not be loaded (the extension was updated or reloaded under this page): nothing
      // will be marked here.
      this.#done();
      this.#settled();
    });
  }

  /** Makes the marker, which takes over from `start`. */
  #handOver(M: MarkerClass, start: MarkerStart, shadows: ShadowRoot[]): void {
    const marker = new M(
      this.#opts,
      {
        index: this.index,
        observer: this.#observer,
        nav: this.#nav,
        wraps: !!this.#opts.wrap && needsWrap(this.#opts.settings),
        gate: () => this.#gateOf(),
        counters: this.#counters,
        firstTime: (ms) => (this.#firstMs += ms),
        firstDone: () => this.#done(),
      },
      start,
    );
    this.#marker = marker;
    for (const s of shadows) marker.addShadow(s);
    marker.run();
    const idlers = this.#idlers.splice(0);
    if (idlers.length > 0) void marker.idle().then(() => idlers.forEach((r) => r()));
  }

  /**
   * The page changed: the marker reads the changes. Before it is there, they are looked at at the
   * next frame, and bring it in only if the gate lets their text through. (While it is loading,
   * they wait in the observer for it.)
   */
  #changed(): void {
    if (this.#opts.signal.aborted || this.#waking) return;
    if (this.#marker) return this.#marker.schedule();
    if (!this.#opts.gate) return this.#wake(this.#resumable());
    if (this.#changesWaiting) return;
    this.#changesWaiting = true;
    void frameAfter(this.#lastLook).then(() => {
      if (!this.#changesWaiting) return;
      this.#changesWaiting = false;
      this.#lookAtChanges();
    });
  }

  /**
   * Tests the text of the blocks the page's changes touched with the gate. Nothing is marked yet,
   * so only text matters (removals leave nothing to drop, and hidden or restyled text was read
   * like any other). Changes that touch more text than one gate slice bring the marker in
   * straight away: it reads them in slices, within its budget.
   */
  #lookAtChanges(): void {
    if (this.#opts.signal.aborted || this.#marker || this.#waking) return;
    const t0 = performance.now();
    this.#lastLook = t0;
    if (this.#nav.check()) {
      // An SPA navigation: the new look (or the marker) reads the whole page.
      this.#observer.take();
      return;
    }
    const regions = regionsOf(this.#observer.peek().touched);
    const read = regions.length > 0 ? regionsText(regions, GATE_SLICE) : undefined;
    const open = regions.length > 0 && (!read || this.#gateOf()!.maybe(read.text, read.starts));
    this.#counters.busyMs += performance.now() - t0;
    if (open) return this.#wake(this.#resumable());
    this.#observer.take();
    this.#settled();
  }

  /**
   * Where the marker starts if it is brought in now: the first look's place (the quick look has
   * none: from scratch), or after it.
   */
  #resumable(): MarkerStart {
    if (this.#quick) return { fresh: true };
    return this.#look ?? { idle: true, finder: this.#pendingFinder() };
  }

  /** The shadow-root search still to do (or to finish), for the marker to take over. */
  #pendingFinder(): ShadowFinder | undefined {
    if (this.#finder) return this.#finder;
    return this.#findWaiting ? new ShadowFinder(document.documentElement) : undefined;
  }

  #navigated(): void {
    if (this.#marker) return this.#marker.navigated();
    if (this.#waking) {
      // The marker will read the new page from the start.
      this.#waking = { start: { fresh: true }, shadows: [] };
      return this.#opts.onNavigate?.();
    }
    // Nothing is marked: look again.
    this.#quick = undefined;
    this.#findWaiting = false;
    this.#finder = undefined;
    this.#begin();
    this.#opts.onNavigate?.();
    void this.#run();
  }

  #done(): void {
    if (this.#firstDone) return;
    this.#firstDone = true;
    this.#readyResolve();
  }

  /** Work of the first look's is left (or the marker is on its way). */
  #busy(): boolean {
    return (
      !!this.#quick ||
      !!this.#look ||
      !!this.#finder ||
      !!this.#waking ||
      this.#running ||
      this.#findWaiting ||
      this.#changesWaiting
    );
  }

  #settled(): void {
    if (this.#marker || this.#busy()) return;
    for (const r of this.#idlers.splice(0)) r();
  }

  #destroy(): void {
    this.#quick = undefined;
    this.#look = undefined;
    this.#finder = undefined;
    this.#waking = undefined;
    this.#findWaiting = false;
    this.#changesWaiting = false;
    this.#observer.disconnect();
    this.#done();
    for (const r of this.#idlers.splice(0)) r();
  }
}

export function createEngine(opts: EngineOptions): Engine {
  return new PageEngine(opts);
}
