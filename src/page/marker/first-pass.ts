/**
 * The start of the marker's first pass: the body's text read in pieces (`FlatReader`), scanned
 * leniently a chunk at a time, and the regions around its spans, the only ones walked
 * (docs/perf.md#first-pass).
 *
 * Owns: turning the page's text into regions to walk, and placing walked blocks in that text.
 * Never: decides what a mention is (the matcher does, on the walked blocks) or changes the DOM.
 */
import type { Matcher } from '../../matcher/index.ts';
import { firstAtOrAfter, type LenientScan } from '../../matcher/scan.ts';
import { dedupeRegions, regionAround, type Block, type Region } from '../collect.ts';
import {
  chunksThrough,
  FlatReader,
  SCAN_MARGIN,
  textSpan,
  type PageText,
} from '../text/flat-reader.ts';

/** The first look's text, and where in it the first anchor's chunk starts (none before). */
export type Looked = { text: string; clear: number };

/** Characters of page text scanned leniently between deadline checks. */
const SCAN_CHUNK_CHARS = 1 << 15;

/** The read and the lenient scan of the body's text, a step at a time. */
export class FirstPass {
  /** Once done: the regions to walk, or 'all' when walking everything is cheaper. */
  regions: Region[] | 'all' | undefined;
  #reader: FlatReader;
  #scan: Scan | undefined;
  /** Where each piece starts (kept to place blocks); how far around a span's text to read. */
  #starts: Int32Array | undefined;
  #extend: (span: string) => number;
  #looked: Looked | undefined;

  constructor(body: Node, extend: (span: string) => number, looked?: Looked) {
    this.#reader = new FlatReader(body);
    this.#extend = extend;
    this.#looked = looked;
  }

  /** Reads, builds the matcher or scans until `deadline`; returns the step's phase. */
  step(deadline: number, matcher: () => Matcher, built: boolean): string {
    const r = this.#reader;
    const p = this.#scan;
    if (!p) {
      if ((r.done || r.run(deadline)) && performance.now() <= deadline) {
        // The scan starts in the next step: this one may have been long.
        const { text, starts } = r.result();
        // The text the first look tested, unchanged: no span starts where it found no anchor.
        const l = this.#looked;
        const at = l && text.length === l.text.length && text.toString() === l.text ? l.clear : 0;
        this.#scan = { text, starts, at, hits: [], limit: Math.max(64, r.nodes.length >> 6) };
        this.#looked = undefined;
      }
      return 'read';
    }
    // Building the matcher (the alias trie) takes milliseconds: a step of its own.
    if (!built && p.at < p.text.length) return (matcher(), 'build');
    if (!lenientThrough(matcher().lenient, p, deadline, SCAN_CHUNK_CHARS)) return 'scan';
    // A RegExp keeps its last subject (`RegExp.input`): let go of the page's megabytes of text.
    /$/.test('');
    const { hits, limit, starts, text } = p;
    this.#scan = undefined;
    this.#starts = starts;
    const extend = (h: number) => this.#extend(text.slice(hits[h]!, hits[h + 1]!));
    const regions = hits.length < limit * 2 ? hitRegions(r.nodes, starts, hits, extend) : undefined;
    // Hits everywhere: one walk of everything is cheaper.
    this.regions = regions ? dedupeRegions(regions) : 'all';
    return 'scan';
  }

  /** Places `blocks[b]`, and its neighbours within `extend` characters, in the page's text. */
  placeAround(blocks: readonly Block[], b: number, extend: number): void {
    const at = (k: number) => {
      const block = blocks[k]!;
      const found = block.at ?? offsetInOrder(this.#reader.nodes, this.#starts!, block.nodes[0]!);
      return found < 0 ? undefined : (block.at = found);
    };
    const base = at(b);
    if (base === undefined) return;
    for (let k = b - 1; k >= 0; k--) if ((at(k) ?? -Infinity) < base - extend) break;
    const end = base + blocks[b]!.text.length + extend;
    for (let k = b + 1; k < blocks.length; k++) if ((at(k) ?? Infinity) > end) break;
  }
}

/** The joined text scanned leniently from `at` into `hits` (pairs), up to `limit` spans. */
export interface Scan {
  text: PageText;
  starts: Int32Array;
  at: number;
  hits: number[];
  limit: number;
}

/** The lenient scan of `p.text` from `p.at` into `p.hits` until `deadline`; true at the end. */
export function lenientThrough(scan: LenientScan, p: Scan, deadline: number, size: number) {
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

/** Where text node `node` starts in the joined text (-1: in no piece), by binary search. */
export function offsetInOrder(
  nodes: readonly Node[],
  starts: ArrayLike<number>,
  node: Node,
): number {
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = nodes[mid]!;
    if (m === node) return starts[mid]!;
    const pos = m.compareDocumentPosition(node);
    if (pos & Node.DOCUMENT_POSITION_CONTAINED_BY) {
      let offset = starts[mid]!;
      const w = document.createTreeWalker(m, NodeFilter.SHOW_TEXT);
      for (let t = w.nextNode(); t; t = w.nextNode()) {
        if (t === node) return offset;
        offset += (t as Text).length;
      }
      return -1;
    }
    if (pos & Node.DOCUMENT_POSITION_FOLLOWING) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The piece holding `offset` (`starts` ends with the text's length). */
const nodeAt = (starts: Int32Array, offset: number) =>
  Math.min(starts.length - 2, firstAtOrAfter(starts, offset + 1) - 1);

/** The regions around spans, each widened by its `extend`; undefined where walking all is cheaper. */
export function hitRegions(
  nodes: readonly Node[],
  starts: Int32Array,
  hits: readonly number[],
  extend: (hit: number) => number,
): Region[] | undefined {
  const total = starts[starts.length - 1]!;
  const regions: Region[] = [];
  let lastNode = -1;
  let covered = 0;
  for (let h = 0; h < hits.length; h += 2) {
    const e = extend(h);
    const a = nodeAt(starts, Math.max(0, hits[h]! - e));
    const b = nodeAt(starts, Math.min(total - 1, hits[h + 1]! - 1 + e));
    for (let i = Math.max(a, lastNode + 1); i <= b; i++) {
      const r = regionAround(nodes[i]!);
      if (r) regions.push(r);
      covered++;
    }
    lastNode = Math.max(lastNode, b);
    if (covered > nodes.length / 4) return undefined;
  }
  return regions;
}
