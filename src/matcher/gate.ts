/**
 * The gate: a few native RegExps over the key prefixes of every alias (`gate-sources.ts`) that
 * say whether a page's text could hold a mention at all. Most pages hold none; for them the page
 * layer never builds the trie (`scan.ts`) and never runs JS over each character: the text is
 * looked at natively, in one pass.
 *
 * What it promises: wherever the lenient scan (`lenientScan`) would find a span, `maybe` says
 * true (property-tested in `tests/unit/matcher-properties.test.ts`). It is a superset in every
 * way the lenient scan is lenient, and more:
 * - only the first `PREFIX` characters of a key are looked for (`gate-sources.ts`; longer keys
 *   match on them);
 * - a word boundary is required before a key only after an ASCII character, as the trie's
 *   finder does; after a key only where the whole key is in the pattern and no alias with that
 *   key declares a word suffix ("users");
 * - text nodes may begin and end inside what reads as one word in the joined text (a block border
 *   may lie there): the text around each such junction is tested again with a space put in at
 *   the junction (or at it and the next one);
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
import type { GateSources } from './gate-sources.ts';
import { ASCII_WORD, isWordCode } from './chars.ts';
import { firstAtOrAfter } from './scan.ts';

/** How far past `to` a match starting before `to` is looked for. */
const OVERLAP = 4096;
/** Around a junction inside a word, or invisible characters, the text tested again. */
const AROUND = 64;

const IGNORABLES = '\\xad\\u200b-\\u200d\\u2060\\ufeff';
const IGNORABLE_G = new RegExp(`[${IGNORABLES}]`, 'g');
const HAS_IGNORABLE = new RegExp(`[${IGNORABLES}]`);
const NEL = /\x85/g;

export interface Gate {
  /**
   * False only when no span of the lenient scan can start in `text[from, to)`; `junctions` are
   * where each text node begins (sorted).
   */
  maybe(text: string, junctions: ArrayLike<number>, from?: number, to?: number): boolean;
}

export function createGate(sources: GateSources): Gate {
  // Compiling is most of the gate's cost: each RegExp is compiled on first use only.
  const lazy = (list: string[]) => {
    let res: RegExp[] | undefined;
    return (s: string) => (res ??= list.map((src) => new RegExp(src))).some((re) => re.test(s));
  };
  const strict = lazy(sources.strict);
  const hash = lazy(sources.hash);
  const loose = lazy(sources.loose);
  const hashLoose = lazy(sources.hashLoose);
  /** NEL is a space to the matcher, not to `\s`. */
  const spaced = (s: string) => (s.includes('\x85') ? s.replace(NEL, ' ') : s);
  const test = (s: string) => {
    const t = spaced(s);
    return strict(t) || (t.includes('#') && hash(t));
  };
  /** No boundaries, no invisible characters: rare. */
  const looseTest = (s: string) => {
    const t = spaced(s.replace(IGNORABLE_G, ''));
    return loose(t) || (t.includes('#') && hashLoose(t));
  };
  const find = new RegExp(`[${IGNORABLES}]+`, 'g');
  const check = (s: string): boolean => {
    if (test(s)) return true;
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

  return {
    maybe(text, junctions, from = 0, to = text.length) {
      const whole = from === 0 && to >= text.length;
      if (check(whole ? text : text.slice(Math.max(0, from - 1), to + OVERLAP))) return true;
      // Junctions inside a word: a block border may lie there, so a key may start or end at
      // one (or start at one and end at the next), while the others inside it are just where
      // one text node follows another.
      const inWord: number[] = [];
      for (let k = firstAtOrAfter(junctions, Math.max(1, from)); k < junctions.length; k++) {
        const i = junctions[k]!;
        // A key starting before `to` may end at a junction after it.
        if (i >= to + AROUND || i >= text.length) break;
        // Once per text node, before the JIT has warmed up: ASCII by table, inline.
        const a = text.charCodeAt(i - 1);
        if (a < 128 ? ASCII_WORD[a] === 0 : !isWordCode(a)) continue;
        const b = text.charCodeAt(i);
        if (b < 128 ? ASCII_WORD[b] === 0 : !isWordCode(b)) continue;
        inWord.push(i);
      }
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
