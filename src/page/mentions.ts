/**
 * The page's mentions and the index that finds one from a point in a text node.
 *
 * Owns: the `PageMention` shape (a matcher mention placed on text nodes, with a `StaticRange`),
 * and sorted intervals per text node for hit-testing (no `highlightsFromPoint`, which costs
 * milliseconds per call), built when the pointer first asks. Never: paints, listens or walks.
 */
import type { Mention, Reason } from '../matcher/index.ts';
import { locate, type Block } from './collect.ts';

/** The part of a mention that lies in one text node. */
export type Segment = { node: Text; start: number; end: number };

export interface PageMention extends Mention {
  id: number;
  /** From the first character to the last (in wrap mode: inside our elements). */
  range: StaticRange;
  /** The text on the page at the range. */
  text: string;
  /** The mention's parts, one per text node, in order. */
  segments: Segment[];
}

type Interval = { start: number; end: number; mention: PageMention };

export class MentionIndex {
  #byNode: Map<Text, Interval[]> | undefined;
  #live = new Set<PageMention>();
  #ordered: readonly PageMention[] = [];
  /** Open shadow roots holding text we read (hit-testing asks the caret APIs to look inside). */
  readonly shadowRoots: ShadowRoot[] = [];

  /** Every marked mention in document order. */
  get all(): readonly PageMention[] {
    return this.#ordered;
  }

  /** Sets the document order (the engine recomputes it after each change). */
  setOrder(list: readonly PageMention[]): void {
    this.#ordered = list;
  }

  add(m: PageMention): void {
    this.#live.add(m);
    if (this.#byNode) this.#insert(m);
  }

  remove(m: PageMention): void {
    if (!this.#live.delete(m) || !this.#byNode) return;
    for (const s of m.segments) {
      const list = this.#byNode.get(s.node);
      if (!list) continue;
      const i = list.findIndex((iv) => iv.mention === m);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.#byNode.delete(s.node);
    }
  }

  #insert(m: PageMention): void {
    for (const s of m.segments) {
      let list = this.#byNode!.get(s.node);
      if (!list) this.#byNode!.set(s.node, (list = []));
      let i = list.length;
      while (i > 0 && list[i - 1]!.start > s.start) i--;
      list.splice(i, 0, { start: s.start, end: s.end, mention: m });
    }
  }

  /** The mention covering `offset` in `node`, if any. */
  at(node: Node, offset: number): PageMention | undefined {
    if (!this.#byNode) {
      this.#byNode = new Map();
      for (const m of this.#live) this.#insert(m);
    }
    const list = this.#byNode.get(node as Text);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const iv = list[mid]!;
      if (offset < iv.start) hi = mid - 1;
      else if (offset >= iv.end) lo = mid + 1;
      else return iv.mention;
    }
    return undefined;
  }

  clear(): void {
    this.#byNode = undefined;
    this.#live.clear();
    this.#ordered = [];
  }
}

/** Where a mention lies on its block's text nodes, in the coordinates the block was read in. */
export function segmentsOf(block: Block, start: number, end: number): Segment[] {
  const a = locate(block, start);
  const b = locate(block, end, true);
  const segments: Segment[] = [];
  const { starts } = block;
  for (let i = a.index; i <= b.index; i++) {
    const from = i === a.index ? a.offset : 0;
    const to = i === b.index ? b.offset : (starts[i + 1] ?? block.text.length) - starts[i]!;
    if (to > from) segments.push({ node: block.nodes[i]!, start: from, end: to });
  }
  return segments;
}

/** A mention placed in a block: segments, range and text made when first asked for. */
export class PlacedMention implements PageMention {
  #segs: Segment[] | undefined;
  #rng: StaticRange | undefined;
  #txt: string | undefined;

  constructor(
    readonly block: Block,
    readonly start: number,
    readonly end: number,
    readonly entity: number,
    readonly alias: number,
    readonly reason: Reason,
    readonly id: number,
  ) {}

  get segments(): Segment[] {
    return (this.#segs ??= segmentsOf(this.block, this.start, this.end));
  }
  set segments(s: Segment[]) {
    this.#segs = s;
  }
  get range(): StaticRange {
    return (this.#rng ??= rangeOf(this.segments));
  }
  set range(r: StaticRange) {
    this.#rng = r;
  }
  get text(): string {
    return (this.#txt ??= this.block.text.slice(this.start, this.end));
  }
  /** The element holding the mention's first character (found without placing the rest). */
  get element(): Element {
    const node = this.#segs?.[0]?.node ?? locate(this.block, this.start).node;
    return node.parentElement ?? document.documentElement;
  }
}

/** A live Range for one mention, made on demand (live ranges slow every later DOM change). */
export function liveRange(m: PageMention): Range {
  const r = document.createRange();
  r.setStart(m.range.startContainer, m.range.startOffset);
  r.setEnd(m.range.endContainer, m.range.endOffset);
  return r;
}

/** A static range over segments, from the start of the first to the end of the last. */
export function rangeOf(segments: readonly Segment[]): StaticRange {
  const a = segments[0]!;
  const b = segments[segments.length - 1]!;
  return new StaticRange({
    startContainer: a.node,
    startOffset: a.start,
    endContainer: b.node,
    endOffset: b.end,
  });
}
