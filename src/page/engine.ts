/**
 * The marking engine of one page (one frame), and all that runs on a page with no mention: one
 * machine with a named phase, in one loop (`SliceLoop`); src/page/README.md tells the story.
 *
 *   look ─► an anchor, a page too big for the quick read, an SPA navigation, no anchors sent
 *    │ no anchor                                                       ─► load ─► mark (marker)
 *    ▼                                                                            ▲
 *   watch: changed text tested with the anchors; open shadow roots looked for ────┘ (on a hit)
 *
 * Owns: the phase, the loop and what lives as long as the page (the mention index, the change
 * watch, the navigation watch, the shadow-root search), handed to the marker when it is made.
 * Never: walks blocks, matches or paints (the marker does).
 */
import { ANCHOR_CHUNK_CHARS, createGate, type Gate } from '../matcher/gate.ts';
import { ChangeWatch } from './changes.ts';
import { loadMarker } from './chunks.ts';
import { regionsOf, type Region } from './collect.ts';
import type { Painter } from './highlight.ts';
import {
  registeredMarker,
  type MarkerApi,
  type MarkerClass,
  type PageParts,
  type RunOptions,
} from './bridges.ts';
import { MentionIndex, type PageMention } from './mentions.ts';
import { watchNavigation, type NavigationWatch } from './navigation.ts';
import { SliceLoop, type LoopStats, type Work } from './schedule.ts';
import type { Looked } from './marker/first-pass.ts';
import { ShadowSearch } from './shadow-search.ts';
import { chunksThrough } from './text/flat-reader.ts';
import { QuickText } from './text/quick-text.ts';

export interface EngineOptions extends RunOptions {
  marker?: MarkerClass; // at hand (tests, bench); else loaded on demand
}

/** The loop's figures; passes over changed regions; blocks holding a candidate, hidden ones. */
export type EngineStats = LoopStats & { updates: number; records: number; hiddenRecords: number };

export interface Engine {
  readonly index: MentionIndex;
  readonly painter: Painter;
  /** Marked mentions in document order. */
  mentions(): readonly PageMention[];
  /** Mentions found per entity (index), marked or not. */
  occurrences(): ReadonlyMap<number, number>;
  /** Milliseconds of work the first marking pass took (sum of its slices). */
  readonly markMs: number;
  /** Settle when the first pass has marked the page; when no work is left (tests, bench). */
  readonly ready: Promise<void>;
  idle(): Promise<void>;
  stats(): EngineStats;
}

/** Before the marker is made there is nothing to paint. */
const NO_PAINTER: Painter = {
  add() {},
  remove() {},
  setActive() {},
  coverShadowRoot() {},
  destroy() {},
};

type Phase = 'look' | 'watch' | 'load' | 'mark' | 'off';

class PageEngine implements Engine, Work {
  readonly index = new MentionIndex();
  readonly ready: Promise<void>;
  markMs = 0;
  #phase: Phase = 'look';
  #opts: EngineOptions;
  #loop: SliceLoop;
  #changes: ChangeWatch;
  #nav: NavigationWatch;
  #shadows = new ShadowSearch();
  #gate: Gate | undefined;
  /** The first look's text, for the marker brought in by an anchor in it. */
  #looked: Looked | undefined;
  /** The first look: the quick read, then its text, tested with the anchors up to `at`. */
  #look: { read: QuickText; text: string; at: number } | undefined;
  #marker: MarkerApi | undefined;
  /** `ready` has settled (the first look or pass is over); it had not when the slice began. */
  #settled = false;
  #timing = true;
  #resolveReady!: () => void;
  #wake = () => this.#loop.run();

  constructor(opts: EngineOptions) {
    const t0 = performance.now();
    this.#opts = opts;
    this.#gate = opts.gate && createGate(opts.gate);
    this.ready = new Promise((r) => (this.#resolveReady = r));
    this.#loop = new SliceLoop(opts.signal, this);
    this.#changes = new ChangeWatch(opts.signal, this.#loop);
    this.#nav = watchNavigation(opts.signal, () => this.#navigated());
    opts.signal.addEventListener('abort', () => this.#stop(), { once: true });
    if (opts.settings.marking.density === 'off' || opts.signal.aborted) {
      this.#stop();
      return;
    }
    this.#changes.observe(document);
    const body = document.body;
    const read = body && opts.gate ? QuickText.ofPage(body) : undefined;
    if (read) this.#look = { read, text: '', at: 0 };
    this.markMs = performance.now() - t0;
    if (read) this.#wake();
    else this.#load();
  }

  get painter(): Painter {
    return this.#marker?.painter ?? NO_PAINTER;
  }
  mentions(): readonly PageMention[] {
    return this.index.all;
  }
  occurrences(): ReadonlyMap<number, number> {
    return this.#marker?.occurrences() ?? new Map();
  }
  idle(): Promise<void> {
    return this.#loop.idle();
  }

  stats(): EngineStats {
    const s = this.#loop.stats;
    return {
      ...s,
      phases: { ...s.phases },
      updates: this.#marker?.updates ?? 0,
      ...(this.#marker?.records() ?? { records: 0, hiddenRecords: 0 }),
    };
  }

  canStep(): boolean {
    const phase = this.#phase;
    if (phase === 'mark') return this.#marker!.canStep();
    if (phase === 'look') return true;
    return phase === 'watch' && (this.#changes.pending || this.#shadows.state === 'running');
  }

  delay(): number {
    if (this.#phase === 'mark') return this.#marker!.delay();
    return this.#changes.delay(this.#phase === 'look' || this.#shadows.state === 'running');
  }

  step(deadline: number): string | undefined {
    const phase = this.#phase;
    if (phase === 'mark') return this.#marker!.step(deadline);
    if (phase !== 'look' && phase !== 'watch') return undefined;
    if (this.#changes.due()) return this.#lookAtChanges();
    if (phase === 'look') return this.#lookAtPage(deadline);
    if (this.#shadows.state !== 'running') return undefined;
    // An open shadow root: the marker reads it (and finishes the search).
    if (this.#shadows.run(deadline)) this.#load();
    return 'shadows';
  }

  spent(ms: number): void {
    if (this.#timing) this.markMs += ms;
    this.#timing = !this.#settled;
    this.#changes.spent(ms);
  }

  waiting(): boolean {
    return this.#phase === 'load' || this.#changes.waiting || this.#shadows.state === 'waiting';
  }

  /** Nothing on the page: changes are watched, open shadow roots looked for at idle time. */
  #watch(): void {
    this.#look = undefined;
    this.#phase = 'watch';
    this.#done();
    this.#shadows.start(this.#wake);
  }

  /** The first look: reads the page in stretches (at once, a page of text is one long task). */
  #lookAtPage(deadline: number): string {
    const look = this.#look!;
    if (!look.read.done) {
      if (look.read.run(deadline)) look.text = look.read.text;
      return 'quick-read';
    }
    const anchored = (from: number, to: number) =>
      this.#gate!.anchored(look.text, from, to) ? -1 : to;
    const found = chunksThrough(look, deadline, anchored, ANCHOR_CHUNK_CHARS);
    if (found === undefined) return 'anchors';
    // A RegExp keeps its last subject (`RegExp.input`): let go of the page's text.
    /$/.test('');
    if (found) this.#looked = { text: look.text, clear: look.at };
    if (found) this.#load();
    else this.#watch();
    return 'anchors';
  }

  /** Tests changed text with the anchors (nothing is marked yet: only text matters). */
  #lookAtChanges(): string {
    const c = this.#changes.take();
    // An SPA navigation (`check` calls `#navigated`): the marker reads the new page.
    if (!this.#nav.check() && mayHold(this.#gate!, regionsOf(c.touched))) this.#load();
    return 'changes';
  }

  /** Brings the marker in (loaded first if need be). */
  #load(): void {
    this.#look = undefined;
    this.#phase = 'load';
    const ready = this.#opts.marker ?? registeredMarker();
    if (ready) return this.#start(ready);
    void loadMarker().then((M) => {
      if (this.#phase !== 'load') return;
      if (M) return this.#start(M);
      // Not loaded (the extension was updated or reloaded under this page): nothing is marked.
      this.#stop();
      this.#loop.check();
    });
  }

  #start(M: MarkerClass): void {
    const { index } = this;
    const parts = { index, changes: this.#changes, nav: this.#nav, looked: this.#looked };
    const rest = { shadows: this.#shadows, wake: this.#wake, marked: () => this.#done() };
    this.#marker = new M(this.#opts, { ...parts, ...rest } satisfies PageParts);
    this.#looked = undefined;
    this.#phase = 'mark';
    this.#wake();
  }

  #navigated(): void {
    const phase = this.#phase;
    if (phase === 'mark') return this.#marker!.navigated();
    if (phase === 'off') return;
    this.#opts.onNavigate?.();
    // Nothing is marked: the marker reads the new page (or will, once it is here).
    if (phase !== 'load') this.#load();
  }

  #done(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#changes.settle();
    this.#resolveReady();
  }

  #stop(): void {
    this.#phase = 'off';
    this.#look = undefined;
    this.#shadows.reset();
    this.#changes.disconnect();
    this.#done();
  }
}

/** Could changed regions hold a mention: an anchor in their text, or more than a chunk of it. */
function mayHold(gate: Gate, regions: readonly Region[]): boolean {
  const range = document.createRange();
  let text = '';
  for (const r of regions) {
    range.setStartBefore(r.first);
    range.setEndAfter(r.last);
    text += range.toString();
    if (text.length > ANCHOR_CHUNK_CHARS) return true;
  }
  return text.length > 0 && gate.anchored(text);
}

export function createEngine(opts: EngineOptions): Engine {
  return new PageEngine(opts);
}
