/**
 * Abbreviations as the page defines them: "Health Innovation Network (HIN)", "HIN (Health
 * Innovation Network)", "the Health Innovation Network, or HIN", and "CPN (community psychiatric
 * nurse)" for words we have no card for.
 *
 * Owns: finding the definitions in one block's text from the candidates already found there (a
 * look at the few characters around each candidate, never a scan of the block), and the
 * Schwartz–Hearst test that an abbreviation's letters come, in order and from a word's start, from
 * the words it is said to stand for (so "(HIN)" after unrelated words is not a definition).
 * Never: decides which entity a mention is (`topic.ts`), or scans for aliases.
 */
import type { Candidate } from './scan.ts';

export interface Definition {
  /** Where the definition starts in the block: it binds the abbreviation from here on. */
  at: number;
  /** The abbreviation as the page writes it, possessive and plural taken off (`abbreviationKey`). */
  abbr: string;
  /** The candidate that spells it out; undefined: words we have no card for. */
  long: Candidate | undefined;
  /** The definition as the page writes it, e.g. "Health Innovation Network (HIN)". */
  text: string;
}

const UPPER = /[A-Z]/g;
/** Letters first, then letters, digits, '&', '/', '.', '-': "HIN", "NHSE/I", "A&E", "RCPsych". */
const ABBR_SHAPE = /^[A-Za-z][A-Za-z0-9&/.-]{1,11}$/;

/** True for a token written as an abbreviation: its shape, with at least two capitals. */
export function isAbbreviation(s: string): boolean {
  return ABBR_SHAPE.test(s) && (s.match(UPPER)?.length ?? 0) >= 2;
}

/**
 * The abbreviation a mention's text is ("AHSNs" → "AHSN", "HIN’s" → "HIN"), or undefined when it
 * is not one ("Serenity Integrated Mentoring", "s136").
 */
export function abbreviationKey(text: string): string | undefined {
  let s = text.replace(/['\u2019]s$/, '');
  if (/^[A-Z0-9&/.-]{2,}s$/.test(s)) s = s.slice(0, -1);
  return isAbbreviation(s) ? s : undefined;
}

const isAlnum = (c: string) => /[\p{L}\p{N}]/u.test(c);

/**
 * Schwartz–Hearst (2003): whether `abbr` can be read from `words`, each of its letters and digits
 * found in order from the end, its first one at the start of a word. Returns where in `words` the
 * long form starts (a word start), or -1.
 */
export function spelledOutAt(abbr: string, words: string): number {
  let s = abbr.length - 1;
  let l = words.length - 1;
  while (s >= 0) {
    const c = abbr[s]!.toLowerCase();
    if (!isAlnum(c)) {
      s--;
      continue;
    }
    while (
      (l >= 0 && words[l]!.toLowerCase() !== c) ||
      (s === 0 && l > 0 && isAlnum(words[l - 1]!))
    )
      l--;
    if (l < 0) return -1;
    l--;
    s--;
  }
  return l + 1;
}

/** Whether `words` spell out `abbr` (see `spelledOutAt`). */
export function spellsOut(abbr: string, words: string): boolean {
  return spelledOutAt(abbr, words) >= 0;
}

/** How many words before "(ABBR)" Schwartz–Hearst looks at for its long form. */
const reach = (abbr: string) => Math.min(abbr.length + 5, abbr.length * 2);

/** Where the last `n` words of `text` start. */
function lastWordsAt(text: string, n: number): number {
  const words = [...text.matchAll(/\S+/g)];
  return words.length === 0 ? text.length : words[Math.max(0, words.length - n)]!.index;
}

const Q_OPEN = `["'\u2018\u201c]?`;
const Q_CLOSE = `["'\u2019\u201d]?`;
/** "(HIN)", "( “HIN” )" straight after a long form: the abbreviation inside. */
const TOKEN = '([A-Za-z][A-Za-z0-9&/.-]{0,10}[A-Za-z0-9])';
const PAREN_ABBR = new RegExp(`^\\s*\\(\\s*${Q_OPEN}${TOKEN}${Q_CLOSE}\\s*\\)`);
/** ", or HIN" straight after a long form. */
const OR_ABBR = new RegExp(`^\\s*,\\s*or\\s+${TOKEN}(?![\\p{L}\\p{N}])`, 'u');
/** "(the Health Innovation Network)" straight after an abbreviation: the words inside. */
const PAREN_WORDS = /^\s*\(([^()]{3,100})\)/;
/** An opening bracket (and quote) straight before an abbreviation, and the closing after it. */
const OPENS = new RegExp(`\\(\\s*${Q_OPEN}$`);
const CLOSES = new RegExp(`^${Q_CLOSE}\\s*\\)`);

/**
 * The definitions in one block, in order of where they start. `cands` are the block's candidates
 * (mentions and ambiguous ones alike), in order.
 */
export function findDefinitions(text: string, cands: readonly Candidate[]): Definition[] {
  const out: Definition[] = [];
  const shown = (c: Candidate) => text.slice(c.start, c.end);
  const blank = (from: number, to: number) => text.slice(from, to).trim() === '';
  cands.forEach((c, i) => {
    const after = text.slice(c.end, c.end + 120);
    const abbr = abbreviationKey(shown(c));
    if (abbr === undefined) {
      // A long form, then "(ABBR)" or ", or ABBR".
      const m = PAREN_ABBR.exec(after) ?? OR_ABBR.exec(after);
      const key = m ? abbreviationKey(m[1]!) : undefined;
      if (m && key && spellsOut(key, shown(c)))
        out.push({
          at: c.start,
          abbr: key,
          long: c,
          text: text.slice(c.start, c.end + m[0].length),
        });
      return;
    }
    // An abbreviation, then "(the words it stands for)".
    const inside = PAREN_WORDS.exec(after);
    if (inside) {
      const open = c.end + inside[0].indexOf('(') + 1;
      const close = c.end + inside[0].length - 1;
      let from = open + lastWordsAt(text.slice(open, close), Infinity);
      const lead = /^(?:["'\u2018\u201c]|the\s+)+/i.exec(text.slice(from, close));
      if (lead) from += lead[0].length;
      let to = close;
      while (to > from && /[\s"'\u2019\u201d]/.test(text[to - 1]!)) to--;
      const words = text.slice(from, to);
      const count = words.split(/\s+/).length;
      if (!isAbbreviation(words) && count <= reach(abbr) && spelledOutAt(abbr, words) === 0) {
        const long = cands.find(
          (l) =>
            l !== c &&
            l.start >= from &&
            l.end <= close &&
            blank(from, l.start) &&
            blank(l.end, to),
        );
        out.push({ at: c.start, abbr, long, text: text.slice(c.start, close + 1) });
        return;
      }
    }
    // "(ABBR)" after words that are no candidate of ours: a meaning we have no card for. (After
    // a candidate it is the first form, or no definition at all.)
    const before = text.slice(Math.max(0, c.start - 200), c.start);
    const opened = OPENS.exec(before);
    const closed = opened && CLOSES.exec(text.slice(c.end, c.end + 8));
    if (!opened || !closed) return;
    const end = c.start - (before.length - opened.index);
    const prior = cands[i - 1];
    if (prior && blank(prior.end, end)) return;
    const base = c.start - before.length;
    const words = text.slice(base, end);
    const at = lastWordsAt(words, reach(abbr));
    const from = spelledOutAt(abbr, words.slice(at));
    if (from < 0) return;
    out.push({
      at: base + at + from,
      abbr,
      long: undefined,
      text: text.slice(base + at + from, c.end + closed[0].length),
    });
  });
  return out.sort((a, b) => a.at - b.at);
}
