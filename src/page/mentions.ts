/**
 * The page's mentions and the index that finds one from a point in a text node.
 *
 * Owns: the `PageMention` shape (a matcher mention placed on text nodes, with a `StaticRange`),
 * and an index of sorted intervals per text node for hit-testing (our own look-up: no
 * `highlightsFromPoint`, which costs milliseconds per call on large highlights).
 * Never: paints, listens to events or walks the DOM.
 */
import type { Mention } from '../matcher/index.ts';

/** The part of a mention that lies in one text node. */
export interface Segment {
  node: Text;
  start: number;
  end: number;
}

export interface PageMention extends Mention {
  id: number;
  /** From the first character to the last (in wrap mode: inside our elements). */
  range: StaticRange;
  /** The text on the page at the range. */
  text: string;
  /** The mention's pieces, one per text node, in order. */
  segments: Segment[];
}

interface Interval {
  start: number;
  end: number;
  mention: PageMention;
}

export class MentionIndex {
  private byNode = new Map<Text, Interval[]>();
  private ordered: readonly PageMention[] = [];
  /** Open shadow roots holding text we read (hit-testing asks the caret APIs to look inside). */
  readonly shadowRoots: ShadowRoot[] = [];

  /** Every marked mention in document order. */
  get all(): readonly PageMention[] {
    return this.ordered;
  }

  /** Sets the document order (the engine recomputes it after each change). */
  setOrder(list: readonly PageMention[]): void {
    this.ordered = list;
  }

  add(m: PageMention): void {
    for (const s of m.segments) {
      let list = this.byNode.get(s.node);
      if (!list) this.byNode.set(s.node, (list = []));
      let i = list.length;
      while (i > 0 && list[i - 1]!.start > s.start) i--;
      list.splice(i, 0, { start: s.start, end: s.end, mention: m });
    }
  }

  remove(m: PageMention): void {
    for (const s of m.segments) {
      const list = this.byNode.get(s.node);
      if (!list) continue;
      const i = list.findIndex((iv) => iv.mention === m);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byNode.delete(s.node);
    }
  }

  /** The mention covering `offset` in `node`, if any. */
  at(node: Node, offset: number): PageMention | undefined {
    const list = this.byNode.get(node as Text);
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
    this.byNode.clear();
    this.ordered = [];
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
