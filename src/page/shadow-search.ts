/**
 * The search for open shadow roots: they are not in the body's text, and finding them means
 * looking at every element, so it runs when the page is idle, a slice at a time.
 *
 * Owns: finding open shadow roots. Never: reads their text.
 */

/**
 * Finds the open shadow roots of a page, a slice at a time (it must look at every element, so
 * it runs after the first marks are shown, when the page is idle).
 *
 * It looks at the first `SHADOW_SEARCH_LIMIT` elements in document order. Every element a
 * content script touches keeps a wrapper in the script's isolated world (measured in Chromium:
 * about 95 bytes an element that stay), so on a page of 200,000 elements the full search alone
 * would add 19 MB. Real articles have a few thousand elements; the cap only bites on giant
 * pages, where shadow roots past the first 50,000 elements are not looked for.
 */
export const SHADOW_SEARCH_LIMIT = 50_000;

export class ShadowFinder {
  #walker: TreeWalker;
  #left = SHADOW_SEARCH_LIMIT;
  done = false;

  constructor(root: Node) {
    this.#walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  }

  run(deadline: number, found: (root: ShadowRoot) => void): boolean {
    const w = this.#walker;
    let n = 0;
    let el: Node | null;
    while (this.#left-- > 0 && (el = w.nextNode()) !== null) {
      const shadow = (el as Element).shadowRoot;
      if (shadow) found(shadow);
      // Every 64 elements: the first visit of an element from our world makes its wrapper, and
      // on a huge page a run of 1,024 took 10-20 ms at times, past the slice's end.
      if ((++n & 63) === 0 && performance.now() > deadline) return false;
    }
    this.done = true;
    return true;
  }
}
