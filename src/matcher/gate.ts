/**
 * The gate: one short native RegExp of *anchors* (a rare window of every alias key, written by
 * `gate-sources.ts` in the background) that says whether text could hold a mention at all. Most
 * pages hold none; for them the page layer never builds the trie (`scan.ts`) and never runs JS
 * over each character (docs/perf.md#gate).
 *
 * What it promises: where the lenient scan (`lenientScan`) finds a span, `anchored` says true,
 * whatever the text nodes' junctions (property-tested in `tests/unit/matcher-properties.test.ts`).
 * A span's text holds its key's characters in a row (runs of spaces as any run, invisible
 * characters anywhere); the gate takes those characters out and makes each run of spaces one
 * space, as the anchors are written, so the key's anchor is found where it is in the key.
 *
 * Limit: an anchor must fit within `OVERLAP` characters of text (runs of spaces included) to be
 * found across the end of a slice (`to`); text is sliced only on pages of megabytes.
 *
 * Owns: testing text against the anchors. Never: says where a mention is, or what it is (the
 * trie does), or writes the patterns (`gate-sources.ts`).
 */
import type { GateSources } from './gate-sources.ts';

/** How far past `to` an anchor starting before `to` is looked for. */
const OVERLAP = 4096;
/** Characters of text to test at a time: a page of ordinary length is one. */
export const ANCHOR_CHUNK_CHARS = 1 << 16;

const IGNORABLE_G = /[\xad\u200b-\u200d\u2060\ufeff]/g;
/** What `oneSpace` replaces: runs of spaces but a lone ' ' (NEL, which `\s` is not, among them). */
const SPACES = /[\s\x85]{2,}|[^\S ]|\x85/g;

/** Each run of spaces made one ' ': `gate-sources.ts` writes a key's spaces so. */
const oneSpace = (s: string) => s.replace(SPACES, ' ');

export interface Gate {
  /** False only when no anchor starts in `text[from, to)`: then no lenient span starts there. */
  anchored(text: string, from?: number, to?: number): boolean;
}

export function createGate(sources: GateSources): Gate {
  // Compiled on first use (a RegExp compiles when it first runs).
  let anchors: RegExp[] | undefined;
  return {
    anchored(text, from = 0, to = text.length) {
      const whole = from === 0 && to >= text.length;
      const s = whole ? text : text.slice(Math.max(0, from - 1), to + OVERLAP);
      const t = oneSpace(s.replace(IGNORABLE_G, ''));
      anchors ??= sources.anchors.map(([src, flags]) => new RegExp(src, flags));
      return anchors.some((re) => re.test(t));
    },
  };
}
