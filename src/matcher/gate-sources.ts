/**
 * The gate's anchors (see `gate.ts` for what the gate promises), written once per extension start
 * in the background worker and sent to each page with its settings: a short stretch of every key
 * chosen to be rare in text (`anchorOf`), in one RegExp source kept short, since compiling it is
 * the page's cost (docs/perf.md#gate).
 *
 * Owns: writing the anchors. Never: tests text (`gate.ts` does).
 */
import type { MatchTables } from '../dataset/tables.ts';
import { normalise } from './chars.ts';

/** Characters of an anchor taken from one word, or from a hashtag (`anchorOf`). */
export const ANCHOR = 8;

/** A RegExp's source and flags (`i` for keys in any case, none for case-sensitive ones). */
export type GatePattern = readonly [source: string, flags: string];

export interface GateSources {
  /** One pattern (`(?-i:…)` for case-sensitive keys), or, without modifiers, `i` and literals. */
  anchors: GatePattern[];
}

const ASCII_WORD = /[A-Za-z0-9_]/;

// Placeholders (control characters), written out in a few replacements over the whole pattern.
const BOUND = '\x01';
const OPEN = '\x02';
const OR = '\x03';
const CLOSE = '\x04';
/** First the key characters: escaped, or made placeholders where they stand for variants. */
const KEY_CHARS: [RegExp, string][] = [
  [/[!-&(-,./:-@[-`{-~]/g, '\\$&'], // ASCII punctuation but ' and -: escaped
  [/[^\0-\x7f]/g, '\x05'], // a non-ASCII character of a key: any non-ASCII character
  [/'/g, '\x06'],
  [/-/g, '\x07'],
];
/** Then (after letters are made caseless) the placeholders written out. */
const PLACEHOLDERS: [string, string][] = [
  ['\x01', '\\b'], // keys start and end with ASCII word characters where it is used
  ['\x02', '(?:'],
  ['\x03', '|'],
  ['\x04', ')'],
  ['\x05', '[^\\x00-\\x7f]'],
  ['\x06', "['\\u2018\\u2019\\u201b\\u02bc\\u2032\\uff07]"],
  ['\x07', '[\\-\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d]'],
];
/**
 * Folded keys use the `i` flag (docs/perf.md#gate), which folds ASCII letters only among
 * themselves, as the matcher does, but the Kelvin sign, which the matcher folds to "k".
 */
const caseless = (src: string) => src.replace(/k/g, '[k\\u212a]');
// Names never hold control characters; the patterns use them as placeholders.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\0-\x1f]/;

/** Key characters and placeholders written out; a key's space stays one plain space. */
function written(keys: string, folded: boolean): GatePattern {
  let src = keys;
  for (const [re, to] of KEY_CHARS) src = src.replace(re, to);
  if (folded) src = caseless(src);
  for (const [from, to] of PLACEHOLDERS) src = src.replaceAll(from, to);
  return [src, folded ? 'i' : ''];
}

/**
 * Anchors (key characters) as one pattern, grouped by first character so that at each place of
 * the text one group is tried, not every anchor. The Kelvin sign, which "k" stands for, is left
 * out of the class that stands for a non-ASCII key character: groups never overlap.
 */
function anchorSource(list: Iterable<string>, folded: boolean): GatePattern | undefined {
  const all = [...new Set(list)];
  const bounded = all.filter((a) => a.startsWith(BOUND)).map((a) => a.slice(1));
  const free = all.filter((a) => !a.startsWith(BOUND));
  const parts = [
    ...(bounded.length ? [BOUND + OPEN + anchorGroups(bounded, folded) + CLOSE] : []),
    ...(free.length ? [anchorGroups(free, folded)] : []),
  ];
  if (parts.length === 0) return undefined;
  const [src, flags] = written(parts.join(OR), folded);
  return [src.replaceAll('[^\\x00-\\x7f]', '[^\\x00-\\x7f\\u212a]'), flags];
}

/** Anchors grouped by first character, each group longest first (placeholders unwritten). */
function anchorGroups(list: string[], folded: boolean): string {
  const items = list.filter((a) => !CONTROL.test(a));
  const groups = new Map<string, string[]>();
  for (const a of items) {
    const first = /[^\0-\x7f]/.test(a[0]!) ? '\x05' : folded ? a[0]!.toLowerCase() : a[0]!;
    const g = groups.get(first);
    if (g) g.push(a);
    else groups.set(first, [a]);
  }
  return [...groups.values()]
    .map((g) => {
      g.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
      const rests = g.map((a) => a.slice(1));
      return g[0]![0]! + (rests.some((r) => r) ? OPEN + rests.join(OR) + CLOSE : '');
    })
    .join(OR);
}

/** Words that say little on their own (pure: a bundle that writes no anchors leaves it out). */
const FUNCTION_WORDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  ...['a', 'an', 'and', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'of', 'on', 'or'],
  ...['the', 'that', 'this', 'to', 'with', '&'],
]);

/** How far into a key its anchor may start. */
export const ANCHOR_REACH = 48;
/** The longest anchor: a word and the first characters of the next. */
export const ANCHOR_MAX = 16;
/** …or a word, the function words after it and the first characters of the next ("accident and eme"). */
export const ANCHOR_BRIDGE = 20;
/** Characters of the next word an anchor takes. */
const NEXT = 3;

/** How many of the dataset's keys hold a word: a word many names share is common in text too. */
export type Commonness = (word: string) => number;

/**
 * A key's anchor, within its first `ANCHOR_REACH` characters and rare in ordinary text (a page
 * holding one loads the marker): from the start of a word that is not a function word, across
 * the space after it (and function words) to the first `NEXT` characters of the next word
 * ("accident and eme"), or a word's first `ANCHOR` characters. Preferred: across words, then the
 * rarest whole word among the keys (`common`), the longest, the latest (an English name's head
 * noun comes last). A short key is its own anchor; a hashtag's is '#' and its start ("#nhsengl").
 */
export function anchorOf(
  chars: string,
  hash = false,
  common: Commonness = () => 0,
): { text: string; start: number } {
  if (hash) return { text: `#${chars.slice(0, ANCHOR - 1)}`, start: 0 };
  if (chars.length <= ANCHOR_MAX) return { text: chars, start: 0 };
  const words: { at: number; text: string }[] = [];
  for (let at = 0; at < chars.length;) {
    const gap = chars.indexOf(' ', at);
    const end = gap < 0 ? chars.length : gap;
    words.push({ at, text: chars.slice(at, end) });
    at = end + 1;
  }
  let best = { text: chars.slice(0, ANCHOR), start: 0 };
  let bestScore: number[] | undefined;
  for (let j = 0; j < words.length && words[j]!.at < ANCHOR_REACH; j++) {
    const w = words[j]!;
    if (FUNCTION_WORDS.has(w.text)) continue;
    let k = j + 1;
    while (k < words.length && FUNCTION_WORDS.has(words[k]!.text)) k++;
    const limit = k > j + 1 ? ANCHOR_BRIDGE : ANCHOR_MAX;
    const bridged = k < words.length && words[k]!.at + NEXT - w.at <= limit;
    const text = bridged
      ? chars.slice(w.at, Math.min(words[k]!.at + NEXT, words[k]!.at + words[k]!.text.length))
      : chars.slice(w.at, w.at + ANCHOR).trimEnd();
    // A short word alone says too little ("order").
    if (!bridged && text.length < ANCHOR) continue;
    // The whole words inside: this one, and if the stretch ends beyond it, those it passes.
    const whole = words
      .slice(j, bridged ? k : j + 1)
      .filter((x) => !FUNCTION_WORDS.has(x.text) && x.at + x.text.length <= w.at + text.length);
    const rarest = whole.length ? Math.min(...whole.map((x) => common(x.text))) : common(w.text);
    const longest = Math.max(0, ...whole.map((x) => x.text.length));
    const score = [bridged ? 0 : 1, rarest, -longest, -w.at];
    if (!bestScore || lower(score, bestScore)) {
      best = { text, start: w.at };
      bestScore = score;
    }
  }
  return best;
}

/** `a` before `b` in lexicographic order. */
function lower(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * RegExp modifiers (`(?-i:…)`, Chrome 125, Firefox 132) let one pattern hold keys in any case and
 * case-sensitive ones: one compile and one pass over the text instead of two.
 */
export function supportsModifiers(): boolean {
  try {
    return new RegExp('(?-i:a)', 'i').test('a');
  } catch {
    return false;
  }
}

/** Folded and literal patterns as one, where modifiers are supported. */
function merged(list: GatePattern[]): GatePattern[] {
  const folded = list.find((p) => p[1] === 'i');
  const literal = list.find((p) => p[1] === '');
  if (!folded || !literal || list.length !== 2) return list;
  return [[`${folded[0]}|(?-i:${literal[0]})`, 'i']];
}

export interface GateOptions {
  /** Write case-sensitive keys into the same pattern with `(?-i:…)` (default: if supported). */
  modifiers?: boolean;
}

export function gateSources(tables: MatchTables, options: GateOptions = {}): GateSources {
  const merge = options.modifiers ?? supportsModifiers();
  const anchors = { folded: new Set<string>(), literal: new Set<string>() };
  // How many keys hold each word.
  const holding = new Map<string, number>();
  for (const key of new Set(tables.aliases.map((a) => normalise(a.text))))
    for (const w of new Set(key.split(' '))) holding.set(w, (holding.get(w) ?? 0) + 1);
  const common: Commonness = (w) => holding.get(w.toLowerCase()) ?? 0;
  const add = (rule: 'folded' | 'literal', chars: string, hash: boolean) => {
    const { text: anchor, start } = anchorOf(chars, hash, common);
    // After a space of the key, a word boundary: the RegExp passes over most places in one test.
    anchors[rule].add(start > 0 && ASCII_WORD.test(anchor[0]!) ? BOUND + anchor : anchor);
  };
  for (const a of tables.aliases) {
    const key = normalise(a.text);
    let chars = a.caseSensitive ? normalise(a.text, true) : key;
    const hashOnly = key.startsWith('#');
    if (hashOnly) chars = chars.slice(1);
    if (!chars) continue;
    const rule = a.caseSensitive ? 'literal' : 'folded';
    add(rule, chars, hashOnly);
    // Hashtags join the words of a name: "#NHSEngland".
    if (!hashOnly && key.includes(' ')) add(rule, chars.replaceAll(' ', ''), true);
  }
  const present = [anchorSource(anchors.folded, true), anchorSource(anchors.literal, false)].filter(
    (s): s is GatePattern => s !== undefined,
  );
  return { anchors: merge ? merged(present) : present };
}
