/**
 * The marking engine of one page (one frame): one machine, in one loop (`SliceLoop`), with a
 * named phase (see src/page/README.md).
 *
 *   look ─► the first look (`first-look.ts`): the quick read and the anchors
 *     │ none                                    │ an anchor, a page too big for the quick read,
 *     ▼                                         ▼ an SPA navigation, no gate sent
 *   watch: changed text tested with the    load: the marker is on its way (`chunks.ts`)
 *   anchors; open shadow roots searched       │
 *   for at idle time ──────────────────────►  ▼
 *                                           mark: the marker (`marker/marker.ts`) does the steps
 *
 * Owns: the phase, the loop and what lives as long as the page (the mention index, the change
 * watch, the navigation watch, the shadow-root search), handed to the marker when it is made.
 * Never: walks blocks, matches or paints (the marker does).
 */
import { createGate, type Gate } from '../matcher/gate.ts';
import { ChangeWatch } from './changes.ts';
import { loadMarker } from './chunks.ts';
import { regionsOf } from './collect.ts';
import { FirstLook, mayHold } from './first-look.ts';
import type { Painter } from './highlight.ts';
import { registeredMarker, type MarkerClass } from './marker-bridge.ts';
import type { Marker } from './marker/marker.ts';
import { MentionIndex, type PageMention } from './mentions.ts';
import { watchNavigation, type NavigationWatch } from './navigation.ts';
import type { PageParts, RunOptions } from './parts.ts';
import { SliceLoop, type LoopStats, type Work } from './schedule.ts';
import { ShadowSearch } from './shadow-search.ts';
import { QuickText } from './text/quick-text.ts';

export { hasHighlights, needsWrap } from './parts.ts';

export interface EngineOptions extends RunOptions {
  /**
   * The marker, where the caller has it at hand (tests, bench). Without it the marker is loaded
   * on demand, the first time the page needs it (`chunks.ts`).
   */
  marker?: MarkerClass;
}

export interface EngineStats extends LoopStats {
  /** Passes over changed regions after the first. */
  updates: number;
  /** Blocks holding a candidate, and of those, hidden ones. */
  records: number;
  hiddenRecords: number;
}

export interface Engine {
  readonly index: MentionIndex;
  readonly painter: Painter;
  /** Marked mentions in document order. */
  mentions(): readonly PageMention[];
  /** Milliseconds of work the first marking pass took (sum of its slices). */
  readonly markMs: number;
  /** Settles when the first pass has marked the page. */
  readonly ready: Promise<void>;
  /** Settles when no work is left (tests, bench). */
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
  #phase: Phase = 'look';
  #opts: EngineOptions;
  #loop: SliceLoop;
  #changes: ChangeWatch;
  #nav: NavigationWatch;
  #shadows = new ShadowSearch();
  #gate: Gate | undefined;
  #look: FirstLook | undefined;
  #marker: Marker | undefined;
  #markMs = 0;
  /** The first look or the first pass is over (`ready` has settled). */
  #settled = false;
  #resolveReady!: () => void;

  constructor(opts: EngineOptions) {
    const t0 = performance.now();
    this.#opts = opts;
    this.ready = new Promise((r) => (this.#resolveReady = r));
    this.#loop = new SliceLoop(opts.signal, this);
    const wake = () => this.#loop.run();
    this.#changes = new ChangeWatch(opts.signal, wake);
    this.#nav = watchNavigation(opts.signal, () => this.#navigated());
    opts.signal.addEventListener('abort', () => this.#stop(), { once: true });
    if (opts.settings.marking.density === 'off' || opts.signal.aborted) {
      this.#stop();
      return;
    }
    this.#changes.observer.observe(document);
    const body = document.body;
    const read = body && opts.gate ? QuickText.ofPage(body) : undefined;
    if (read) this.#look = new FirstLook(read, (this.#gate = createGate(opts.gate!)));
    this.#markMs = performance.now() - t0;
    if (read) wake();
    else this.#load();
  }

  get painter(): Painter {
    return this.#marker?.painter ?? NO_PAINTER;
  }

  get markMs(): number {
    return this.#markMs;
  }

  mentions(): readonly PageMention[] {
    return this.index.all;
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

  idle(): Promise<void> {
    return this.#loop.idle();
  }

  // ------------------------------------------------------------------ the loop's work

  canStep(): boolean {
    const phase = this.#phase;
    if (phase === 'mark') return this.#marker!.canStep();
    if (phase === 'look') return true;
    return phase === 'watch' && (this.#changes.pending || this.#shadows.running);
  }

  delay(): number {
    if (this.#phase === 'mark') return this.#marker!.delay();
    return this.#changes.delay(this.#phase === 'look' || this.#shadows.running);
  }

  step(deadline: number): string | undefined {
    const phase = this.#phase;
    if (phase === 'mark') return this.#marker!.step(deadline);
    if (phase !== 'look' && phase !== 'watch') return undefined;
    if (this.#changes.due()) return this.#lookAtChanges();
    if (phase === 'look') {
      const look = this.#look!;
      const name = look.step(deadline);
      if (look.found === true) this.#load();
      else if (look.found === false) this.#watch();
      return name;
    }
    if (!this.#shadows.running) return undefined;
    // An open shadow root: the marker reads it (and finishes the search).
    if (this.#shadows.run(deadline)) this.#load();
    return 'shadows';
  }

  spent(ms: number): void {
    if (!this.#settled) this.#markMs += ms;
    this.#changes.spent(ms);
  }

  waiting(): boolean {
    return this.#phase === 'load' || this.#changes.waiting || this.#shadows.waiting;
  }

  // ------------------------------------------------------------------ phases

  /** Nothing on the page: changes are watched, open shadow roots looked for at idle time. */
  #watch(): void {
    this.#look = undefined;
    this.#phase = 'watch';
    this.#done();
    this.#shadows.start(() => this.#loop.run());
  }

  /**
   * Tests the text of the blocks a batch of changes touched with the anchors. Nothing is marked
   * yet, so only text matters; the marker, if brought in, reads the page as it is then.
   */
  #lookAtChanges(): string {
    const c = this.#changes.take();
    // An SPA navigation (`check` calls `#navigated`): the marker reads the new page.
    if (!this.#nav.check() && mayHold(this.#gate!, regionsOf(c.touched))) this.#load();
    return 'changes';
  }

  /** Brings the marker in (loading it first if need be). */
  #load(): void {
    this.#look = undefined;
    this.#phase = 'load';
    const ready = this.#opts.marker ?? registeredMarker();
    if (ready) return this.#start(ready);
    void loadMarker().then((M) => {
      if (this.#phase !== 'load') return;
      if (M) return this.#start(M);
      // It could not be loaded (the extension was updated or reloaded under this page): nothing
      // will be marked here.
      this.#stop();
      this.#loop.check();
    });
  }

  #start(M: MarkerClass): void {
    const parts: PageParts = {
      index: this.index,
      changes: this.#changes,
      nav: this.#nav,
      shadows: this.#shadows,
      wake: () => this.#loop.run(),
      marked: () => this.#done(),
    };
    this.#marker = new M(this.#opts, parts);
    this.#phase = 'mark';
    this.#loop.run();
  }

  #navigated(): void {
    const phase = this.#phase;
    if (phase === 'mark') return this.#marker!.navigated();
    if (phase === 'off') return;
    this.#opts.onNavigate?.();
    // Nothing is marked: the marker reads the new page (or will, once it is here).
    if (phase !== 'load') this.#load();
  }

  /** The first look or the first pass is over. */
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
    this.#changes.observer.disconnect();
    this.#done();
  }
}

export function createEngine(opts: EngineOptions): Engine {
  return new PageEngine(opts);
}
