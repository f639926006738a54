/**
 * The page's mentions and the index that finds one from a point in a text node.
 *
 * Owns: turning matcher offsets into `StaticRange`s over text nodes, and an index of sorted
 * intervals per text node for hit-testing (our own lookup: no `highlightsFromPoint`, which costs
 * milliseconds per call on large highlights).
 * Never: paints or listens to events.
 */
import type { Mention } from '../matcher/index.ts';
import { locate, type Block } from './collect.ts';

export interface PageMention extends Mention {
  id: number;
  range: StaticRange;
  /** The text on the page at the range. */
  text: string;
}

interface Interval {
  start: number;
  end: number;
  mention: PageMention;
}

export class MentionIndex {
  private byNode = new Map<Text, Interval[]>();
  readonly all: PageMention[] = [];
  private nextId = 1;

  /** Records a block's mentions; returns the new page mentions. */
  add(block: Block, mentions: Mention[]): PageMention[] {
    const added: PageMention[] = [];
    for (const m of mentions) {
      const a = locate(block, m.start);
      const b = locate(block, m.end, true);
      const range = new StaticRange({
        startContainer: a.node,
        startOffset: a.offset,
        endContainer: b.node,
        endOffset: b.offset,
      });
      const pm: PageMention = {
        ...m,
        id: this.nextId++,
        range,
        text: block.text.slice(m.start, m.end),
      };
      // Register the mention on every text node it covers.
      for (let i = block.nodes.indexOf(a.node); i < block.nodes.length; i++) {
        const node = block.nodes[i]!;
        const nodeStart = block.starts[i]!;
        const from = Math.max(m.start - nodeStart, 0);
        const to = Math.min(m.end - nodeStart, node.data.length);
        if (to > from) {
          const list = this.byNode.get(node) ?? [];
          list.push({ start: from, end: to, mention: pm });
          list.sort((x, y) => x.start - y.start);
          this.byNode.set(node, list);
        }
        if (node === b.node) break;
      }
      this.all.push(pm);
      added.push(pm);
    }
    return added;
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
    this.all.length = 0;
  }
}

/** A live Range for one mention, made on demand (live ranges slow every later DOM change). */
export function liveRange(m: PageMention): Range {
  const r = document.createRange();
  r.setStart(m.range.startContainer, m.range.startOffset);
  r.setEnd(m.range.endContainer, m.range.endOffset);
  return r;
}
