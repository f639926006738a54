/**
 * Scheduling: the engine works in slices of at most `SLICE_MS` and yields to the page between
 * them, so that input, scrolling and the page's own scripts are never held up by us for long.
 * After the first pass, a token bucket bounds the engine's share of the main thread on pages
 * that never stop changing (live tickers, infinite scroll).
 *
 * Owns: how to yield and how much we may spend. Never: knows what the work is.
 */

/** Longest slice of work between two yields, in milliseconds. */
export const SLICE_MS = 8;

/**
 * After the first pass, a page's changes are taken at most this often (ms): a page that never
 * stops changing (a live ticker, a feed) is read in batches of ~100 ms rather than every frame.
 * Each batch costs the same few steps (find the blocks, read, match, check visibility, repaint)
 * however many changes it holds, so this is what keeps such a page cheap; a change after a quiet
 * spell is still taken at the next frame.
 */
export const CHANGE_GAP_MS = 100;

type WithScheduler = { scheduler?: { yield?: () => Promise<void> } };

/**
 * Lets the browser run other tasks, then resumes. `scheduler.yield()` resumes ahead of other
 * queued work (Chrome 129+, Firefox 142+); elsewhere a message-channel macrotask, which, unlike
 * `setTimeout(0)`, is not clamped to 4 ms after a few nested calls.
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as WithScheduler).scheduler;
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

/** The next frame, but not before `gapMs` after `since` (a `performance.now()` time). */
export function frameAfter(since: number, gapMs = CHANGE_GAP_MS): Promise<void> {
  const wait = since + gapMs - performance.now();
  return wait > 0 ? sleep(wait).then(() => nextFrame()) : nextFrame();
}

/** Runs `run` when the page is idle (within a second), or soon where idle callbacks are missing. */
export function whenIdle(run: () => void): void {
  const ric = (globalThis as { requestIdleCallback?: typeof requestIdleCallback })
    .requestIdleCallback;
  if (ric) ric(run, { timeout: 1000 });
  else setTimeout(run, 50);
}

/**
 * A token bucket of main-thread time: up to `burstMs` at once, refilled at `share` of wall time
 * (0.1: at most 10% of the main thread, sustained).
 */
export class Budget {
  #tokens: number;
  #last: number;
  #burstMs: number;
  #share: number;
  constructor(burstMs = 100, share = 0.1, now = performance.now()) {
    this.#burstMs = burstMs;
    this.#share = share;
    this.#tokens = burstMs;
    this.#last = now;
  }

  #refill(now: number): void {
    this.#tokens = Math.min(this.#burstMs, this.#tokens + (now - this.#last) * this.#share);
    this.#last = now;
  }

  /** Milliseconds to wait before spending is allowed again (0: now). */
  wait(now = performance.now()): number {
    this.#refill(now);
    return this.#tokens > 0 ? 0 : Math.ceil(-this.#tokens / this.#share) + 1;
  }

  spend(ms: number, now = performance.now()): void {
    this.#refill(now);
    this.#tokens -= ms;
  }
}
