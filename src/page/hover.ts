/**
 * Hover hit-testing: one delegated, passive `pointermove` listener, one check per animation
 * frame: the caret position under the pointer (given the open shadow roots we read, or the caret
 * APIs retarget to their hosts), looked up in our interval index, confirmed against the mention's
 * client rects (the caret snaps to the nearest character even in margins).
 *
 * Owns: deciding which mention, if any, is under the pointer, from the user's own input only (a
 * page script's events are ignored). Never: opens cards itself; it calls `onChange`.
 */
import { liveRange, type MentionIndex, type PageMention } from './mentions.ts';

type CaretDoc = Document & {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

export function caretAt(
  doc: Document,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[] = [],
): { node: Node; offset: number } | undefined {
  const d = doc as CaretDoc;
  if (d.caretPositionFromPoint) {
    const p = shadowRoots.length
      ? d.caretPositionFromPoint(x, y, { shadowRoots })
      : d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : undefined;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}

function contains(rects: DOMRectList, x: number, y: number): boolean {
  for (const r of rects)
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  return false;
}

/** The mention under a viewport point, if any. */
export function mentionAt(index: MentionIndex, x: number, y: number): PageMention | undefined {
  const caret = caretAt(document, x, y, index.shadowRoots);
  if (!caret || caret.node.nodeType !== 3) return undefined;
  // The caret may sit just after the last character of a mention: try the character before too.
  const m =
    index.at(caret.node, caret.offset) ??
    (caret.offset > 0 ? index.at(caret.node, caret.offset - 1) : undefined);
  if (!m) return undefined;
  return contains(liveRange(m).getClientRects(), x, y) ? m : undefined;
}

export function initHover(
  signal: AbortSignal,
  index: MentionIndex,
  onChange: (mention: PageMention | undefined, event: PointerEvent) => void,
): void {
  let pending: PointerEvent | undefined;
  let frame = 0;
  let current: PageMention | undefined;
  const check = () => {
    frame = 0;
    const e = pending;
    pending = undefined;
    if (!e || signal.aborted) return;
    const m = mentionAt(index, e.clientX, e.clientY);
    if (m !== current) {
      current = m;
      onChange(m, e);
    }
  };
  document.addEventListener(
    'pointermove',
    (e) => {
      if (e.pointerType === 'touch' || !e.isTrusted) return;
      pending = e;
      if (!frame) frame = requestAnimationFrame(check);
    },
    { passive: true, capture: true, signal },
  );
  signal.addEventListener('abort', () => frame && cancelAnimationFrame(frame));
}
