/**
 * Character classes for matching English news text with Unicode letters, one UTF-16 code unit at
 * a time, without allocating: what is a word character, what is a space, what is invisible, and
 * how typographic variants fold to one form.
 *
 * Owns: the fold (case, apostrophes, dashes, spaces) shared by the compiler and both scanners.
 * Never: scans text or knows about aliases.
 *
 * ASCII goes through small lookup tables; everything else is classified once per code unit and
 * cached (non-ASCII characters are rare in English text: curly quotes, dashes, no-break spaces).
 */

export const SPACE = 32;
export const APOSTROPHE = 39;
export const HYPHEN = 45;
export const HASH = 35;

/** 1 when an ASCII code is a word character: [0-9A-Za-z_]. Exported for scanners' hot loops. */
export const ASCII_WORD = new Uint8Array(128);
/** The folded (lower-case, variant-free) form of each ASCII code. */
export const ASCII_FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_WORD[c] =
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : 0;
  ASCII_FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c;
}
// ASCII whitespace folds to one space.
for (const c of [9, 10, 11, 12, 13]) ASCII_FOLD[c] = SPACE;

/** Code units that are variants of the apostrophe (’ ‘ ‛ ʼ ′ ＇). */
const APOSTROPHES = [0x2018, 0x2019, 0x201b, 0x02bc, 0x2032, 0xff07];
/** Hyphens and dashes (‐ ‑ ‒ – — ― − ﹘ ﹣ －). */
const DASHES = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d];
/** Spaces beyond ASCII: no-break, thin, hair, narrow no-break, line and paragraph separators… */
const SPACES = [
  0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];
/** Invisible characters that may sit inside a word and are skipped by matching: soft hyphen,
 * zero-width space and joiners, word joiner, zero-width no-break space. */
const IGNORABLES = [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];

/** Unicode letters, numbers and marks (compiled on first use only: see `quickWordFlag`). */
export const WORD_RE = /[\p{L}\p{N}\p{M}]/u;

const FLAG_WORD = 1;
const FLAG_SPACE = 2;
const FLAG_IGNORABLE = 4;

/** Non-ASCII code unit → flags, and → folded code unit, computed on first sight. */
const slowFlags = new Map<number, number>();
const slowFold = new Map<number, number>();
for (const c of APOSTROPHES) slowFold.set(c, APOSTROPHE);
for (const c of DASHES) slowFold.set(c, HYPHEN);
for (const c of SPACES) {
  slowFold.set(c, SPACE);
  slowFlags.set(c, FLAG_SPACE);
}
for (const c of IGNORABLES) slowFlags.set(c, FLAG_IGNORABLE);

/** Letters and numbers among U+0080–U+00BF (ª ² ³ µ ¹ º ¼ ½ ¾); the rest are punctuation. */
const LATIN1_WORD = new Set([0xaa, 0xb2, 0xb3, 0xb5, 0xb9, 0xba, 0xbc, 0xbd, 0xbe]);

/**
 * Whether a code unit is a word character, for the blocks English news text uses beyond ASCII
 * (accented Latin letters, combining marks, general punctuation), without `WORD_RE`: compiling
 * a RegExp of Unicode properties costs most of a millisecond on a page's first use (Chromium
 * 156), and the first curly quote of a page would pay it. Undefined elsewhere. A unit test
 * checks every code unit it answers for against `WORD_RE`.
 */
export function quickWordFlag(c: number): number | undefined {
  if (c < 0xc0) return LATIN1_WORD.has(c) ? FLAG_WORD : 0;
  // Latin-1 letters, Latin Extended-A and -B, IPA extensions (all letters but × and ÷).
  if (c < 0x2b0) return c === 0xd7 || c === 0xf7 ? 0 : FLAG_WORD;
  // Combining diacritical marks.
  if (c >= 0x300 && c < 0x370) return FLAG_WORD;
  // General punctuation: spaces, dashes, quotes, format characters; no letter among them.
  if (c >= 0x2000 && c < 0x2070) return 0;
  return undefined;
}

function flagsOf(c: number): number {
  let f = slowFlags.get(c);
  if (f === undefined) {
    // Lone surrogates are not word characters: astral letters are too rare to matter here.
    f =
      quickWordFlag(c) ??
      (c >= 0xd800 && c <= 0xdfff ? 0 : WORD_RE.test(String.fromCharCode(c)) ? FLAG_WORD : 0);
    slowFlags.set(c, f);
  }
  return f;
}

/** True for letters, digits, combining marks and underscore, in any script. */
export function isWordCode(c: number): boolean {
  return c < 128 ? ASCII_WORD[c] === 1 : (flagsOf(c) & FLAG_WORD) !== 0;
}

export function isSpaceCode(c: number): boolean {
  return c < 128 ? ASCII_FOLD[c] === SPACE : (flagsOf(c) & FLAG_SPACE) !== 0;
}

export function isIgnorableCode(c: number): boolean {
  return c >= 128 && (flagsOf(c) & FLAG_IGNORABLE) !== 0;
}

/** Folds case and typographic variants: 'A'→'a', '’'→"'", '–'→'-', any space→' '. */
export function foldCode(c: number): number {
  if (c < 128) return ASCII_FOLD[c]!;
  let f = slowFold.get(c);
  if (f === undefined) {
    const lower = String.fromCharCode(c).toLowerCase();
    // Keep one code unit per code unit ('İ' lower-cases to two), so offsets stay aligned.
    f = lower.length === 1 ? lower.charCodeAt(0) : c;
    slowFold.set(c, f);
  }
  return f;
}

/** Folds typographic variants but keeps case (for case-sensitive aliases). */
export function foldVariantCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c : ASCII_FOLD[c]!;
  const f = foldCode(c);
  // Only apostrophes, dashes and spaces fold here; letters keep their case.
  return f === APOSTROPHE || f === HYPHEN || f === SPACE ? f : c;
}

/** Variants of the apostrophe and of the hyphen, for `replace` (global). */
export const APOSTROPHE_RE = /[\u2018\u2019\u201b\u02bc\u2032\uff07]/g;
export const DASH_RE = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
const IGNORABLE_RE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES_RE = /[\s\u0085]+/g;
const NON_ASCII_RE = /[\u0080-\uffff]/;

/**
 * The normal form of a phrase from the dataset: folded (or variant-folded when `keepCase`), with
 * invisible characters removed and every run of spaces turned into one space, trimmed. Native
 * string operations (this runs for every alias when a page loads, before the JIT has warmed up);
 * beyond ASCII, the per-character fold the scanners use, so that both sides fold alike.
 */
/** Text that normalising leaves as it is (but for case): printable ASCII, single spaces inside. */
const PLAIN_RE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

export function normalise(text: string, keepCase = false): string {
  // The common case, and the one the matcher's compile step meets on every page load.
  if (PLAIN_RE.test(text)) return keepCase ? text : text.toLowerCase();
  const folded = text
    .replace(IGNORABLE_RE, '')
    .replace(APOSTROPHE_RE, "'")
    .replace(DASH_RE, '-')
    .replace(SPACES_RE, ' ')
    .trim();
  if (keepCase) return folded;
  if (!NON_ASCII_RE.test(folded)) return folded.toLowerCase();
  let out = '';
  for (let i = 0; i < folded.length; i++)
    out += String.fromCharCode(foldCode(folded.charCodeAt(i)));
  return out;
}
