/**
 * The first look: all that runs on a page with no mention. The quick read of the body's text as
 * loaded (`QuickText`), then the gate's anchors over it a chunk at a time; and the anchors over
 * the text of the blocks a change touched. Only text they find an anchor in brings the marker
 * (docs/perf.md#first-look).
 *
 * Owns: the anchor tests of the page's text and of changed text. Never: counts text nodes,
 * walks blocks, matches or paints (the marker does).
 */
import { ANCHOR_CHUNK_CHARS, type Gate } from '../matcher/gate.ts';
import { NOT_TEXT, type Region } from './collect.ts';
import { testChunks } from './text/flat-reader.ts';
import type { QuickText } from './text/quick-text.ts';

export class FirstLook {
  /** True once an anchor is found, false once the text is read and holds none. */
  found: boolean | undefined;
  #read: QuickText;
  #gate: Gate;
  /** The text read, tested with the anchors up to `at`. */
  #text = { text: '', at: 0 };

  constructor(read: QuickText, gate: Gate) {
    this.#read = read;
    this.#gate = gate;
  }

  /** Reads, then tests, until `deadline`; returns the phase of the step. */
  step(deadline: number): string {
    if (!this.#read.done) {
      // Read in stretches: a page of text would be one long task read at once.
      if (this.#read.run(deadline)) this.#text.text = this.#read.text;
      return 'quick-read';
    }
    const t = this.#text;
    const found = testChunks(
      t,
      deadline,
      (from, to) => this.#gate.anchored(t.text, from, to),
      ANCHOR_CHUNK_CHARS,
    );
    if (found !== undefined) {
      this.found = found;
      t.text = '';
      // A RegExp keeps its last subject (`RegExp.input`): let go of the page's text.
      /$/.test('');
    }
    return 'anchors';
  }
}

/**
 * Could the text of changed regions hold a mention: an anchor in it, or more of it than one
 * chunk, which is the marker's to read in slices.
 */
export function mayHold(gate: Gate, regions: readonly Region[]): boolean {
  if (regions.length === 0) return false;
  const text = changedText(regions, ANCHOR_CHUNK_CHARS);
  return text === undefined || gate.anchored(text);
}

/** The text of regions without text that is never page text; undefined past `limit`. */
function changedText(regions: readonly Region[], limit: number): string | undefined {
  const parts: string[] = [];
  let length = 0;
  const add = (t: Text) => {
    if (NOT_TEXT.has((t.parentNode as Element | null)?.localName ?? '')) return true;
    parts.push(t.data);
    length += t.length;
    return length <= limit;
  };
  for (const r of regions) {
    for (let n: Node | null = r.first; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        if (!add(n as Text)) return undefined;
      } else if (n.nodeType === 1) {
        const w = document.createTreeWalker(n, NodeFilter.SHOW_TEXT);
        for (let t = w.nextNode(); t; t = w.nextNode()) if (!add(t as Text)) return undefined;
      }
      if (n === r.last) break;
    }
  }
  return parts.join('');
}
