/**
 * The marker's reader: the page's text in pieces (`FlatReader`), kept as strings (`PageText`), and
 * the loop that tests it a chunk at a time (`chunksThrough`), so that no test of a page of
 * megabytes is one long task.
 *
 * Owns: reading a subtree's text in pieces, and where each piece starts in the joined text.
 * Never: decides what a mention is, or changes the DOM.
 */
import { firstAtOrAfter } from '../../matcher/scan.ts';
import { NOT_ONE_PIECE, NOT_TEXT } from '../collect.ts';

/** How far past a chunk's ends a scan of it may read (docs/perf.md#page-text). */
export const SCAN_MARGIN = 4096;

/**
 * Reads the text under `root` in order, resumably, as pieces (`nodes`) with where each starts in
 * the joined text (`starts`, then its length), the text one string per slice of reading. A piece
 * is a text node, or a whole element with no border inside (`NOT_ONE_PIECE`), read with one
 * `Range.toString()`: each border the walk splits at is still a junction (docs/perf.md#pieces).
 */
export class FlatReader {
  readonly nodes: Node[] = [];
  readonly starts: number[] = [];
  readonly strings: string[] = [];
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
    const moved = (s: (typeof stack)[number]) =>
      !s.parent.isConnected || (s.next !== null && s.next.parentNode !== s.parent);
    if (this.nodes.length > 0 && stack.some(moved)) {
      // The page removed our place while we yielded: start again.
      this.nodes.length = 0;
      this.starts.length = 0;
      this.strings.length = 0;
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
        this.strings.push(pieces.join(''));
        return false;
      }
    }
    this.strings.push(pieces.join(''));
    starts.push(this.length);
    this.done = true;
    return true;
  }

  /** The joined text and piece offsets (then the length), once done. */
  result(): { text: PageText; starts: Int32Array } {
    return { text: new PageText(this.strings), starts: new Int32Array(this.starts) };
  }
}

/**
 * The page's joined text, kept as the reader's strings and never joined whole: on a huge page that
 * one string of megabytes can set off a long garbage collection (docs/perf.md#page-text). Each
 * test of the text is given the span it reads (`textSpan`).
 */
export class PageText {
  readonly length: number;
  #strings: readonly string[];
  /** Where each string starts. */
  #at: number[] = [];

  constructor(strings: readonly string[]) {
    this.#strings = [...strings];
    let length = 0;
    for (const c of this.#strings) {
      this.#at.push(length);
      length += c.length;
    }
    this.length = length;
  }

  /** `slice` of the joined text (`from` and `to` clamped to it). */
  slice(from: number, to: number): string {
    const strings = this.#strings;
    const at = this.#at;
    from = Math.max(0, from);
    to = Math.min(this.length, to);
    if (to <= from) return '';
    const out: string[] = [];
    for (let k = Math.max(0, firstAtOrAfter(at, from + 1) - 1); k < strings.length; k++) {
      if (at[k]! >= to) break;
      out.push(strings[k]!.slice(Math.max(0, from - at[k]!), to - at[k]!));
    }
    return out.length === 1 ? out[0]! : out.join('');
  }

  /** The whole text, joined (tests, and the first look's text compared once). */
  toString(): string {
    return this.#strings.join('');
  }
}

/**
 * `text[from - margin, to + margin)` (clamped), where it starts (`base`) and its junctions, with
 * one more on each side (a scan skips a text's first and last): a test of `[from - base, to -
 * base)` in it answers as on the whole text.
 */
export function textSpan(
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
 * The one loop over a text's chunks: `step` on `[p.at, p.at + size)` until `deadline` says where
 * the next chunk starts, or -1 to stop there. True: a step stopped (at `p.at`); false: the end
 * was reached; undefined: the deadline came first.
 */
export function chunksThrough(
  p: { text: { readonly length: number }; at: number },
  deadline: number,
  step: (from: number, to: number) => number,
  size: number,
): boolean | undefined {
  while (p.at < p.text.length) {
    if (performance.now() > deadline) return undefined;
    const next = step(p.at, Math.min(p.text.length, p.at + size));
    if (next < 0) return true;
    p.at = next;
  }
  return false;
}
