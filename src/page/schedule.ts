/**
 * Scheduling: all of a page's work runs in one loop (`SliceLoop`), in slices of at most
 * `SLICE_MS`, yielding to the page between them, so that input, scrolling and the page's own
 * scripts are never held up by us for long; a token bucket (`Budget`) bounds our share of the
 * main thread on pages that never stop changing.
 *
 * Owns: how to yield, how much we may spend, and the loop that dispatches steps (and times them,
 * in the bench's build only). Never: knows what the work is.
 */

/** Longest slice of work between two yields, in milliseconds. */
export const SLICE_MS = 8;

/** Time per phase, for `bench/profile.ts`: compiled in only when the bench builds the engine. */
const PHASES = import.meta.env.VITE_CC_BENCH === '1';

/** Lets other tasks run: `scheduler.yield()`, else a message-channel task (never clamped). */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** Resolves at the next animation frame (or after `fallbackMs` where frames are not running). */
export function nextFrame(fallbackMs = 200): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, fallbackMs);
    const frame = requestAnimationFrame(done);
    function done() {
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      resolve();
    }
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `run` when the page is idle (within a second), or soon where idle callbacks are missing. */
export function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 50);
}

/** Main-thread time: up to `burstMs` at once, refilled at `share` of wall time. */
export class Budget {
  #tokens: number;
  #last: number;
  constructor(
    readonly burstMs = 100,
    readonly share = 0.1,
    now = performance.now(),
  ) {
    this.#tokens = burstMs;
    this.#last = now;
  }

  #refill(now: number): void {
    this.#tokens = Math.min(this.burstMs, this.#tokens + (now - this.#last) * this.share);
    this.#last = now;
  }

  /** Milliseconds to wait before spending is allowed again (0: now). */
  wait(now = performance.now()): number {
    this.#refill(now);
    return this.#tokens > 0 ? 0 : Math.ceil(-this.#tokens / this.share) + 1;
  }

  spend(ms: number, now = performance.now()): void {
    this.#refill(now);
    this.#tokens -= ms;
  }
}

/**
 * What a `SliceLoop` runs: whether a step can be taken (after `delay()` ms); the step, until
 * `deadline` at most, named by its phase; the time a slice took; and whether work will come
 * without the page changing (a frame, an idle callback, a chunk on its way).
 */
export interface Work {
  canStep(): boolean;
  step(deadline: number): string | undefined;
  delay(): number;
  spent(ms: number): void;
  waiting(): boolean;
}

export interface LoopStats {
  /** Slices run, and their total and longest duration; waits the work's delay caused. */
  slices: number;
  busyMs: number;
  longestSliceMs: number;
  throttled: number;
  /** Milliseconds spent per phase (the bench's build only). */
  phases: Record<string, number>;
}

/** The one loop of a page's work: slices of steps, a yield between slices. */
export class SliceLoop {
  readonly stats: LoopStats = { slices: 0, busyMs: 0, longestSliceMs: 0, throttled: 0, phases: {} };
  #work: Work;
  #signal: AbortSignal;
  /** The loop runs (or waits out a delay): work that comes is taken without waking it. */
  running = false;
  #idlers: (() => void)[] = [];

  constructor(signal: AbortSignal, work: Work) {
    this.#signal = signal;
    this.#work = work;
    signal.addEventListener('abort', () => this.#release(), { once: true });
  }

  /** Runs the loop until no step is left (a call while it runs does nothing). */
  run(): void {
    if (!this.running) void this.#pump();
  }

  /** Settles when no step is left and none will come on its own. */
  idle(): Promise<void> {
    if (this.#idle()) return Promise.resolve();
    return new Promise((r) => this.#idlers.push(r));
  }

  /** Settles `idle()` if the work stopped waiting without a step. */
  check(): void {
    if (this.#idle()) this.#release();
  }

  #idle(): boolean {
    const w = this.#work;
    return this.#signal.aborted || (!this.running && !w.waiting() && !w.canStep());
  }

  #release(): void {
    for (const r of this.#idlers.splice(0)) r();
  }

  async #pump(): Promise<void> {
    this.running = true;
    const [s, work, signal] = [this.stats, this.#work, this.#signal];
    try {
      while (!signal.aborted && work.canStep()) {
        const wait = work.delay();
        if (wait > 0) {
          s.throttled++;
          await sleep(wait);
          continue;
        }
        const t0 = performance.now();
        const deadline = t0 + SLICE_MS;
        let t = t0;
        let steps = 0;
        do {
          const phase = work.step(deadline);
          if (phase === undefined) break;
          const now = performance.now();
          if (PHASES) s.phases[phase] = (s.phases[phase] ?? 0) + now - t;
          t = now;
          steps++;
        } while (t < deadline && !signal.aborted);
        // Able to step but nothing done: a bug, not a reason to spin.
        if (steps === 0) break;
        const dt = performance.now() - t0;
        s.slices++;
        s.busyMs += dt;
        s.longestSliceMs = Math.max(s.longestSliceMs, dt);
        work.spent(dt);
        if (work.canStep()) await yieldToMain();
      }
    } catch (e) {
      console.warn('[Context Cards] marking stopped:', e);
    } finally {
      this.running = false;
    }
    this.check();
  }
}
