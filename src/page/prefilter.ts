/**
 * The first pass's fast path. Most pages never mention what we mark, and a JS walk makes several
 * DOM calls per element (tag, attributes, children) where the browser's own TreeWalker makes
 * two per text node. So the first look reads the body's text natively (`QuickText`: no call per
 * text node at all, a few stretches) and tests it with the gate's anchors. Only where it finds
 * one (or the quick look cannot be had) does the first pass read the body's text in pieces that
 * keep every border the walk splits text at (`FlatReader`), join them, test the joined text with
 * the gate (native RegExps, see `matcher/gate.ts`), and from the first slice the gate lets
 * through run the matcher's lenient scan over it (word boundaries assumed wherever one piece
 * ends and the next begins, so it finds every mention the strict scan could find, and maybe
 * more). Only the blocks around its hits are then walked and matched properly (`collect.ts`).
 *
 * Open shadow roots are not in the body's text: `ShadowFinder` looks for them at idle time.
 *
 * Owns: reading text nodes in bulk (the page's, or a change's regions), testing that text with
 * the gate a slice at a time, and turning hits into regions to walk. Never: decides what a
 * mention is (the matcher does, on the walked blocks) or changes the DOM.
 */
import { ANCHOR_CHUNK_CHARS } from '../matcher/gate.ts';
import { firstAtOrAfter, type LenientScan } from '../matcher/scan.ts';
import { NOT_ONE_PIECE, NOT_TEXT, regionAround } from './collect.ts';

export type Region = { parent: Node; first: Node; last: Node };

/** How far past a slice's end a span starting in it may run (a key, its runs of spaces included). */
export const SCAN_MARGIN = 4096;

/**
 * Reads the text under `root` in order, resumably, as a list of pieces (`nodes`) with where each
 * starts in the joined text (`starts`); restarts if its place was removed.
 *
 * A piece is a text node, or a whole element with no block border, skipped subtree or hiding
 * attribute inside (`NOT_ONE_PIECE`: one native `querySelector`), read with one
 * `Range.toString()`. So a paragraph of inline markup is one piece, and every border where the
 * walk splits text (the lenient scan must assume a word boundary there) is still a border
 * between pieces. Reading pieces rather than text nodes matters twice over: no string and no
 * call per text node, and no wrapper per node in our isolated world, whose wrapper table
 * (Chromium) is rebuilt whenever it doubles, in one long task (measured: ~100 ms at 262,144
 * nodes, ~45 ms at 131,072), where a huge page of 200,000 elements has 380,000 text nodes.
 */
export class FlatReader {
  /** Text nodes and one-piece elements, in document order. */
  readonly nodes: Node[] = [];
  /** Where each piece's text starts in the joined text. */
  readonly starts: number[] = [];
  /** The joined text so far, one string per slice (`PageText`). */
  readonly chunks: string[] = [];
  length = 0;
  done = false;

  #root: Node;
  /** Elements being read, each with its next child. */
  #stack: { parent: Node; next: Node | null }[];
  #range = document.createRange();

  constructor(root: Node) {
    this.#root = root;
    this.#stack = [{ parent: root, next: root.firstChild }];
  }

  /** Reads until `deadline`; true when every piece has been read. */
  run(deadline: number): boolean {
    const stack = this.#stack;
    if (
      this.nodes.length > 0 &&
      stack.some(
        (s) => !s.parent.isConnected || (s.next !== null && s.next.parentNode !== s.parent),
      )
    ) {
      // The page removed our place while we yielded: start again.
      this.nodes.length = 0;
      this.starts.length = 0;
      this.chunks.length = 0;
      this.length = 0;
      this.#stack = [{ parent: this.#root, next: this.#root.firstChild }];
      return this.run(deadline);
    }
    const { nodes, starts } = this;
    const range = this.#range;
    const pieces: string[] = [];
    let n = 0;
    while (stack.length > 0) {
      const at = stack[stack.length - 1]!;
      const node = at.next;
      if (node === null) {
        stack.pop();
        continue;
      }
      at.next = node.nextSibling;
      let text: string | undefined;
      if (node.nodeType === 3) text = (node as Text).data;
      else if (node.nodeType === 1 && node.firstChild !== null) {
        const el = node as Element;
        // Not page text (inline scripts and styles can be most of a page's text): a border.
        if (NOT_TEXT.has(el.localName)) continue;
        if (el.querySelector(NOT_ONE_PIECE) === null) {
          range.selectNodeContents(el);
          text = range.toString();
        } else stack.push({ parent: el, next: el.firstChild });
      }
      if (text) {
        nodes.push(node);
        starts.push(this.length);
        pieces.push(text);
        this.length += text.length;
      }
      if ((++n & 63) === 0 && performance.now() > deadline) {
        this.chunks.push(pieces.join(''));
        return false;
      }
    }
    this.chunks.push(pieces.join(''));
    starts.push(this.length);
    this.done = true;
    return true;
  }

  /** The joined text and piece offsets (then the length), once done. */
  result(): { text: PageText; starts: Int32Array } {
    return { text: new PageText(this.chunks), starts: new Int32Array(this.starts) };
  }
}

/**
 * A first look's joined text, held as the reader's slices (one string each) and never joined
 * whole: on a huge page that would be one string of megabytes, an allocation that can set off a
 * full garbage collection, which there traces every DOM node (measured on the 5 MB page of the
 * load test: one task of 40-50 ms on an idle machine, the test's longest). Each test of the text
 * is given the stretch it reads (`windowOf`).
 */
export class PageText {
  readonly length: number;
  #chunks: readonly string[];
  /** Where each chunk starts. */
  #at: number[] = [];

  constructor(chunks: readonly string[]) {
    this.#chunks = [...chunks];
    let length = 0;
    for (const c of this.#chunks) {
      this.#at.push(length);
      length += c.length;
    }
    this.length = length;
  }

  /** `slice` of the joined text (`from` and `to` clamped to it). */
  slice(from: number, to: number): string {
    const chunks = this.#chunks;
    const at = this.#at;
    from = Math.max(0, from);
    to = Math.min(this.length, to);
    if (to <= from) return '';
    const parts: string[] = [];
    for (let k = Math.max(0, firstAtOrAfter(at, from + 1) - 1); k < chunks.length; k++) {
      if (at[k]! >= to) break;
      parts.push(chunks[k]!.slice(Math.max(0, from - at[k]!), to - at[k]!));
    }
    return parts.length === 1 ? parts[0]! : parts.join('');
  }

  /** The whole text, joined (tests, and small texts only). */
  toString(): string {
    return this.#chunks.join('');
  }
}

/**
 * `text[from - margin, to + margin)` (clamped), where it starts (`base`) and the junctions in it
 * as places in it, with the one before and the one after (a scan skips a text's first and last
 * junction): a test of `[from - base, to - base)` in it answers as on the whole text, for a
 * margin as wide as what the test reads beyond its ends (`SLICE_MARGIN`).
 */
export function windowOf(
  p: { text: PageText; starts: Int32Array },
  from: number,
  to: number,
  margin: number,
): { text: string; base: number; junctions: Int32Array } {
  const { text, starts } = p;
  const base = Math.max(0, from - margin);
  const end = Math.min(text.length, to + margin);
  const k0 = Math.max(0, firstAtOrAfter(starts, base) - 1);
  const k1 = Math.min(starts.length, firstAtOrAfter(starts, end) + 1);
  const junctions = starts.slice(k0, k1);
  if (base > 0) for (let k = 0; k < junctions.length; k++) junctions[k]! -= base;
  return { text: text.slice(base, end), base, junctions };
}

/**
 * The quick look is for pages whose HTML is at most this size (about 2-3 ns a character to read
 * natively here, up to 20 on a loaded machine); a page of megabytes is read by `FlatReader`.
 */
export const QUICK_HTML = 2 << 20;
/** Elements whose text is never page text (`NOT_TEXT`), left out of the quick look's text. */
export const QUICK_SKIP = [...NOT_TEXT].join(', ');
/**
 * Where the quick look may also end a piece: before every 64th child of an element. Each piece
 * is one native call, which cannot yield; a page's bulk of text sits in long runs of siblings
 * (paragraphs, list items, rows), so these cuts let a slice end within it (a 1 MB page of text,
 * read at once, was a task of 16-25 ms on a loaded machine), and a page of ordinary size has few.
 */
const QUICK_CUT = ':nth-child(64n)';
/** The quick look's one query: what it leaves out and where it may cut, in document order. */
export const QUICK_STOPS = `${QUICK_SKIP}, ${QUICK_CUT}`;

/**
 * The quick look's text: the body's text without what is never page text, read natively (one
 * `Range.toString()` per stretch between left-out elements and cuts, `QUICK_STOPS`) and counting
 * no text node. A `FlatReader` makes several DOM calls per text node, which on an ordinary page
 * cost more than the rest of the first look together; most pages hold no anchor of the gate, and
 * for them where each text node starts never matters.
 *
 * Its text holds the characters of every text node the marker reads, in order, so the gate's
 * anchors are found in it wherever they are in `FlatReader`'s (text left out is joined up, which
 * at worst makes an anchor of two stretches: more is let through, nothing is missed). Pieces are
 * contiguous, so the cuts change nothing in the text. A page that changes while it is read
 * (between slices) may have it read partly before and partly after the change: the engine's
 * observer hands the change's own text to the gate.
 */
export class QuickText {
  /** The joined text, once `done`. */
  text = '';
  done = false;
  #body: HTMLElement;
  #range = document.createRange();
  /** Where pieces end, in document order: before a left-out element or before a cut. */
  #stops: NodeListOf<Element>;
  #next = 0;
  /** The last stop passed: the next piece starts after it (left out) or where it was (a cut). */
  #last: Element | undefined;
  #parts: string[] = [];

  /** The quick look for the page as loaded, or undefined past `QUICK_HTML` (or unknown). */
  static ofPage(body: HTMLElement): QuickText | undefined {
    const loaded = performance.getEntriesByType?.('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    if (!loaded || !(loaded.decodedBodySize <= QUICK_HTML)) return undefined;
    return new QuickText(body);
  }

  constructor(body: HTMLElement) {
    this.#body = body;
    this.#stops = body.querySelectorAll(QUICK_STOPS);
  }

  /** Reads pieces until `deadline` (one at least); true when the text is read. */
  run(deadline: number): boolean {
    const stops = this.#stops;
    const body = this.#body;
    const range = this.#range;
    let read = 0;
    while (this.#next <= stops.length) {
      if (read > 0 && performance.now() > deadline) return false;
      const stop = stops[this.#next++];
      const last = this.#last;
      const leftOut = last !== undefined && NOT_TEXT.has(last.localName);
      // Inside the element last left out (a style in a noscript): left out with it. A stop the
      // page has taken out meanwhile is passed over.
      if (stop && ((leftOut && last.contains(stop)) || !stop.isConnected)) continue;
      // The next piece starts where the last one ended (the range is live: the browser keeps
      // that place through the page's changes), or after the element left out there.
      if (!last) range.setStart(body, 0);
      else if (leftOut && last.isConnected) range.setStartAfter(last);
      else range.setStart(range.endContainer, range.endOffset);
      if (stop) range.setEndBefore(stop);
      else range.setEnd(body, body.childNodes.length);
      this.#parts.push(range.toString());
      this.#last = stop;
      read++;
    }
    this.text = this.#parts.join('');
    this.#parts = [];
    this.done = true;
    return true;
  }
}

/** The first look's joined text, pre-scanned one slice at a time. */
export interface Prescan {
  text: PageText;
  starts: Int32Array;
  /** Where the next slice starts. */
  at: number;
}

/**
 * The lenient scan of `p.text` from `p.at`, `slice` characters at a time, its spans added to
 * `p.hits` (see `LenientScan`: past `p.limit` spans it stops), until `deadline`. True once it
 * has scanned to the end.
 */
export function lenientThrough(
  scan: LenientScan,
  p: Prescan & { hits: number[]; limit: number },
  deadline: number,
  slice: number,
): boolean {
  const { hits } = p;
  const scanned = stepsThrough(
    p,
    deadline,
    (from, to) => {
      const w = windowOf(p, from, to, SCAN_MARGIN);
      const before = hits.length;
      const next = scan(w.text, w.junctions, hits, p.limit, from - w.base, to - w.base);
      for (let h = before; h < hits.length; h++) hits[h]! += w.base;
      // Past the limit the scan says the window's end: the whole text is then done.
      return hits.length >= p.limit * 2 ? p.text.length : next + w.base;
    },
    slice,
  );
  return scanned !== undefined;
}

/**
 * Tests `p.text` with `test` from `p.at`, one `slice` at a time, until `deadline`. True:
 * `test` said so of the slice at `p.at`; false: of none, to the end; undefined: the deadline
 * came first.
 */
export function slicesThrough(
  p: { text: { readonly length: number }; at: number },
  deadline: number,
  test: (from: number, to: number) => boolean,
  slice = ANCHOR_CHUNK_CHARS,
): boolean | undefined {
  return stepsThrough(p, deadline, (from, to) => (test(from, to) ? -1 : to), slice);
}

/**
 * The one slice loop: runs `step` on `[p.at, p.at + slice)` (clamped to the text) until
 * `deadline`; `step` says where the next slice starts (past its end if a span runs on), or -1
 * to stop at this one. True: a step stopped (`p.at` is its slice); false: the end was reached;
 * undefined: the deadline came first.
 */
function stepsThrough(
  p: { text: { readonly length: number }; at: number },
  deadline: number,
  step: (from: number, to: number) => number,
  slice: number,
): boolean | undefined {
  while (p.at < p.text.length) {
    if (performance.now() > deadline) return undefined;
    const next = step(p.at, Math.min(p.text.length, p.at + slice));
    if (next < 0) return true;
    p.at = next;
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

/**
 * Where `node` (a text node) starts in the joined text of `FlatReader`'s pieces, or -1 where it
 * is in none: a binary search in document order, then a count inside its piece.
 */
export function offsetInOrder(
  nodes: readonly Node[],
  starts: ArrayLike<number>,
  node: Node,
): number {
  let lo = 0;
  let hi = nodes.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = nodes[mid]!;
    if (m === node) return starts[mid]!;
    const pos = m.compareDocumentPosition(node);
    if (pos & Node.DOCUMENT_POSITION_CONTAINED_BY) {
      at = mid;
      break;
    }
    if (pos & Node.DOCUMENT_POSITION_FOLLOWING) lo = mid + 1;
    else hi = mid - 1;
  }
  if (at < 0) return -1;
  let offset = starts[at]!;
  const w = document.createTreeWalker(nodes[at]!, NodeFilter.SHOW_TEXT);
  for (let t = w.nextNode(); t; t = w.nextNode()) {
    if (t === node) return offset;
    offset += (t as Text).length;
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
  nodes: readonly Node[],
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
      // Every 64 elements: the first visit of an element from our world makes its wrapper, and
      // on a huge page a run of 1,024 took 10-20 ms at times, past the slice's end.
      if ((++n & 63) === 0 && performance.now() > deadline) return false;
    }
    this.done = true;
    return true;
  }
}
