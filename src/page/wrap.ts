/**
 * The wrap renderer (a fallback, and an option): puts each part of a mention in a
 * `<context-cards-mark>` element. Segments come in the page's original coordinates; after
 * wrapping, a mention's `range` and `segments` point inside our elements.
 *
 * Owns: every node it inserts, and taking them out so that the DOM returns exactly to its state:
 * the page's text node keeps its identity and, once its last mark is removed, its whole text (no
 * `normalize()`, which would merge nodes the page's framework owns); if the page rewrites a node
 * we split, our parts are dropped. Never: touches a node it did not split or insert.
 */
import type { HighlightStyle } from '../shared/settings.ts';
import { MARK_TAG, NAME_PREFIX } from './ours.ts';
import { ShadowStyles, type Painter } from './highlight.ts';
import { rangeOf, type PageMention, type Segment } from './mentions.ts';

export const STYLE_ATTRIBUTE = `${NAME_PREFIX}-style`;
export const ACTIVE_ATTRIBUTE = `${NAME_PREFIX}-active`;

/** One original text node and what now stands for its text: text parts and our elements. */
interface Split {
  original: Text;
  /** `parts[0]` is the original (or our element around it); the text reads in this order. */
  parts: (Text | Element)[];
  /** The original's data as we last left it, to notice the page writing to it. */
  data: string;
}

const textOf = (p: Text | Element): Text =>
  p.nodeType === 3 ? (p as Text) : (p.firstChild as Text);
const isMark = (p: Text | Element): p is Element => p.nodeType === 1;

export function createWrapPainter(
  style: HighlightStyle,
  quiet: (write: () => void) => void = (w) => w(),
): Painter {
  const splits = new Map<Text, Split>();
  /** Each wrapped mention's original segments and its elements. */
  const wrapped = new Map<PageMention, { original: Segment[]; marks: Element[] }>();
  const shadows = new ShadowStyles();
  let active: PageMention | undefined;

  function wrapSegment(s: Segment, m: PageMention): Element | undefined {
    let split = splits.get(s.node);
    if (!split) {
      if (!s.node.parentNode) return undefined;
      split = { original: s.node, parts: [s.node], data: s.node.data };
      splits.set(s.node, split);
    } else if (split.original.data !== split.data) return undefined; // the page rewrote it
    // Find the plain text part holding [start, end) of the original text.
    let offset = 0;
    let i = 0;
    for (; i < split.parts.length; i++) {
      const len = textOf(split.parts[i]!).data.length;
      if (s.start < offset + len) break;
      offset += len;
    }
    let part = split.parts[i];
    if (!part || isMark(part) || s.end > offset + part.data.length) return undefined;
    const a = s.start - offset;
    const length = s.end - s.start;
    if (a > 0) {
      const rest = part.splitText(a);
      split.parts.splice(++i, 0, rest);
      part = rest;
    }
    if (length < part.data.length) split.parts.splice(i + 1, 0, part.splitText(length));
    const mark = document.createElement(MARK_TAG);
    mark.setAttribute(STYLE_ATTRIBUTE, style);
    mark.setAttribute(`${NAME_PREFIX}-id`, String(m.id));
    part.replaceWith(mark);
    mark.append(part);
    split.parts[i] = mark;
    split.data = split.original.data;
    return mark;
  }

  /** Takes one of our elements out, merging its text back into the plain part before it. */
  function unwrapMark(mark: Element): void {
    const text = mark.firstChild as Text | null;
    for (const split of splits.values()) {
      const i = split.parts.indexOf(mark);
      if (i < 0) continue;
      if (split.original.data !== split.data || !text) {
        dropSplit(split);
        return;
      }
      mark.replaceWith(text);
      split.parts[i] = text;
      // Merge plain neighbours into the earlier one; the original (index 0) is never removed.
      for (let k = Math.max(1, i); k <= Math.min(i + 1, split.parts.length - 1);) {
        const prev = split.parts[k - 1]!;
        const cur = split.parts[k]!;
        if (isMark(prev) || isMark(cur)) {
          k++;
          continue;
        }
        prev.appendData(cur.data);
        cur.remove();
        split.parts.splice(k, 1);
      }
      split.data = split.original.data;
      if (split.parts.length === 1) splits.delete(split.original);
      return;
    }
  }

  /** The page rewrote the original: remove our parts and leave its text as the page set it. */
  function dropSplit(split: Split): void {
    const first = split.parts[0]!;
    if (first !== split.original) first.replaceWith(split.original);
    for (const p of split.parts.slice(1)) p.remove();
    splits.delete(split.original);
  }

  function removeOne(m: PageMention): void {
    const w = wrapped.get(m);
    if (!w) return;
    wrapped.delete(m);
    for (const mark of w.marks) unwrapMark(mark);
    if (active === m) active = undefined;
  }

  return {
    add(mentions) {
      quiet(() => {
        for (const m of mentions) {
          const original = m.segments;
          const marks = original.flatMap((s) => wrapSegment(s, m) ?? []);
          if (marks.length === 0) continue;
          wrapped.set(m, { original, marks });
          m.segments = marks.map((mark) => {
            const node = mark.firstChild as Text;
            return { node, start: 0, end: node.data.length };
          });
          m.range = rangeOf(m.segments);
        }
      });
    },
    remove(mentions) {
      quiet(() => {
        for (const m of mentions) removeOne(m);
      });
    },
    setActive(mention) {
      for (const mark of (active && wrapped.get(active)?.marks) || [])
        mark.removeAttribute(ACTIVE_ATTRIBUTE);
      active = mention;
      for (const mark of (mention && wrapped.get(mention)?.marks) || [])
        mark.setAttribute(ACTIVE_ATTRIBUTE, '');
    },
    coverShadowRoot: (root) => shadows.cover(root),
    destroy() {
      quiet(() => {
        for (const m of [...wrapped.keys()]) removeOne(m);
        for (const split of [...splits.values()]) dropSplit(split);
      });
      shadows.destroy();
    },
  };
}
