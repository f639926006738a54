/**
 * Text collection: one walk over the DOM that gathers the text of each *block* (paragraph, list
 * item, cell, heading…) with the text nodes it came from, so matches can span inline elements
 * ("Serenity <em>Integrated</em> Mentoring") but never a block border.
 *
 * Owns: what counts as readable text (the skip list), where blocks begin and end (by tag name
 * and attributes only: computed style would force style for the whole page), and regions (runs
 * of siblings to read). Never: changes the DOM.
 */
import type { BlockText } from '../matcher/index.ts';
import { firstAtOrAfter } from '../matcher/scan.ts';
import { isOurTag, MARK_TAG } from './ours.ts';

/** Elements whose text is never page text (inline scripts and styles can be most of it). */
export const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea']);

/** Elements whose subtree is never read: those, and text we do not mark (code, controls…). */
const SKIP = new Set([
  ...NOT_TEXT,
  ...(
    'input select option code pre kbd samp svg math ' +
    'iframe object embed canvas video audio head title button'
  ).split(' '),
]);

/** Elements that start a new block: text on either side of them never joins. */
const BLOCK = new Set(
  (
    'address article aside blockquote body br caption dd details dialog div dl dt ' +
    'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html ' +
    'img legend li main menu nav ol p section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);

/** What an element must not hold to be one piece (`FlatReader`): a border, or hidden text. */
export const NOT_ONE_PIECE =
  [...BLOCK, ...SKIP].join(',') + ',[hidden],[aria-hidden="true"],[contenteditable]';

export interface Block extends BlockText {
  /** The joined text of the block's text nodes. */
  text: string;
  nodes: Text[];
  /** `starts[i]` is the offset of `nodes[i]` in `text`. */
  starts: number[];
}

/** Attributes whose change can hide or show text (the engine watches them). */
export const VISIBILITY_ATTRIBUTES = ['hidden', 'aria-hidden', 'contenteditable'];

function isBlank(data: string): boolean {
  for (let i = 0; i < data.length; i++) if (data.charCodeAt(i) > 32) return false;
  return true;
}

/** True when the walk never reads inside `el`. */
export function skipElement(el: Element): boolean {
  const tag = el.localName;
  if (SKIP.has(tag)) return true;
  if (isOurTag(tag)) return tag !== MARK_TAG;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

export function isBlockElement(node: Node): boolean {
  return node.nodeType === 1 && BLOCK.has((node as Element).localName);
}

/** A region: a run of siblings to read, `first` to `last` under `parent`. */
export interface Region {
  /** The element, shadow root or document fragment whose children are read. */
  parent: Node;
  first: Node;
  last: Node;
}

/** A region queued for the walk (`first`, `last` unset: from the first child, to the end). */
type Queued = { parent: Node; first?: Node | null; last?: Node | null };

/**
 * A resumable walk over queued regions, emitting blocks in document order within each region;
 * open shadow roots met on the way are walked after the region that hosts them. A hand-written
 * loop that prunes whole subtrees and keeps its state in locals: it touches every node of the page.
 */
export class Walker {
  #regions: Queued[] = [];
  #next = 0;
  #region: Queued | undefined;
  /** The next node to visit, and its ancestors up to the region's parent (`stack[0]`). */
  #node: Node | null = null;
  #stack: Node[] = [];
  #stop: Node | null = null;
  // The block being gathered when the walk paused.
  #nodes: Text[] = [];
  #starts: number[] = [];
  #text = '';
  /** Open shadow roots seen so far (walked too). */
  readonly shadows: ShadowRoot[] = [];
  /** True once a walk restarted after the page moved its place (blocks may come twice). */
  restarted = false;
  #seenShadows = new WeakSet<ShadowRoot>();

  /** Queues the children of `parent` (or the siblings `first`…`last` among them). */
  add(parent: Node, first?: Node | null, last?: Node | null): void {
    this.#regions.push({ parent, first, last });
  }

  /** Queues an open shadow root found elsewhere (once). */
  addShadow(shadow: ShadowRoot): void {
    if (this.#seenShadows.has(shadow)) return;
    this.#seenShadows.add(shadow);
    this.shadows.push(shadow);
    this.add(shadow);
  }

  get done(): boolean {
    return !this.#region && this.#next >= this.#regions.length;
  }

  /** Walks until `deadline` or the end (`done`); returns the blocks completed since last call. */
  run(deadline = Infinity): Block[] {
    const out: Block[] = [];
    if (this.#region) this.#resume();
    let node = this.#node;
    let stack = this.#stack;
    let stop = this.#stop;
    let nodes = this.#nodes;
    let starts = this.#starts;
    let text = this.#text;
    let count = 0;
    /** The last step passed a block border: the block gathered so far is complete. */
    let border = false;
    for (;;) {
      if ((border || node === null) && nodes.length > 0) {
        if (/\S/.test(text)) out.push({ text, nodes, starts });
        nodes = [];
        starts = [];
        text = '';
      }
      border = false;
      if (node === null) {
        // The region is finished (its last block closed above): start the next region.
        const r = this.#regions[this.#next++];
        if (!r) {
          this.#region = undefined;
          this.#next = this.#regions.length;
          break;
        }
        this.#region = r;
        stack = [r.parent];
        node = r.first === undefined ? r.parent.firstChild : r.first;
        stop = r.last ? r.last.nextSibling : null;
        continue;
      }
      if ((++count & 255) === 0 && performance.now() > deadline) break;
      const type = node.nodeType;
      if (type === 3) {
        const data = (node as Text).data;
        // Blank text before a block's first word (indentation between tags) is left out.
        if (data.length > 0 && (nodes.length > 0 || !isBlank(data))) {
          nodes.push(node as Text);
          starts.push(text.length);
          text += data;
        }
      } else if (type === 1) {
        const skip = skipElement(node as Element);
        // A skipped element is a border too: a mention's range never spans text we did not read.
        border = skip || BLOCK.has((node as Element).localName);
        if (!skip) {
          const shadow = (node as Element).shadowRoot;
          if (shadow !== null) this.addShadow(shadow);
          const child = node.firstChild;
          if (child !== null) {
            stack.push(node);
            node = child;
            continue;
          }
        }
      }
      // Move on in document order, leaving finished parents (each a block border if a block).
      for (;;) {
        if (stack.length === 1) {
          const next: Node | null = node!.nextSibling;
          node = next === stop ? null : next;
          break;
        }
        const next: Node | null = node!.nextSibling;
        if (next !== null) {
          node = next;
          break;
        }
        node = stack.pop()!;
        if (BLOCK.has((node as Element).localName)) border = true;
      }
    }
    this.#node = node;
    this.#stack = stack;
    this.#stop = stop;
    this.#nodes = nodes;
    this.#starts = starts;
    this.#text = text;
    return out;
  }

  /** After a pause, if the page moved our place: walk the deepest ancestor in place again. */
  #resume(): void {
    const s = this.#stack;
    let keep = 0;
    while (keep + 1 < s.length && s[keep + 1]!.parentNode === s[keep]) keep++;
    if (keep === s.length - 1 && (this.#node === null || this.#node.parentNode === s[keep])) return;
    this.restarted = true;
    this.#nodes = [];
    this.#starts = [];
    this.#text = '';
    s.length = keep + 1;
    this.#node = s[keep]!.firstChild;
    if (keep === 0) this.#stop = null;
  }
}

/** Maps an offset in a block's text to a text node and an offset in it. */
export function locate(
  block: Block,
  offset: number,
  preferEnd = false,
): { node: Text; offset: number; index: number } {
  const { starts, nodes } = block;
  // The last node starting before `offset` (or at it, unless `preferEnd`).
  const i = Math.max(0, firstAtOrAfter(starts, preferEnd ? offset : offset + 1) - 1);
  return { node: nodes[i]!, offset: offset - starts[i]!, index: i };
}

/**
 * The region to read again when `node` changed: the run of inline siblings around it, up to the
 * nearest block borders; or the node alone when it is a block between blocks (a feed's new item).
 */
export function regionAround(node: Node): Region | undefined {
  if (insideSkipped(node)) return undefined;
  let child = node;
  let parent = node.parentNode;
  // Climb out of inline ancestors to the nearest block (or root) that contains the node.
  while (parent && parent.nodeType === 1 && !isBlockElement(parent)) {
    child = parent;
    parent = parent.parentNode;
  }
  if (!parent) return undefined;
  if (isBlockElement(child)) {
    const before = significantSibling(child, 'previousSibling');
    const after = significantSibling(child, 'nextSibling');
    if ((!before || isBlockElement(before)) && (!after || isBlockElement(after)))
      return { parent, first: child, last: child };
  }
  let first = child;
  while (first.previousSibling && !isBlockElement(first.previousSibling))
    first = first.previousSibling;
  let last = child;
  while (last.nextSibling && !isBlockElement(last.nextSibling)) last = last.nextSibling;
  return { parent, first, last };
}

/** The nearest sibling that is not a comment or blank text. */
function significantSibling(node: Node, dir: 'previousSibling' | 'nextSibling'): Node | null {
  let s = node[dir];
  while (s && (s.nodeType === 8 || (s.nodeType === 3 && !/\S/.test((s as Text).data)))) s = s[dir];
  return s;
}

/** True when an ancestor of `node` (across shadow roots) is never read. */
export function insideSkipped(node: Node): boolean {
  let p = node.parentNode;
  while (p) {
    if (p.nodeType === 11) p = (p as ShadowRoot).host ?? null;
    else if (p.nodeType === 1 && skipElement(p as Element)) return true;
    else p = p.parentNode;
  }
  return false;
}

const precedes = (a: Node, b: Node) =>
  (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

/** Regions without duplicates, and without those inside another one. */
export function dedupeRegions(list: Region[]): Region[] {
  const kept: Region[] = [];
  // Overlapping runs of one parent's children join (a block's run holds its inline neighbours').
  const open = new Map<Node, Region>();
  const sorted = list.map((r) => ({ ...r }));
  sorted.sort((a, b) => (a.first === b.first ? 0 : precedes(a.first, b.first) ? -1 : 1));
  for (const r of sorted) {
    const o = open.get(r.parent);
    if (!o || precedes(o.last, r.first)) {
      kept.push(r);
      open.set(r.parent, r);
    } else if (precedes(o.last, r.last)) o.last = r.last;
  }
  const covered = new Set<Node>();
  for (const r of kept)
    for (let s: Node | null = r.first; s; s = s === r.last ? null : s.nextSibling) covered.add(s);
  return kept.filter((r) => {
    for (let p: Node | null = r.parent; p; p = p.parentNode) if (covered.has(p)) return false;
    return true;
  });
}

/** The regions to read again for changed nodes (`regionAround`), without duplicates or nesting. */
export function regionsOf(touched: readonly Node[]): Region[] {
  const regions: Region[] = [];
  // Parents whose inline children have their one region already (a live feed touches the same
  // paragraph many times in one batch, and each `regionAround` walks its children).
  const whole = new Set<Node>();
  for (const n of touched) {
    const parent = n.parentNode;
    if (!parent) continue;
    const block = isBlockElement(n);
    if (!block && whole.has(parent)) continue;
    const r = n.isConnected ? regionAround(n) : undefined;
    if (r) regions.push(r);
    if (block || !n.isConnected) continue;
    if (!r || r.parent !== parent || (r.first === parent.firstChild && r.last === parent.lastChild))
      whole.add(parent);
  }
  return dedupeRegions(regions);
}
