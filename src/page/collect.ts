/**
 * Text collection: one walk over the DOM that gathers the text of each *block* (paragraph, list
 * item, cell, heading…) with the text nodes it came from, so matches can span inline elements
 * ("Serenity <em>Integrated</em> Mentoring") but never a block border.
 *
 * Owns: what counts as readable text (the skip list) and where blocks begin and end, decided by
 * tag name only (no computed style in the walk: it would force style for the whole page).
 * Never: changes the DOM. A hand-written firstChild/nextSibling walk that prunes whole subtrees
 * is several times faster than a TreeWalker with a JS filter.
 */

/** Elements whose subtree is never read. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
  'BUTTON',
]);

/** Elements that start a new block: text on either side of them never joins. */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'BR',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'IMG',
  'LEGEND',
  'LI',
  'MAIN',
  'MENU',
  'NAV',
  'OL',
  'P',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** The prefix of every name we put into a page (highlights, custom elements, attributes). */
export const PREFIX = 'context-cards';

export interface Block {
  /** The joined text of the block's text nodes. */
  text: string;
  nodes: Text[];
  /** `starts[i]` is the offset of `nodes[i]` in `text`. */
  starts: number[];
}

function skipElement(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIP.has(tag)) return true;
  if (tag.startsWith(PREFIX.toUpperCase())) return true; // our own UI
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return false;
}

/**
 * Reads every block under `root` in document order. Open shadow roots are read after the tree
 * that hosts them, as blocks of their own. Iterative, so deeply nested pages cannot overflow the
 * stack.
 */
export function collectBlocks(root: Node): Block[] {
  const blocks: Block[] = [];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let parts: string[] = [];
  let length = 0;
  let hasText = false;
  const flush = () => {
    if (nodes.length > 0 && hasText) blocks.push({ text: parts.join(''), nodes, starts });
    if (nodes.length > 0) {
      nodes = [];
      starts = [];
      parts = [];
      length = 0;
      hasText = false;
    }
  };
  const isBlock = (n: Node) => n.nodeType === 1 && BLOCK.has((n as Element).tagName.toUpperCase());
  const shadows: ShadowRoot[] = [];

  const walk = (top: Node) => {
    let node: Node | null = top.firstChild;
    while (node) {
      let next: Node | null = null;
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        if (data.length > 0) {
          nodes.push(node as Text);
          starts.push(length);
          parts.push(data);
          length += data.length;
          if (!hasText && /\S/.test(data)) hasText = true;
        }
      } else if (node.nodeType === 1 && !skipElement(node as Element)) {
        if (isBlock(node)) flush();
        const shadow = (node as Element).shadowRoot;
        if (shadow) shadows.push(shadow);
        next = node.firstChild;
      }
      if (next) {
        node = next;
        continue;
      }
      // Leave finished nodes, flushing at the end of every block.
      while (node && node !== top && !node.nextSibling) {
        if (isBlock(node)) flush();
        node = node.parentNode;
      }
      if (!node || node === top) break;
      if (isBlock(node)) flush();
      node = node.nextSibling;
    }
    flush();
  };
  walk(root);
  for (let i = 0; i < shadows.length; i++) walk(shadows[i]!);
  return blocks;
}

/** Maps an offset in a block's text to a text node and an offset in it. */
export function locate(
  block: Block,
  offset: number,
  preferEnd = false,
): { node: Text; offset: number } {
  const { starts, nodes } = block;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (s < offset || (!preferEnd && s === offset)) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo]!, offset: offset - starts[lo]! };
}
