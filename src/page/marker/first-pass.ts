/**
 * The marker's first pass over the page's text: the lenient scan of the joined text a chunk at a
 * time, and the regions around its spans, the only ones walked (docs/perf.md#first-pass).
 *
 * Owns: turning the page's joined text into regions to walk. Never: decides what a mention is
 * (the matcher does, on the walked blocks) or changes the DOM.
 */
import type { LenientScan } from '../../matcher/scan.ts';
import { regionAround, type Region } from '../collect.ts';
import { chunksThrough, SCAN_MARGIN, textSpan, type PageText } from '../text/flat-reader.ts';

/** The page's joined text, scanned leniently a chunk at a time. */
export interface Scan {
  text: PageText;
  starts: Int32Array;
  /** Where the next chunk starts. */
  at: number;
  /** The spans found, `[start, end)` pairs. */
  hits: number[];
  /** Past this many spans, walking everything is cheaper than walking around each. */
  limit: number;
}

/**
 * The lenient scan of `p.text` from `p.at`, `size` characters at a time, its spans added to
 * `p.hits` (see `LenientScan`: past `p.limit` spans it stops), until `deadline`. True once it
 * has scanned to the end.
 */
export function lenientThrough(
  scan: LenientScan,
  p: Scan,
  deadline: number,
  size: number,
): boolean {
  const { hits } = p;
  const scanned = chunksThrough(
    p,
    deadline,
    (from, to) => {
      const w = textSpan(p, from, to, SCAN_MARGIN);
      const before = hits.length;
      const next = scan(w.text, w.junctions, hits, p.limit, from - w.base, to - w.base);
      for (let h = before; h < hits.length; h++) hits[h]! += w.base;
      // Past the limit the scan says the span's end: the whole text is then done.
      return hits.length >= p.limit * 2 ? p.text.length : next + w.base;
    },
    size,
  );
  return scanned !== undefined;
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
