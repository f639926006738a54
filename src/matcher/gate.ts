/**
 * The gate: a few native RegExps over the key prefixes of every alias (`gate-sources.ts`) that
 * say whether a page's text could hold a mention at all. Most pages hold none; for them the page
 * layer never builds the trie (`scan.ts`) and never runs JS over each character: the text is
 * looked at natively.
 *
 * Two stages, because compiling a RegExp costs about 0.4 µs per character of pattern on a page's
 * first use (Chromium 156), and the prefixes of every key make a long pattern:
 * 1. the *anchors* (a short, rare window of every key within its first `ANCHOR_REACH`
 *    characters, `anchorOf` in `gate-sources.ts`: a short pattern) find which keys the text could
 *    hold, and where. None: the answer is no.
 * 2. Only the *buckets* of the anchors found are compiled, and tested as below.
 *
 * What it promises: wherever the lenient scan (`lenientScan`) would find a span, `maybe` says
 * true (property-tested in `tests/unit/matcher-properties.test.ts`). The first stage cannot miss
 * one: a span's text holds its key's characters in a row (spaces as any run of spaces, invisible
 * characters aside; the first stage takes those out, and both stages make each run of spaces one
 * space, as their patterns are written), so its anchor is found where it is in the key (with `\b`
 * before it only where a space of the key precedes it); every anchor is looked for at every place
 * (a match does not hide one that overlaps it), and a bucket holds the keys of the anchors that
 * are its own prefixes and of those it is a prefix of. The second stage is a superset in every
 * way the lenient scan is lenient, and more:
 * - only the first `PREFIX` characters of a key are looked for (`gate-sources.ts`; longer keys
 *   match on them);
 * - a word boundary is required before a key only after an ASCII character, as the trie's
 *   finder does; after a key only where the whole key is in the pattern and no alias with that
 *   key declares a word suffix ("users");
 * - text nodes may begin and end inside what reads as one word in the joined text (a block border
 *   may lie there): the text around each such junction is tested again with a space put in at
 *   the junction (or at it and the next one). Only junctions near an anchor can matter: a span
 *   that starts or ends at one starts at an anchor at most `AROUND` characters before it;
 * - invisible characters (soft hyphen, zero-width characters) may sit anywhere in a key: the text
 *   around them is tested without them and with no boundaries.
 * Case-sensitive aliases are looked for in their case, others in either case; spaces, apostrophes
 * and dashes in any of their variants; a non-ASCII character of a key as any non-ASCII character.
 *
 * Limit: a key's first characters must fit within `OVERLAP` characters of text (runs of spaces
 * included) to be found across the edge of a slice (`from`, `to`); text is sliced only on pages
 * of megabytes. Likewise within `AROUND` characters of a junction or of invisible characters.
 *
 * Owns: testing text against the gate's patterns. Never: says where a mention is, or what it is
 * (the trie does), or builds the patterns (`gate-sources.ts`).
 */
import type { BucketSources, GatePattern, GateSources } from './gate-sources.ts';
import { APOSTROPHE_RE, ASCII_WORD, DASH_RE, isWordCode } from './chars.ts';
import { firstAtOrAfter } from './scan.ts';

/** How far past `to` a match starting before `to` is looked for. */
const OVERLAP = 4096;
/**
 * Characters of page text to give `maybe` at a time. Every anchor in a slice is looked for, at
 * about 15-35 ns a character on a page's first use, so a page whose first slice holds a mention
 * stops there (on the bench's 1 MB page dense with names the anchors' pass took 14 ms over a
 * slice of 512 K characters); pages of ordinary length are one slice.
 */
export const GATE_SLICE = 1 << 16;
/** Around a junction inside a word, or invisible characters, the text tested again. */
const AROUND = 64;
/**
 * How far beyond `from` and `to` a test of `text[from, to)` reads (before: the character before
 * a start, `AROUND` before a junction; after: `OVERLAP`, and `AROUND` past a junction there): text
 * cut out for a test with this margin on both sides gives the answer the whole text gives.
 */
export const SLICE_MARGIN = OVERLAP + 2 * AROUND;

const IGNORABLES = '\\xad\\u200b-\\u200d\\u2060\\ufeff';
const IGNORABLE_G = new RegExp(`[${IGNORABLES}]`, 'g');
const HAS_IGNORABLE = new RegExp(`[${IGNORABLES}]`);
/** What `oneSpace` replaces: runs of spaces but a lone ' ' (NEL, which `\s` is not, among them). */
const SPACES = /[\s\x85]{2,}|[^\S ]|\x85/g;
/** Runs of more than one space: where `oneSpace` shortens the text. */
const RUNS = /[\s\x85]{2,}/g;

/** Each run of spaces made one ' ': `gate-sources.ts` writes a key's spaces so. */
const oneSpace = (s: string) => s.replace(SPACES, ' ');

/** Places in `oneSpace(s)`, sorted, as places in `s`. */
function placesIn(s: string, at: readonly number[]): number[] {
  const out: number[] = [];
  let removed = 0;
  RUNS.lastIndex = 0;
  for (let m = RUNS.exec(s); out.length < at.length; m = RUNS.exec(s)) {
    // Where this run stands in the shorter text (one space).
    const run = m ? m.index - removed : Infinity;
    while (out.length < at.length && at[out.length]! <= run) out.push(at[out.length]! + removed);
    if (!m) break;
    removed += m[0].length - 1;
  }
  return out;
}

export interface Gate {
  /**
   * False only when no span of the lenient scan can start in `text[from, to)`; `junctions` are
   * where each text node begins (sorted).
   */
  maybe(text: string, junctions: ArrayLike<number>, from?: number, to?: number): boolean;
  /**
   * The first stage alone: false only when no anchor starts in `text[from, to)`. Then `maybe`
   * says false too, for this text with junctions anywhere in it: the quick look tests a page's
   * text with it before any text node has been counted.
   */
  anchored(text: string, from?: number, to?: number): boolean;
}

/** The second stage for some keys: the text as a whole, then again around junctions. */
function checker(sources: BucketSources) {
  // Compiling is most of the gate's cost: each RegExp is compiled on first use only.
  const lazy = (list: GatePattern[]) => {
    let res: RegExp[] | undefined;
    return (s: string) =>
      (res ??= list.map(([src, flags]) => new RegExp(src, flags))).some((re) => re.test(s));
  };
  const strict = lazy(sources.strict);
  const hash = lazy(sources.hash);
  const loose = lazy(sources.loose);
  const hashLoose = lazy(sources.hashLoose);
  /** No boundaries, no invisible characters: rare. */
  const looseTest = (s: string) => {
    const t = oneSpace(s.replace(IGNORABLE_G, ''));
    return loose(t) || (t.includes('#') && hashLoose(t));
  };
  const find = new RegExp(`[${IGNORABLES}]+`, 'g');
  /** `one`: `s` with each run of spaces one space (`oneSpace(s)`, where the caller has it). */
  const check = (s: string, one = oneSpace(s)): boolean => {
    if (strict(one) || (one.includes('#') && hash(one))) return true;
    if (!HAS_IGNORABLE.test(s)) return false;
    // Around invisible characters (runs less than AROUND apart looked at together).
    let a = -1;
    let b = -1;
    find.lastIndex = 0;
    for (let m = find.exec(s); ; m = find.exec(s)) {
      if (m && m.index - AROUND <= b) {
        b = m.index + m[0].length + AROUND;
        continue;
      }
      if (b >= 0 && looseTest(s.slice(Math.max(0, a), b))) return true;
      if (!m) return false;
      a = m.index - AROUND;
      b = m.index + m[0].length + AROUND;
    }
  };

  /** In-word junctions where a key might start or end: all, or those just after `near` places. */
  const inWordJunctions = (
    text: string,
    junctions: ArrayLike<number>,
    from: number,
    to: number,
    near: readonly number[] | undefined,
  ): number[] => {
    const inWord: number[] = [];
    // A key starting before `to` may end at a junction after it.
    const end = Math.min(to + AROUND, text.length);
    const take = (k: number, stop: number) => {
      for (; k < junctions.length; k++) {
        const i = junctions[k]!;
        if (i >= stop) break;
        // Once per text node, before the JIT has warmed up: ASCII by table, inline.
        const a = text.charCodeAt(i - 1);
        if (a < 128 ? ASCII_WORD[a] === 0 : !isWordCode(a)) continue;
        const b = text.charCodeAt(i);
        if (b < 128 ? ASCII_WORD[b] === 0 : !isWordCode(b)) continue;
        inWord.push(i);
      }
      return k;
    };
    if (!near) take(firstAtOrAfter(junctions, Math.max(1, from)), end);
    else {
      // A span starting or ending at a junction starts at an anchor (a key starting at one
      // junction may end at the next, within AROUND).
      let k = 0;
      for (const h of near) {
        k = Math.max(k, firstAtOrAfter(junctions, Math.max(1, from, h - AROUND)));
        k = take(k, Math.min(end, h + 2 * AROUND + 1));
      }
    }
    return inWord;
  };

  return {
    /** Some key's prefix is in `s` (with word boundaries), or around its invisible characters. */
    check,
    /** Some key's prefix is around an in-word junction, tested with a space put in. */
    junctions(
      text: string,
      junctions: ArrayLike<number>,
      from: number,
      to: number,
      near: readonly number[] | undefined,
    ): boolean {
      const inWord = inWordJunctions(text, junctions, from, to, near);
      for (let a = 0; a < inWord.length; a++) {
        const i = inWord[a]!;
        const before = text.slice(Math.max(0, i - AROUND), i);
        if (check(`${before} ${text.slice(i, i + AROUND)}`)) return true;
        for (let b = a + 1; b < inWord.length && inWord[b]! - i < AROUND; b++) {
          const j = inWord[b]!;
          if (check(`${before} ${text.slice(i, j)} ${text.slice(j, j + AROUND)}`)) return true;
        }
      }
      return false;
    },
  };
}

/**
 * The normal form of text an anchor matched (or of the anchor itself): variants folded, runs of
 * spaces one space, non-ASCII characters one placeholder (the patterns take any there), lower
 * case. The page and the builder agree through it; where they do not, the page takes every
 * bucket.
 */
export function anchorKey(text: string): string {
  // Most matches are plain ASCII with single spaces (no RegExp to compile for them).
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || (c === 0x20 && text.charCodeAt(i + 1) === 0x20))
      return oneSpace(text)
        .replace(APOSTROPHE_RE, "'")
        .replace(DASH_RE, '-')
        .replace(/\u212a/g, 'k')
        .replace(/[^\0-\x7f]/g, '\x05')
        .toLowerCase();
  }
  return text.toLowerCase();
}

/** The patterns of some buckets (all by default) together, one RegExp per case rule. */
export function unionSources(sources: GateSources, ids?: readonly number[]): BucketSources {
  const list = ids ? ids.map((i) => sources.buckets[i]!) : sources.buckets;
  const join = (pick: (b: BucketSources) => GatePattern[]): GatePattern[] => {
    const byFlags = new Map<string, string[]>();
    for (const b of list)
      for (const [src, flags] of pick(b)) {
        const l = byFlags.get(flags);
        if (l) l.push(src);
        else byFlags.set(flags, [src]);
      }
    return [...byFlags].map(([flags, srcs]) => [srcs.join('|'), flags] as const);
  };
  return {
    strict: join((b) => b.strict),
    loose: join((b) => b.loose),
    hash: join((b) => b.hash),
    hashLoose: join((b) => b.hashLoose),
  };
}

export function createGate(sources: GateSources): Gate {
  // Compiled on first use (a RegExp compiles when it first runs).
  let anchors: RegExp[] | undefined;
  /** Text an anchor matched → its bucket (-1: unknown, so every bucket). */
  const bucketOf = new Map<string, number>();
  /** Second stages by the buckets they hold. */
  const stages = new Map<string, ReturnType<typeof checker>>();
  /**
   * The text `maybe` and `anchored` test for `text[from, to)` (`s`, starting at `base` in
   * `text`), and the anchors' text: `s` without invisible characters and with each run of spaces
   * one space (`t`).
   */
  const sliceOf = (text: string, from: number, to: number) => {
    const whole = from === 0 && to >= text.length;
    const base = whole ? 0 : Math.max(0, from - 1);
    const s = whole ? text : text.slice(base, to + OVERLAP);
    const invisible = HAS_IGNORABLE.test(s);
    return { s, base, invisible, t: oneSpace(invisible ? s.replace(IGNORABLE_G, '') : s) };
  };
  /**
   * The first stage: the anchors in `t`, at every place (overlaps included), until `each`
   * returns true for one of them (then true).
   */
  const firstStage = (t: string, each: (found: string, at: number) => boolean): boolean => {
    anchors ??= sources.anchors.map(([src, flags]) => new RegExp(src, `${flags}g`));
    for (const re of anchors) {
      re.lastIndex = 0;
      for (let m = re.exec(t); m !== null; m = re.exec(t)) {
        if (each(m[0], m.index)) return true;
        re.lastIndex = m.index + 1;
      }
    }
    return false;
  };
  return {
    maybe(text, junctions, from = 0, to = text.length) {
      const { s, base, invisible, t } = sliceOf(text, from, to);
      const ids = new Set<number>();
      const near: number[] = [];
      let every = false;
      firstStage(t, (found, at) => {
        let b = bucketOf.get(found);
        if (b === undefined) bucketOf.set(found, (b = sources.bucketOf[anchorKey(found)] ?? -1));
        if (b < 0) every = true;
        else ids.add(b);
        near.push(at);
        return false;
      });
      if (ids.size === 0 && !every) return false;
      // Second stage: the buckets found.
      const list = every ? undefined : [...ids].sort((a, b) => a - b);
      const key = list ? list.join() : '*';
      let stage = stages.get(key);
      if (!stage) stages.set(key, (stage = checker(unionSources(sources, list))));
      if (stage.check(s, invisible ? undefined : t)) return true;
      // Places in the text without invisible characters cannot be told: then every junction counts.
      near.sort((a, b) => a - b);
      const places = invisible ? undefined : placesIn(s, near).map((p) => base + p);
      return stage.junctions(text, junctions, from, to, places);
    },
    anchored(text, from = 0, to = text.length) {
      return firstStage(sliceOf(text, from, to).t, () => true);
    },
  };
}
