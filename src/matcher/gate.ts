/**
 * The gate: one short native RegExp of *anchors* (a rare stretch of every alias key, written by
 * `gate-sources.ts`) that says whether text could hold a mention at all; most pages hold none,
 * and for them the trie is never built (docs/perf.md#gate).
 *
 * What it promises: where the lenient scan (`lenientScan`) finds a span, `anchored` says true,
 * whatever the text nodes' junctions (property-tested in `tests/unit/matcher-properties.test.ts`):
 * the gate takes invisible characters out and makes each run of spaces one space, as the anchors
 * are written, so a key's anchor is found where it is in the key. An anchor found across the end
 * of `[from, to)` must fit within `OVERLAP` characters of text.
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
/** Runs of spaces but a lone ' ' (NEL, which `\s` is not, among them): made one ' ', as in keys. */
const SPACES = /[\s\x85]{2,}|[^\S ]|\x85/g;

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
      const t = s.replace(IGNORABLE_G, '').replace(SPACES, ' ');
      anchors ??= sources.anchors.map(([src, flags]) => new RegExp(src, flags));
      return anchors.some((re) => re.test(t));
    },
  };
}
