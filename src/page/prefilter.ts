/**
 * The first pass's fast path. Most pages never mention what we mark, and a JS walk makes several
 * DOM calls per element (tag, attributes, children) where the browser's own TreeWalker makes
 * two per text node. So the first pass reads the body's text nodes with a native
 * `TreeWalker(SHOW_TEXT)`, joins them, and runs the matcher's lenient scan over the joined text
 * (word boundaries assumed wherever one text node ends and the next begins, so it finds every
 * mention the strict scan could find, and maybe more). Only the blocks around its hits are then
 * walked and matched properly (`collect.ts`).
 *
 * Open shadow roots are not in the body's text: `ShadowFinder` looks for them at idle time.
 *
 * Owns: reading text nodes in bulk and turning hits into regions to walk. Never: decides what a
 * mention is (the matcher does, on the walked blocks) or changes the DOM.
 */
import { regionAround } from './collect.ts';

export type Region = { parent: Node; first: Node; last: Node };

/** Parents whose text is never page text (a left-out node just ends a run, like a border). */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea']);

/** Reads every text node under `root` in order, resumably; restarts if its place was removed. */
export class FlatReader {
  #walker: TreeWalker;
  readonly nodes: Text[] = [];
  readonly parts: string[] = [];
  done = false;

  #root: Node;
  constructor(root: Node) {
    this.#root = root;
    this.#walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  }

  /** Reads until `deadline`; true when every text node has been read. */
  run(deadline: number): boolean {
    const w = this.#walker;
    if (this.nodes.length > 0 && !w.currentNode.isConnected) {
      // The page removed our place while we yielded: start again.
      this.nodes.length = 0;
      this.parts.length = 0;
      this.#walker = document.createTreeWalker(this.#root, NodeFilter.SHOW_TEXT);
      return this.run(deadline);
    }
    const { nodes, parts } = this;
    let n = 0;
    let node: Node | null;
    while ((node = w.nextNode()) !== null) {
      const data = (node as Text).data;
      // Inline scripts and styles can be most of a page's text (JSON state): leave them out.
      // Only long nodes are checked, so the extra DOM calls stay rare.
      if (data.length > 1024 && NOT_TEXT.has((node.parentNode as Element | null)?.localName ?? ''))
        continue;
      nodes.push(node as Text);
      parts.push(data);
      if ((++n & 2047) === 0 && performance.now() > deadline) return false;
    }
    this.done = true;
    return true;
  }
}

/** Where each text node starts in the joined text (its length is the last entry). */
export function junctions(parts: readonly string[]): Int32Array {
  const out = new Int32Array(parts.length + 1);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    out[i] = at;
    at += parts[i]!.length;
  }
  out[parts.length] = at;
  return out;
}

/** The last index `i` with `starts[i] <= offset`. */
function nodeAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The regions to walk for lenient hits (`[start, end)` pairs in the joined text), each widened
 * by `extend` characters (for cues within a numeric window), in document order. Returns
 * undefined when the hits cover so much of the page that one walk of everything is cheaper.
 */
export function hitRegions(
  nodes: readonly Text[],
  starts: Int32Array,
  hits: readonly number[],
  extend: number,
): Region[] | undefined {
  const total = starts[starts.length - 1]!;
  const byFirst = new Map<Node, Region>();
  let lastNode = -1;
  let covered = 0;
  for (let h = 0; h < hits.length; h += 2) {
    const a = nodeAt(starts, Math.max(0, hits[h]! - extend));
    const b = nodeAt(starts, Math.min(total - 1, hits[h + 1]! - 1 + extend));
    for (let i = Math.max(a, lastNode + 1); i <= b; i++) {
      const r = regionAround(nodes[i]!);
      if (r && !byFirst.has(r.first)) byFirst.set(r.first, r);
      covered++;
    }
    lastNode = Math.max(lastNode, b);
    if (covered > nodes.length / 4) return undefined;
  }
  return [...byFirst.values()];
}

/**
 * Finds the open shadow roots of a page, a slice at a time (it must look at every element, so
 * it runs after the first marks are shown, when the page is idle).
 */
export class ShadowFinder {
  #walker: TreeWalker;
  done = false;

  constructor(root: Node) {
    this.#walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  }

  run(deadline: number, found: (root: ShadowRoot) => void): boolean {
    const w = this.#walker;
    let n = 0;
    let el: Node | null;
    while ((el = w.nextNode()) !== null) {
      const shadow = (el as Element).shadowRoot;
      if (shadow) found(shadow);
      if ((++n & 1023) === 0 && performance.now() > deadline) return false;
    }
    this.done = true;
    return true;
  }
}
