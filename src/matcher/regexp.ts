/**
 * The alternative scanner: one generated RegExp for every key, longest alternative first, with
 * plain `\b` at word edges (a Unicode-property look-behind makes V8's RegExp about ten times
 * slower) and the Unicode boundary, case and exclusion rules checked in JS on each match.
 *
 * Owns: nothing the extension ships. `bench/run.ts --matcher` measures it against the trie in
 * `scan.ts`, and the unit tests check that both find the same mentions. It does not skip
 * invisible characters (soft hyphens, zero-width spaces) inside a name; the trie does.
 */
import { foldCode, isWordCode, normalise } from './chars.ts';
import type { Compiled } from './compile.ts';
import { judge, type Candidate, type ScannerFactory } from './scan.ts';

const APOS = "['\\u2018\\u2019\\u201b\\u02bc\\u2032\\uff07]";
const DASH = '[\\-\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d]';
const asciiWord = (c: number) => c < 128 && isWordCode(c);

/** The pattern of one normalised key: variants as classes, `\b` at ASCII word edges. The bench
 * builds mark.js's equivalent pattern from it. */
export function pattern(key: string): string {
  let s = asciiWord(key.charCodeAt(0)) ? '\\b' : '';
  for (const ch of key) {
    // NEL is a space to the matcher, not to `\s`.
    if (ch === ' ') s += '[\\s\\x85]+';
    else if (ch === "'") s += APOS;
    else if (ch === '-') s += DASH;
    else s += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return asciiWord(key.charCodeAt(key.length - 1)) ? s + '\\b' : s;
}

/** The end of `key` matched at `p` (any run of spaces for a space), or -1. */
function keyEnd(text: string, p: number, key: string): number {
  let j = p;
  for (let q = 0; q < key.length; q++) {
    const k = key.charCodeAt(q);
    if (j >= text.length) return -1;
    if (k === 32) {
      if (foldCode(text.charCodeAt(j)) !== 32) return -1;
      while (j < text.length && foldCode(text.charCodeAt(j)) === 32) j++;
      continue;
    }
    if (foldCode(text.charCodeAt(j)) !== k) return -1;
    j++;
  }
  return j;
}

export const regexpScanner: ScannerFactory = (compiled: Compiled) => {
  // Normalised match text → entry ids; keys used only by hashtag forms must follow a '#'.
  const byKey = new Map<string, number[]>();
  const plain = new Set<string>();
  // Keys an entry may extend with a word-character suffix ("user" + "s"): no `\b` after them.
  const glueKeys = new Set<string>();
  compiled.entries.forEach((e, id) => {
    if (e.alias >= 0 && e.suffixes.some((x) => isWordCode(x.charCodeAt(0)))) glueKeys.add(e.key);
    const ids = byKey.get(e.key);
    if (ids) ids.push(id);
    else byKey.set(e.key, [id]);
    if (!e.hashOnly) plain.add(e.key);
  });
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length);
  const source = keys
    .map((k) => {
      const p = glueKeys.has(k) ? pattern(k).replace(/\\b$/, '') : pattern(k);
      return plain.has(k) ? p : `(?<=#)${p}`;
    })
    .join('|');
  const re = new RegExp(source, 'gi');
  const prefixes = new Map<string, string[]>();
  const prefixesOf = (key: string) => {
    let list = prefixes.get(key);
    if (!list) prefixes.set(key, (list = keys.filter((k) => k !== key && key.startsWith(k))));
    return list;
  };

  /** The verdict for `key` matched over [p, end): see `judge`. */
  const tryKey = (text: string, p: number, key: string, end: number) => {
    let glued = false;
    if (end < text.length && isWordCode(key.charCodeAt(key.length - 1))) {
      glued = isWordCode(text.charCodeAt(end));
      if (glued && !glueKeys.has(key)) return undefined;
    }
    if (isWordCode(key.charCodeAt(0)) && p > 0 && isWordCode(text.charCodeAt(p - 1))) {
      return undefined;
    }
    return judge(compiled, text, p, end, byKey.get(key)!, glued);
  };

  return {
    candidates(text) {
      const out: Candidate[] = [];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        const p = m.index;
        const key = normalise(m[0]);
        let end = p + m[0].length;
        let r = tryKey(text, p, key, end);
        if (r === undefined)
          for (const k of prefixesOf(key)) {
            end = keyEnd(text, p, k);
            if (end < 0) continue;
            r = tryKey(text, p, k, end);
            if (r !== undefined) break;
          }
        if (r === undefined) {
          re.lastIndex = p + 1;
          continue;
        }
        if (r) out.push(r);
        re.lastIndex = r ? r.end : end;
      }
      return out;
    },
  };
};
