/**
 * The first pass's fast path. Most pages never mention what we mark, and a JS walk makes several
 * DOM calls per element (tag, attributes, children) where the browser's own TreeWalker makes
 * two per text node. So the first look reads the body's text at once (`quickText`: no call per
 * text node at all) and tests it with the gate's anchors. Only where it finds one (or the quick
 * look cannot be had) does the first pass read the body's text nodes with a native
 * `TreeWalker(SHOW_TEXT)`, join them, test the joined text with the gate (native RegExps, see
 * `matcher/gate.ts`), and from the first slice the gate lets through run the matcher's lenient
 * scan over it (word boundaries assumed wherever one text node ends and the next begins, so it
 * finds every mention the strict scan could find, and maybe more). Only the blocks around its
 * hits are then walked and matched properly (`collect.ts`).
 *
 * Open shadow roots are not in the body's text: `ShadowFinder` looks for them at idle time.
 *
 * Owns: reading text nodes in bulk (the page's, or a change's regions), testing that text with
 * the gate a slice at a time, and turning hits into regions to walk. Never: decides what a
 * mention is (the matcher does, on the walked blocks) or changes the DOM.
 */
import { GATE_SLICE, type Gate } from '../matcher/gate.ts';
import { regionAround } from './collect.ts';

export type Region = { parent: Node; first: Node; last: Node };

/** Parents whose text is never page text (a left-out node just ends a run, like a border). */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea']);

/** Reads every text node under `root` in order, resumably; restarts if its place was removed. */
export class FlatReader {
  #walker: TreeWalker;
  readonly nodes: Text[] = [];
  /** Where each node's text starts in the joined text. */
  readonly starts: number[] = [];
  /** The joined text so far, one string per slice: joining 5 MB at once is a long task. */
  readonly chunks: string[] = [];
  length = 0;
  done = false;

  #root: Node;
  constructor(root: Node) {
    this.#root = root;
    this.#walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  }

  /** Reads until `deadline`; true when every text node has been read. */
  run(deadline: number): boolean {
    const w = this.#walker;
    const { nodes, starts, chunks } = this;
    if (nodes.length > 0 && !w.currentNode.isConnected) {
      // The page removed our place while we yielded: start again.
      nodes.length = 0;
      starts.length = 0;
      chunks.length = 0;
      this.length = 0;
      this.#walker = document.createTreeWalker(this.#root, NodeFilter.SHOW_TEXT);
      return this.run(deadline);
    }
    // Text is read a run of nodes at a time with one `Range.toString()`, which concatenates the
    // text nodes between two points natively: per node only its length is read, so no string is
    // made per node (on a huge page those allocations cost the most, in garbage collection).
    const range = document.createRange();
    let first: Text | undefined;
    let last: Text | undefined;
    const flush = () => {
      if (!first) return;
      range.setStart(first, 0);
      range.setEnd(last!, last!.length);
      chunks.push(range.toString());
      first = last = undefined;
    };
    let n = 0;
    let node: Node | null;
    let done = true;
    while ((node = w.nextNode()) !== null) {
      const text = node as Text;
      const length = text.length;
      // Inline scripts and styles can be most of a page's text (JSON state): leave them out.
      // Only long nodes are checked, so the extra DOM calls stay rare.
      if (length > 1024 && NOT_TEXT.has((text.parentNode as Element | null)?.localName ?? '')) {
        flush();
        continue;
      }
      nodes.push(text);
      starts.push(this.length);
      this.length += length;
      first ??= text;
      last = text;
      if ((++n & 255) === 0 && performance.now() > deadline) {
        done = false;
        break;
      }
    }
    flush();
    if (done) {
      starts.push(this.length);
      this.done = true;
    }
    return done;
  }

  /** The joined text and node offsets (then the length), once done. */
  result(): { text: string; starts: Int32Array } {
    return { text: this.chunks.join(''), starts: new Int32Array(this.starts) };
  }
}

/**
 * The quick look is for pages whose HTML is at most this size: it reads their text in one native
 * call, which cannot yield (about 2-3 ns a character here), so a page of megabytes is read by
 * `FlatReader` instead, in slices.
 */
export const QUICK_HTML = 2 << 20;
/** Elements whose text is never page text (`NOT_TEXT`), left out of the quick look's text. */
export const QUICK_SKIP = [...NOT_TEXT].join(', ');

/**
 * The quick look's text: the body's text without what is never page text, read natively (one
 * `Range.toString()` per stretch between left-out elements) and counting no text node. A
 * `FlatReader` makes several DOM calls per text node, which on an ordinary page cost more than
 * the rest of the first look together; most pages hold no anchor of the gate, and for them
 * where each text node starts never matters. Undefined for a page loaded with more HTML than
 * `QUICK_HTML` (or where that is not known).
 *
 * Its text holds the characters of every text node the marker reads, in order, so the gate's
 * anchors are found in it wherever they are in `FlatReader`'s (text left out is joined up, which
 * at worst makes an anchor of two stretches: more is let through, nothing is missed).
 */
export function quickText(body: HTMLElement): string | undefined {
  const loaded = performance.getEntriesByType?.('navigation')[0] as
    PerformanceNavigationTiming | undefined;
  if (!loaded || !(loaded.decodedBodySize <= QUICK_HTML)) return undefined;
  const range = document.createRange();
  const parts: string[] = [];
  let after: Element | undefined;
  /** The text from after the last left-out element up to `before` (or the body's end). */
  const upTo = (before?: Element) => {
    if (after) range.setStartAfter(after);
    else range.setStart(body, 0);
    if (before) range.setEndBefore(before);
    else range.setEnd(body, body.childNodes.length);
    parts.push(range.toString());
  };
  for (const el of body.querySelectorAll(QUICK_SKIP)) {
    // One inside another (a style in a noscript) is left out with it.
    if (after?.contains(el)) continue;
    upTo(el);
    after = el;
  }
  upTo();
  return parts.join('');
}

/** The first look's joined text, pre-scanned one slice at a time. */
export interface Prescan {
  text: string;
  starts: Int32Array;
  /** Where the next slice starts. */
  at: number;
  /** The gate has turned away the text up to `at`; the lenient scan has not begun. */
  gated: boolean;
}

/**
 * Tests the pre-scan's text with the gate from `p.at`, a slice at a time (a big page's megabytes
 * are never tested in one task), until `deadline`. True: the gate opened at `p.at` (`p.gated` is
 * then false); false: it turned the whole text away; undefined: the deadline came first.
 */
export function gateThrough(gate: Gate, p: Prescan, deadline: number): boolean | undefined {
  const open = slicesThrough(p, deadline, (from, to) => gate.maybe(p.text, p.starts, from, to));
  if (open) p.gated = false;
  return open;
}

/**
 * Tests `p.text` with `test` from `p.at`, one `GATE_SLICE` at a time, until `deadline`. True:
 * `test` said so of the slice at `p.at`; false: of none, to the end; undefined: the deadline
 * came first.
 */
export function slicesThrough(
  p: { text: string; at: number },
  deadline: number,
  test: (from: number, to: number) => boolean,
): boolean | undefined {
  while (p.at < p.text.length) {
    if (performance.now() > deadline) return undefined;
    const to = Math.min(p.text.length, p.at + GATE_SLICE);
    if (test(p.at, to)) return true;
    p.at = to;
  }
  return false;
}

/**
 * The text of regions (runs of siblings, `regionAround`), joined as `FlatReader` joins a page's
 * (one entry in `starts` per text node, then the length), for the gate. Undefined past `limit`
 * characters: that much changed text is the marker's to read, in slices.
 */
export function regionsText(
  regions: readonly Region[],
  limit: number,
): { text: string; starts: Int32Array } | undefined {
  const parts: string[] = [];
  const starts: number[] = [];
  let length = 0;
  const add = (t: Text) => {
    if (NOT_TEXT.has((t.parentNode as Element | null)?.localName ?? '')) return true;
    parts.push(t.data);
    starts.push(length);
    length += t.length;
    return length <= limit;
  };
  for (const r of regions) {
    for (let n: Node | null = r.first; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        if (!add(n as Text)) return undefined;
      } else if (n.nodeType === 1) {
        const w = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
        for (let t = w.nextNode(); t; t = w.nextNode()) if (!add(t as Text)) return undefined;
      }
      if (n === r.last) break;
    }
  }
  starts.push(length);
  return { text: parts.join(''), starts: new Int32Array(starts) };
}

/** The index of `node` in `nodes` (text nodes in document order), or -1: a binary search. */
export function indexInOrder(nodes: readonly Text[], node: Node): number {
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = nodes[mid]!;
    if (m === node) return mid;
    if (m.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

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
      if ((++n & 1023) === 0 && performance.now() > deadline) return false;
    }
    this.done = true;
    return true;
  }
}
