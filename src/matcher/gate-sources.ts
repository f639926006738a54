/**
 * The gate's patterns, built from the match tables: the key prefixes of every alias, in two
 * RegExp sources (keys in any case; case-sensitive keys in their case), with word boundaries
 * (strict) and without (loose). See `gate.ts` for what the gate promises and how it is used.
 *
 * Built once per extension start, in the background worker (or by the bench and tests), and
 * handed to each page with its settings: the page never spends time on it. Compiling the
 * patterns is the page's cost, so they are kept short: `\b` for boundaries, prefixes grouped by
 * their first character, a prefix that covers longer ones kept alone.
 *
 * Owns: writing the patterns. Never: tests text (`gate.ts` does).
 */
import type { MatchTables } from '../dataset/tables.ts';
import { isWordCode, normalise } from './chars.ts';

/** Key characters looked for: enough to tell "national partnership" from "national park". */
export const PREFIX = 16;
/** For hashtags ("#NHSEngland"), after a '#', which is rare in text. */
export const HASH_PREFIX = 6;

export interface GateSources {
  /** With word boundaries: the text as it is (NEL made a space). */
  strict: string[];
  /** Without: text around invisible characters, with them taken out. */
  loose: string[];
  /** Hashtags ("#NHSEngland"), strict and loose: only text holding a '#' needs them. */
  hash: string[];
  hashLoose: string[];
}

const ASCII_WORD = /[A-Za-z0-9_]/;

// Patterns are assembled with placeholders (control characters), then written out in a few
// replacements over the whole pattern.
const BOUND = '\x01';
const OPEN = '\x02';
const OR = '\x03';
const CLOSE = '\x04';
/** First the key characters: escaped, or made placeholders where they stand for variants. */
const KEY_CHARS: [RegExp, string][] = [
  [/[!-&(-,./:-@[-`{-~]/g, '\\$&'], // ASCII punctuation but ' and -: escaped
  [/[^\0-\x7f]/g, '\x05'], // a non-ASCII character of a key: any non-ASCII character
  [/ /g, '\x06'],
  [/'/g, '\x07'],
  [/-/g, '\x08'],
];
/** Then (after letters are made caseless) the placeholders written out. */
const PLACEHOLDERS: [string, string][] = [
  ['\x01', '\\b'], // keys start and end with ASCII word characters where it is used
  ['\x02', '(?:'],
  ['\x03', '|'],
  ['\x04', ')'],
  ['\x05', '[^\\x00-\\x7f]'],
  ['\x06', '\\s+'], // NEL (a space to the matcher, not to `\s`) is made a space in the text
  ['\x07', "['\\u2018\\u2019\\u201b\\u02bc\\u2032\\uff07]"],
  ['\x08', '[\\-\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d]'],
];
/**
 * A folded key's letters in either case; the Kelvin sign folds to "k" (the one non-ASCII character
 * that lower-cases to ASCII). Classes rather than the `i` flag, so the sources carry no flags
 * (both compile in about the same time in Chromium, measured).
 */
const caseless = (src: string) =>
  src.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}${c === 'k' ? '\\u212a' : ''}]`);
// Names never hold control characters; the patterns use them as placeholders.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\0-\x1f]/;

/**
 * Key prefixes (with `BOUND` at the end where a boundary must follow) as one pattern, grouped by
 * their first character: at each place in the text the RegExp tries one group, not every prefix.
 */
function alternation(items: string[]): string {
  items.sort();
  const groups: string[] = [];
  for (let i = 0; i < items.length;) {
    const first = items[i]![0]!;
    const rests: string[] = [];
    let last: string | undefined;
    for (; i < items.length && items[i]![0] === first; i++) {
      const rest = items[i]!.slice(1);
      // Sorted: a prefix with no boundary after it comes before the longer ones it covers.
      if (last !== undefined && rest.startsWith(last) && !last.endsWith(BOUND)) continue;
      rests.push((last = rest));
    }
    groups.push(first + OPEN + rests.join(OR) + CLOSE);
  }
  return groups.join(OR);
}

/** The prefixes of one case rule: keys that start with a word character (after `\b`), others. */
class Prefixes {
  word: string[] = [];
  other: string[] = [];
  /** Folded keys (either case matches), or literals (case kept). */
  constructor(readonly folded: boolean) {}
  add(head: string, bounded: boolean, hash: boolean): void {
    if (CONTROL.test(head)) return; // never in a name; it would break the pattern
    if (bounded) head += BOUND;
    if (hash) this.other.push(`#${head}`);
    else (ASCII_WORD.test(head[0]!) ? this.word : this.other).push(head);
  }
  /** `checks`: with word boundaries; without, every key start is tried anywhere. */
  source(checks: boolean): string | undefined {
    const parts: string[] = [];
    if (this.word.length) parts.push(BOUND + OPEN + alternation(this.word) + CLOSE);
    if (this.other.length) parts.push(alternation(this.other));
    if (parts.length === 0) return undefined;
    let src = parts.join(OR);
    if (!checks) src = src.replaceAll(BOUND, '');
    for (const [re, to] of KEY_CHARS) src = src.replace(re, to);
    if (this.folded) src = caseless(src);
    for (const [from, to] of PLACEHOLDERS) src = src.replaceAll(from, to);
    return src;
  }
}

export function gateSources(tables: MatchTables): GateSources {
  const folded = new Prefixes(true);
  const literal = new Prefixes(false);
  const hashFolded = new Prefixes(true);
  const hashLiteral = new Prefixes(false);
  // Keys that take a word suffix somewhere ("user" + "s"): no boundary is required after them.
  const glued = new Set<string>();
  for (const a of tables.aliases)
    if (a.suffixes.some((x) => isWordCode(x.charCodeAt(0))))
      glued.add(normalise(a.text).replace(/^#/, ''));
  const add = (rule: Prefixes, key: string, chars: string, hash: boolean) => {
    const head = chars.slice(0, hash ? HASH_PREFIX : PREFIX);
    // A key ending with a non-ASCII letter is looked for with no boundary after it.
    const bounded =
      head.length === chars.length && ASCII_WORD.test(head.at(-1)!) && !glued.has(key);
    (hash ? (rule === folded ? hashFolded : hashLiteral) : rule).add(head, bounded, hash);
  };
  for (const a of tables.aliases) {
    let key = normalise(a.text);
    const cs = a.caseSensitive;
    let chars = cs ? normalise(a.text, true) : key;
    const hashOnly = key.startsWith('#');
    if (hashOnly) {
      key = key.slice(1);
      chars = chars.slice(1);
    }
    if (!key) continue;
    const rule = cs ? literal : folded;
    add(rule, key, chars, hashOnly);
    // Hashtags join the words of a name: "#NHSEngland".
    if (!hashOnly && key.includes(' '))
      add(rule, key.replaceAll(' ', ''), chars.replaceAll(' ', ''), true);
  }
  const sources = (rules: Prefixes[], checks: boolean) =>
    rules.map((r) => r.source(checks)).filter((s): s is string => s !== undefined);
  return {
    strict: sources([folded, literal], true),
    loose: sources([folded, literal], false),
    hash: sources([hashFolded, hashLiteral], true),
    hashLoose: sources([hashFolded, hashLiteral], false),
  };
}
