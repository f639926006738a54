/**
 * The default scanner: a trie of every alias and exclusion key, walked at each word start.
 *
 * Owns: finding leftmost-longest candidates in one block's text in one pass, whatever the number
 * of aliases (each step is one map look-up, so 10,000 aliases cost about what 100 do), and
 * finding cue phrases. Never: decides whether an ambiguous candidate is a mention (`resolve.ts`).
 *
 * Why a trie and not one generated RegExp: `bench/run.ts --matcher` measures both on the same
 * text; V8's RegExp tries the alternatives one after another at every word start, so its time
 * grows with the number of aliases, while the trie's does not (figures in the engine's closing
 * note and `bench/README.md`). The RegExp form is kept in `regexp.ts` for that measurement and as
 * a cross-check in tests.
 */
import {
  ASCII_FOLD,
  ASCII_WORD,
  HASH,
  SPACE,
  foldCode,
  foldVariantCode,
  isIgnorableCode,
  isSpaceCode,
  isWordCode,
} from './chars.ts';
import type { Compiled, Entry } from './compile.ts';

/** A match before disambiguation: ambiguous aliases still need their cues or a long form. */
export interface Candidate {
  /** Offsets into the block's text; `end` includes any declared suffix ("NHS England's"). */
  start: number;
  end: number;
  /** Index into `tables.entities`. */
  entity: number;
  /** Index into `tables.aliases`. */
  alias: number;
  ambiguous: boolean;
  /** Other aliases (of other entities) with the same text here, best first. */
  others?: number[];
}

export interface CueHit {
  /** Index into `Compiled.cues`. */
  cue: number;
  start: number;
  end: number;
}

/** The lenient scan of a whole page's joined text, bound to its tables (see `lenientScan`). */
export type LenientScan = (
  text: string,
  junctions: ArrayLike<number>,
  out: number[],
  limit?: number,
  from?: number,
  to?: number,
) => number;

export interface Scanner {
  /** Leftmost-longest candidates in one block's text; exclusion phrases are consumed. */
  candidates(text: string): Candidate[];
  /** The lenient scan, where available. */
  lenient?: LenientScan;
}

export type ScannerFactory = (compiled: Compiled) => Scanner;

const isSpaceOrIgnorable = (c: number) => isSpaceCode(c) || isIgnorableCode(c);

/**
 * A trie flattened into typed arrays: node 0 is the root; transitions live in one
 * open-addressing hash table keyed by (node, folded code unit). A look-up is a multiply, a mask
 * and a compare, with no Map and no allocation, so a step costs the same for 100 or 10,000 keys.
 */
export interface Trie {
  /** Children of the root by folded ASCII code (0: none), for the common first step. */
  ascii: Int32Array;
  mask: number;
  slotNode: Int32Array;
  slotCode: Int32Array;
  /** Child node id, or 0 for an empty slot. */
  slotChild: Int32Array;
  /** Ids of the keys that end at each node. */
  out: (number[] | undefined)[];
  /** 1 when the keys ending at a node end with a word character (a boundary must follow). */
  wordEnd: Uint8Array;
  /** 1 where some key ending here declares a suffix starting with a word character ("s"). */
  wordSuffix: Uint8Array;
}

const slotOf = (node: number, code: number, mask: number) => {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
};

export function child(t: Trie, node: number, code: number): number {
  let h = slotOf(node, code, t.mask);
  for (;;) {
    const c = t.slotChild[h]!;
    if (c === 0 || (t.slotNode[h] === node && t.slotCode[h] === code)) return c;
    h = (h + 1) & t.mask;
  }
}

export function buildTrie(keys: readonly string[], wordSuffix?: readonly boolean[]): Trie {
  // Built straight into the hash table (no Map per node): this runs on every page load, before
  // the JIT has warmed up. Nodes are at most one per key character, so the table is sized once.
  let total = 1;
  for (const key of keys) total += key.length;
  let size = 16;
  while (size < total * 2) size *= 2;
  const mask = size - 1;
  const slotNode = new Int32Array(size);
  const slotCode = new Int32Array(size);
  const slotChild = new Int32Array(size);
  const ascii = new Int32Array(128);
  const out: (number[] | undefined)[] = [undefined];
  const wordEnd = new Uint8Array(total);
  const glue = new Uint8Array(total);
  let nodes = 1;
  keys.forEach((key, id) => {
    let n = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let h = slotOf(n, c, mask);
      let next = 0;
      for (;;) {
        const at = slotChild[h]!;
        if (at === 0) break;
        if (slotNode[h] === n && slotCode[h] === c) {
          next = at;
          break;
        }
        h = (h + 1) & mask;
      }
      if (next === 0) {
        next = nodes++;
        slotNode[h] = n;
        slotCode[h] = c;
        slotChild[h] = next;
        out.push(undefined);
        if (n === 0 && c < 128) ascii[c] = next;
      }
      n = next;
    }
    (out[n] ??= []).push(id);
    wordEnd[n] = isWordCode(key.charCodeAt(key.length - 1)) ? 1 : 0;
    if (wordSuffix?.[id]) glue[n] = 1;
  });
  return {
    ascii,
    mask,
    slotNode,
    slotCode,
    slotChild,
    out,
    wordEnd: wordEnd.subarray(0, nodes),
    wordSuffix: glue.subarray(0, nodes),
  };
}

/**
 * A RegExp that finds, natively, the next place a key could start: one of the keys' first
 * characters (in any case) after a non-word character and before a character that may follow it
 * in some key (a look-ahead, so the match still ends at the first character), or a first
 * character that is itself not a word character. Per-character work in JS is what costs most before the JIT has warmed up (every
 * page load); with this, JS runs only at these stops. The trie then checks each stop; Unicode
 * word boundaries are checked there too (the class here is ASCII).
 */
export function startFinder(keys: readonly string[]): RegExp {
  // First character → the characters that may follow it ('' when a key ends there).
  const word = new Map<string, Set<string>>();
  const other = new Set<string>();
  for (const key of keys) {
    const ch = key[0];
    if (!ch) continue;
    if (!isWordCode(ch.charCodeAt(0))) {
      other.add(ch);
      continue;
    }
    const next = word.get(ch) ?? new Set<string>();
    word.set(ch, next);
    next.add(key[1] ?? '');
  }
  const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  const cases = (c: string) =>
    [...new Set([c, c.toUpperCase(), c.toLowerCase()])].filter((v) => v.length === 1);
  // What may stand for a key's second character in text: its case variants, and for a space,
  // apostrophe or hyphen any of their variants; invisible characters may come first.
  const follow = (set: Set<string>) => {
    if (set.has('')) return '';
    let cls = '\\u00ad\\u200b-\\u200d\\u2060\\ufeff';
    for (const c of set) {
      if (c === ' ') cls += '\\s\\u0085';
      else if (c === "'") cls += "'\\u2018\\u2019\\u201b\\u02bc\\u2032\\uff07";
      else if (c === '-') cls += '\\-\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d';
      else cls += cases(c).map(hex).join('');
    }
    return `(?=[${cls}])`;
  };
  const alternatives = [...word].map(
    ([c, next]) => `[${cases(c).map(hex).join('')}]${follow(next)}`,
  );
  const parts: string[] = [];
  if (alternatives.length) parts.push(`(?:[^A-Za-z0-9_]|^)(?:${alternatives.join('|')})`);
  if (other.size) parts.push(`[${[...other].flatMap(cases).map(hex).join('')}]`);
  return new RegExp(parts.length ? parts.join('|') : '(?!)', 'g');
}

/** The root's child for the character `c`, or 0. */
function rootChild(t: Trie, c: number): number {
  return c < 128 ? t.ascii[ASCII_FOLD[c]!]! : child(t, 0, foldCode(c));
}

/**
 * Walks the trie from node `first` (the node for the character at `i`) and records every node
 * with output passed on the way, with the text offset where it ends, into `nodes`/`ends`.
 */
function walk(t: Trie, text: string, i: number, first: number, nodes: number[], ends: number[]) {
  const n = text.length;
  let k = 0;
  let at = first;
  let j = i + 1;
  if (t.out[at]) {
    nodes[k] = at;
    ends[k++] = j;
  }
  while (j < n) {
    const c = text.charCodeAt(j);
    let f: number;
    if (c < 128) f = ASCII_FOLD[c]!;
    else if (isIgnorableCode(c)) {
      j++;
      continue;
    } else f = foldCode(c);
    const next = child(t, at, f);
    if (next === 0) break;
    at = next;
    j++;
    if (f === SPACE) {
      // Any run of spaces (and line breaks) matches the single space of a key.
      while (j < n && isSpaceOrIgnorable(text.charCodeAt(j))) j++;
      continue; // keys never end with a space
    }
    if (t.out[at]) {
      nodes[k] = at;
      ends[k++] = j;
    }
  }
  return k;
}

/** Does the text between `i` and `j` read exactly `literal` (variants folded, case kept)? */
export function literalAt(text: string, i: number, j: number, literal: string): boolean {
  let q = 0;
  for (let p = i; p < j; p++) {
    const c = text.charCodeAt(p);
    if (isIgnorableCode(c)) continue;
    if (isSpaceCode(c)) {
      if (literal.charCodeAt(q++) !== SPACE) return false;
      while (p + 1 < j && isSpaceOrIgnorable(text.charCodeAt(p + 1))) p++;
      continue;
    }
    if (foldVariantCode(c) !== literal.charCodeAt(q++)) return false;
  }
  return q === literal.length;
}

/** The end of `suffix` at `j` followed by a word boundary, or -1. */
function suffixAt(text: string, j: number, suffix: string): number {
  const end = j + suffix.length;
  if (end > text.length) return -1;
  for (let q = 0; q < suffix.length; q++)
    if (foldCode(text.charCodeAt(j + q)) !== suffix.charCodeAt(q)) return -1;
  if (
    end < text.length &&
    isWordCode(suffix.charCodeAt(suffix.length - 1)) &&
    isWordCode(text.charCodeAt(end))
  )
    return -1;
  return end;
}

/** The end of the longest of `e`'s suffixes found at `j`, or `j`. */
function suffixEnd(e: Entry, text: string, j: number): number {
  let end = j;
  for (const s of e.suffixes) {
    const k = suffixAt(text, j, s);
    if (k > end) end = k;
  }
  return end;
}

/**
 * Judges the entries that end at `j` for a match starting at `i`: `undefined` when none holds,
 * `null` when an exclusion holds (the span is consumed), else the candidate. `glued` says that a
 * word character follows `j`: only an entry with a declared suffix there can then match ("high
 * intensity user" + "s").
 */
export function judge(
  compiled: Compiled,
  text: string,
  i: number,
  j: number,
  ids: readonly number[],
  glued = false,
): Candidate | null | undefined {
  const { entries, tables } = compiled;
  const hashBefore = i > 0 && text.charCodeAt(i - 1) === HASH;
  let best: Entry | undefined;
  let end = j;
  let others: number[] | undefined;
  for (const id of ids) {
    const e = entries[id]!;
    if (e.hashOnly && !hashBefore) continue;
    if (glued && (e.alias < 0 || suffixEnd(e, text, j) === j)) continue;
    if (e.caseSensitive && !literalAt(text, i, j, e.literal)) continue;
    if (e.alias < 0) return null;
    if (!best) {
      best = e;
      end = suffixEnd(e, text, j);
      continue;
    }
    const entity = tables.aliases[e.alias]!.entity;
    if (entity === tables.aliases[best.alias]!.entity) continue;
    if (others?.some((a) => tables.aliases[a]!.entity === entity)) continue;
    (others ??= []).push(e.alias);
  }
  if (!best) return undefined;
  let alias = best.alias;
  // An unambiguous alias of another entity is preferred over an ambiguous one.
  if (others && tables.aliases[alias]!.context) {
    const plain = others.findIndex((a) => !tables.aliases[a]!.context);
    if (plain >= 0) [alias, others[plain]] = [others[plain]!, alias];
  }
  const a = tables.aliases[alias]!;
  const start = hashBefore && text.charCodeAt(i) !== HASH ? i - 1 : i;
  const c: Candidate = { start, end, entity: a.entity, alias, ambiguous: !!a.context };
  if (others) c.others = others;
  return c;
}

/** True when the last visible character before `i` is a word character (ignorables skipped). */
function wordBefore(text: string, i: number): boolean {
  for (let p = i - 1; p >= 0; p--) {
    const c = text.charCodeAt(p);
    if (!isIgnorableCode(c)) return isWordCode(c);
  }
  return false;
}

export const trieScanner: ScannerFactory = (compiled) => {
  const keys = compiled.entries.map((e) => e.key);
  const t = buildTrie(
    keys,
    compiled.entries.map(
      (e) => e.alias >= 0 && e.suffixes.some((x) => isWordCode(x.charCodeAt(0))),
    ),
  );
  const finder = startFinder(keys);
  const nodes: number[] = [];
  const ends: number[] = [];
  return {
    lenient: (text, junctions, out, limit, from, to) =>
      lenientScan(t, finder, compiled, text, junctions, out, limit, from, to),
    candidates(text) {
      const out: Candidate[] = [];
      const n = text.length;
      const re = finder;
      re.lastIndex = 0;
      while (re.test(text)) {
        const i = re.lastIndex - 1;
        const c = text.charCodeAt(i);
        // The class is ASCII: a start after a non-ASCII letter ("éSIM") is not a word start.
        if (c < 128 ? ASCII_WORD[c] === 1 : isWordCode(c)) {
          if (i > 0 && text.charCodeAt(i - 1) >= 128 && wordBefore(text, i)) continue;
        }
        const first = rootChild(t, c);
        if (first === 0) continue;
        const k = walk(t, text, i, first, nodes, ends);
        for (let q = k - 1; q >= 0; q--) {
          const at = nodes[q]!;
          const j = ends[q]!;
          const glued = t.wordEnd[at] === 1 && j < n && isWordCode(text.charCodeAt(j));
          if (glued && !t.wordSuffix[at]) continue;
          const r = judge(compiled, text, i, j, t.out[at]!, glued);
          if (r === undefined) continue;
          if (r) out.push(r);
          // Go on after the match (the finder needs the character before a start).
          re.lastIndex = (r ? r.end : j) - 1;
          break;
        }
      }
      return out;
    },
  };
};

/** Finds every cue phrase in a text (overlaps allowed), on word boundaries, in order. */
export function createCueScanner(compiled: Compiled): (text: string) => CueHit[] {
  if (compiled.cues.length === 0) return () => [];
  const keys = compiled.cues.map((c) => c.key);
  const t = buildTrie(keys);
  const finder = startFinder(keys);
  const nodes: number[] = [];
  const ends: number[] = [];
  return (text) => {
    const out: CueHit[] = [];
    const n = text.length;
    finder.lastIndex = 0;
    while (finder.test(text)) {
      const i = finder.lastIndex - 1;
      const c = text.charCodeAt(i);
      if (isWordCode(c) && i > 0 && text.charCodeAt(i - 1) >= 128 && wordBefore(text, i)) continue;
      const first = rootChild(t, c);
      if (first === 0) continue;
      const k = walk(t, text, i, first, nodes, ends);
      for (let q = 0; q < k; q++) {
        const j = ends[q]!;
        if (t.wordEnd[nodes[q]!] === 1 && j < n && isWordCode(text.charCodeAt(j))) continue;
        for (const cue of t.out[nodes[q]!]!) out.push({ cue, start: i, end: j });
      }
    }
    return out;
  };
}

/**
 * A lenient scan for the page layer's fast path. The text is a whole page's text nodes joined
 * with no separator, and `junctions` (sorted, ending with the text's length) are the offsets
 * where each text node begins: a block border may lie there, so word boundaries are assumed at
 * junctions. Every mention the strict scan would find in any block is therefore inside one of
 * the spans found here (a superset; exclusions are not applied). Appends `[start, end)` pairs
 * to `out`, and stops once it holds `limit` pairs (the caller then reads everything anyway).
 *
 * Only spans starting in `[from, to)` are looked for, so a page's text can be scanned in slices
 * that keep every task short. Returns where the next slice starts (`to`, or the end of a span
 * that runs past it; the text's length once `limit` is reached).
 */
export function lenientScan(
  t: Trie,
  finder: RegExp,
  compiled: Compiled,
  text: string,
  junctions: ArrayLike<number>,
  out: number[],
  limit = Infinity,
  from = 0,
  to = text.length,
): number {
  const nodes: number[] = [];
  const ends: number[] = [];
  const { entries } = compiled;
  const hit = (i: number) => {
    const first = rootChild(t, text.charCodeAt(i));
    if (first === 0) return -1;
    const end = lenientHit(t, entries, text, junctions, i, first, nodes, ends);
    if (end > i) out.push(i > 0 && text.charCodeAt(i - 1) === HASH ? i - 1 : i, end);
    return end;
  };
  // Word starts, found natively.
  const re = finder;
  // The finder's match begins with the character before a start: begin one early.
  re.lastIndex = from > 0 ? from - 1 : 0;
  let next = to;
  while (re.test(text)) {
    const i = re.lastIndex - 1;
    if (i >= to) break;
    if (i < from) continue;
    const end = hit(i);
    if (end > 0) {
      re.lastIndex = end - 1;
      if (end > next) next = end;
    }
    if (out.length >= limit * 2) return text.length;
  }
  // And every text node's start: a block border may lie there, after a word character. (Cheap
  // tests first: this runs once per text node, before the JIT has warmed up.)
  const { ascii } = t;
  for (let k = Math.max(1, firstAtOrAfter(junctions, from)); k + 1 < junctions.length; k++) {
    const i = junctions[k]!;
    if (i >= to || i >= text.length) break;
    const c = text.charCodeAt(i);
    if (c < 128 && ascii[ASCII_FOLD[c]!] === 0) continue;
    const p = text.charCodeAt(i - 1);
    if (p < 128 ? ASCII_WORD[p] === 1 : isWordCode(p)) {
      const end = hit(i);
      if (end > next) next = end;
      if (out.length >= limit * 2) return text.length;
    }
  }
  return next;
}

/** The first index of sorted `list` whose value is at least `v` (`list.length` if none). */
export function firstAtOrAfter(list: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The end of the longest alias key at `i` with lenient boundaries, or -1. */
function lenientHit(
  t: Trie,
  entries: readonly Entry[],
  text: string,
  junctions: ArrayLike<number>,
  i: number,
  first: number,
  nodes: number[],
  ends: number[],
): number {
  const k = walk(t, text, i, first, nodes, ends);
  for (let q = k - 1; q >= 0; q--) {
    const at = nodes[q]!;
    const j = ends[q]!;
    if (t.wordEnd[at] === 1 && j < text.length && isWordCode(text.charCodeAt(j))) {
      // A declared suffix ("users") may follow; the strict scan judges it.
      if (!t.wordSuffix[at] && !sortedHas(junctions, j)) continue;
    }
    for (const id of t.out[at]!) {
      const e = entries[id]!;
      if (e.alias < 0) continue;
      if (e.hashOnly && !(i > 0 && text.charCodeAt(i - 1) === HASH)) continue;
      if (e.caseSensitive && !literalAt(text, i, j, e.literal)) continue;
      return j;
    }
  }
  return -1;
}

function sortedHas(list: ArrayLike<number>, v: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
