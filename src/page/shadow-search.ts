/**
 * The search for open shadow roots: they are not in the body's text, and finding them means
 * looking at every element, so it starts when the page is idle and runs a slice at a time. One
 * search per page: the first look runs it on a page it found nothing on (a root found brings the
 * marker), and the marker takes it over, starting it after its first pass. It looks at the
 * first `SHADOW_SEARCH_LIMIT` elements only (docs/perf.md#shadow-search).
 *
 * Owns: finding open shadow roots. Never: reads their text.
 */
import { whenIdle } from './schedule.ts';

export const SHADOW_SEARCH_LIMIT = 50_000;

export class ShadowSearch {
  state: 'none' | 'waiting' | 'running' | 'done' = 'none';
  #walker: TreeWalker | undefined;
  #left = 0;
  /** Roots found, not yet taken. */
  #found: ShadowRoot[] = [];

  /** Starts the search from the top at idle time (unless it has started); `wake` then. */
  start(wake: () => void): void {
    if (this.state !== 'none') return;
    this.state = 'waiting';
    whenIdle(() => {
      if (this.state !== 'waiting') return;
      this.#walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT);
      this.#left = SHADOW_SEARCH_LIMIT;
      this.state = 'running';
      wake();
    });
  }

  /** Forgets the search: a new page (or, `done`, a walk of everything finds the roots itself). */
  reset(state: 'none' | 'done' = 'none'): void {
    this.state = state;
    this.#walker = undefined;
    if (state === 'none') this.#found = [];
  }

  /** Looks at elements until `deadline` or the end; true if it found a root (`take`). */
  run(deadline: number): boolean {
    const w = this.#walker!;
    const before = this.#found.length;
    let n = 0;
    let el: Node | null;
    while (this.#left-- > 0 && (el = w.nextNode()) !== null) {
      const shadow = (el as Element).shadowRoot;
      if (shadow) this.#found.push(shadow);
      // Every 64 elements: a first visit from our world makes a wrapper, slow on a huge page.
      if ((++n & 63) === 0 && performance.now() > deadline) return this.#found.length > before;
    }
    this.reset('done');
    return this.#found.length > before;
  }

  /** The roots found so far, once each. */
  take(): ShadowRoot[] {
    return this.#found.splice(0);
  }
}
