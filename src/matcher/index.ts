/**
 * Matcher: pure functions from text to mentions. No DOM, no browser APIs, no dataset files.
 *
 * Owns: compiling the dataset's match tables into a one-pass scanner, and the rules that decide
 * what counts as a mention (word boundaries, case, typographic variants, suffixes, longest match,
 * exclusions, and cues for ambiguous aliases). Each mention carries the reason it was marked.
 * Never: walks a page, creates ranges or decides how mentions are shown.
 *
 * Input model: a page is a list of *blocks* (the joined text of a paragraph, list item, cell or
 * heading). Matches never cross a block border.
 */
import type { MatchTables } from '../dataset/tables.ts';

export type ReasonRule = 'alias' | 'cues' | 'long-form';

export interface Reason {
  rule: ReasonRule;
  /** The alias as written in the dataset. */
  alias: string;
  /** Cues found near the mention (rule "cues"). */
  cues: string[];
}

export interface Mention {
  /** Offsets into the block's text; `end` includes any declared suffix ("NHS England's"). */
  start: number;
  end: number;
  /** Index into `tables.entities`. */
  entity: number;
  /** Index into `tables.aliases`. */
  alias: number;
  reason: Reason;
}

/** A match before disambiguation: ambiguous aliases still need their cues or a long form. */
export interface Candidate {
  start: number;
  end: number;
  entity: number;
  alias: number;
  ambiguous: boolean;
}

export interface Matcher {
  readonly tables: MatchTables;
  /** Leftmost-longest candidates in one block, exclusions already removed. */
  candidates(text: string): Candidate[];
  /** Cue phrases present in `text` (lower-cased as in the dataset), with their offsets. */
  cues(text: string): { cue: string; start: number; end: number }[];
}

const APOSTROPHES = /[\u2018\u2019\u02bc\u2032]/g;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
// Whitespace of every kind (\s covers no-break, thin and other Unicode spaces, and line breaks).
const SPACES = /\s/g;

/**
 * Folds typographic variants to one form without changing the text's length, so offsets in the
 * folded text are offsets in the original.
 */
export function fold(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(DASHES, '-').replace(SPACES, ' ');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for one alias: folded, with any run of spaces allowed where the alias has one. */
function aliasPattern(text: string): string {
  return fold(text).trim().split(/ +/).map(escape).join(' +');
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128)
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return WORD.test(ch);
}

interface Alternative {
  pattern: string;
  /** Alias index, or -1 for an exclusion phrase. */
  alias: number;
  caseSensitive: boolean;
  literal: string;
}

export function createMatcher(tables: MatchTables): Matcher {
  const alternatives: Alternative[] = [];
  tables.aliases.forEach((a, i) => {
    alternatives.push({
      pattern: aliasPattern(a.text),
      alias: i,
      caseSensitive: a.caseSensitive,
      literal: fold(a.text),
    });
    for (const ex of a.exclude)
      alternatives.push({
        pattern: aliasPattern(ex),
        alias: -1,
        caseSensitive: false,
        literal: fold(ex),
      });
  });
  // Longest first, so that at one position the longest alternative wins ("NHS England" over "NHS").
  alternatives.sort((x, y) => y.literal.length - x.literal.length);
  const byGroup = alternatives;
  const source = byGroup.map((a) => `(${a.pattern})`).join('|');
  const scanner = new RegExp(source, 'giu');

  const cueList = [
    ...new Set(tables.aliases.flatMap((a) => a.context?.cues ?? []).map((c) => c.toLowerCase())),
  ];
  cueList.sort((a, b) => b.length - a.length);
  const cueScanner = cueList.length ? new RegExp(cueList.map(aliasPattern).join('|'), 'giu') : null;

  function suffixEnd(folded: string, end: number, suffixes: string[]): number {
    for (const s of suffixes) {
      const f = fold(s);
      if (folded.startsWith(f, end) && !isWordChar(folded[end + f.length])) return end + f.length;
    }
    return end;
  }

  return {
    tables,
    candidates(text) {
      const folded = fold(text);
      const out: Candidate[] = [];
      scanner.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = scanner.exec(folded))) {
        const start = m.index;
        let groupIndex = 1;
        while (m[groupIndex] === undefined) groupIndex++;
        const alt = byGroup[groupIndex - 1]!;
        let end = start + m[0].length;
        const before = folded[start - 1];
        const startsAtWord = !isWordChar(before) || !isWordChar(folded[start]);
        const caseOk = !alt.caseSensitive || m[0].replace(/ +/g, ' ') === alt.literal;
        if (alt.alias >= 0) {
          const alias = tables.aliases[alt.alias]!;
          end = suffixEnd(folded, end, alias.suffixes);
        }
        const endsAtWord = !isWordChar(folded[end]) || !isWordChar(folded[end - 1]);
        if (!startsAtWord || !endsAtWord || !caseOk) {
          scanner.lastIndex = start + 1;
          continue;
        }
        scanner.lastIndex = end;
        if (alt.alias < 0) continue; // an exclusion phrase: consumed, never marked
        const alias = tables.aliases[alt.alias]!;
        // A hashtag marks with its '#': "#StopSIM".
        const hashStart = before === '#' && !isWordChar(folded[start - 2]) ? start - 1 : start;
        out.push({
          start: hashStart,
          end,
          entity: alias.entity,
          alias: alt.alias,
          ambiguous: !!alias.context,
        });
      }
      return out;
    },
    cues(text) {
      if (!cueScanner) return [];
      const folded = fold(text);
      const out: { cue: string; start: number; end: number }[] = [];
      cueScanner.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = cueScanner.exec(folded))) {
        const start = m.index;
        const end = start + m[0].length;
        if (isWordChar(folded[start - 1]) && isWordChar(folded[start])) {
          cueScanner.lastIndex = start + 1;
          continue;
        }
        if (isWordChar(folded[end]) && isWordChar(folded[end - 1])) {
          cueScanner.lastIndex = start + 1;
          continue;
        }
        out.push({ cue: m[0].replace(/ +/g, ' ').toLowerCase(), start, end });
      }
      return out;
    },
  };
}

/**
 * Decides which candidates are mentions, over a whole page's blocks in document order.
 * An ambiguous alias is kept when one of its cues occurs within its window (the same block, or
 * N characters either side within the block), or when a long form of its entity occurs anywhere
 * on the page. Returns the mentions of each block, in order.
 */
export function matchBlocks(matcher: Matcher, blocks: readonly string[]): Mention[][] {
  const { tables } = matcher;
  const perBlock = blocks.map((text) => matcher.candidates(text));
  const longForms = new Set<number>();
  for (const list of perBlock) for (const c of list) if (!c.ambiguous) longForms.add(c.entity);

  return perBlock.map((list, b) => {
    if (list.length === 0) return [];
    const needCues = list.some((c) => c.ambiguous);
    const cues = needCues ? matcher.cues(blocks[b]!) : [];
    const out: Mention[] = [];
    for (const c of list) {
      const alias = tables.aliases[c.alias]!;
      if (!alias.context) {
        out.push({ ...strip(c), reason: { rule: 'alias', alias: alias.text, cues: [] } });
        continue;
      }
      const wanted = new Set(alias.context.cues.map((x) => x.toLowerCase()));
      const w = alias.context.window;
      const near = cues.filter(
        (q) =>
          wanted.has(q.cue) &&
          (q.end <= c.start || q.start >= c.end) &&
          (w === 'block' || (q.end >= c.start - w && q.start <= c.end + w)),
      );
      if (near.length > 0) {
        const found = [...new Set(near.map((q) => q.cue))];
        out.push({ ...strip(c), reason: { rule: 'cues', alias: alias.text, cues: found } });
      } else if (alias.context.longForm && longForms.has(c.entity)) {
        out.push({ ...strip(c), reason: { rule: 'long-form', alias: alias.text, cues: [] } });
      }
    }
    return out;
  });
}

function strip(c: Candidate): Omit<Mention, 'reason'> {
  return { start: c.start, end: c.end, entity: c.entity, alias: c.alias };
}
