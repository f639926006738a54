/**
 * Matcher: pure functions from text to mentions. No DOM, no browser APIs, no dataset files.
 *
 * Owns: compiling the dataset's match tables into a one-pass scanner, and the rules that decide
 * what counts as a mention (word boundaries, case, typographic variants, suffixes, longest match,
 * hashtags, exclusions, and cues or long forms for ambiguous aliases). Each mention carries the
 * reason it was marked. Never: walks a page, creates ranges or decides how mentions are shown.
 *
 *   MatchTables ─► compile.ts (normalised keys) ─► scan.ts (trie: candidates, cue hits)
 *        │                                           └─► resolve.ts (cues / long form → Mention)
 *        │     the page's mentions, in document order ─► topic.ts (definitions.ts; roles, sites:
 *        │                                               marked or held back)
 *        └─► gate-sources.ts (anchors, built once) ─► gate.ts (could this text hold one?)
 *
 * Input model: a page is a list of *blocks* (the joined text of a paragraph, list item, cell or
 * heading). Matches never cross a block border.
 */
import type { MatchTables } from '../dataset/tables.ts';
import { compile, type Compiled } from './compile.ts';
import { decide, resolve, type BlockText, type Mention } from './resolve.ts';
import {
  isRebound,
  selectByTopic,
  type Decided,
  type Held,
  type Topic,
  type TopicOptions,
} from './topic.ts';
import {
  createCueScanner,
  trieScanner,
  type Candidate,
  type CueHit,
  type LenientScan,
  type ScannerFactory,
} from './scan.ts';

export type { BlockText, Decision, Mention, Reason, ReasonRule } from './resolve.ts';
export type { Gate } from './gate.ts';
export type { GateSources } from './gate-sources.ts';
export { gateSources } from './gate-sources.ts';
export { createGate } from './gate.ts';
export type { Candidate, CueHit, ScannerFactory } from './scan.ts';
export { decide, resolve } from './resolve.ts';
export type {
  Decided,
  Held,
  HeldReason,
  Mark,
  Rebound,
  Topic,
  TopicBy,
  TopicMemo,
  TopicOptions,
  TopicRecord,
  TopicResult,
} from './topic.ts';
export { isRebound, onSite, selectByTopic, topicMemo } from './topic.ts';
export type { Definition } from './defines.ts';
export { abbreviationKey, findDefinitions, isAbbreviation, spellsOut } from './defines.ts';

export interface Matcher {
  readonly tables: MatchTables;
  readonly compiled: Compiled;
  /** Leftmost-longest candidates in one block, exclusions already removed. */
  candidates(text: string): Candidate[];
  /** Every cue phrase in `text` (ids into `compiled.cues`), with offsets. */
  cues(text: string): CueHit[];
  /**
   * The lenient scan of a page's joined text nodes (`junctions`: where each node starts, then
   * the length): `[start, end)` pairs covering every possible mention (see `scan.ts`), or at
   * least `limit` of them. Looks only for spans starting in `[from, to)`, and returns where the
   * next slice of the text starts.
   */
  lenient: LenientScan;
}

export interface MatcherOptions {
  /** The scanner to compile to; the trie (`scan.ts`) unless measuring the RegExp form. */
  scanner?: ScannerFactory;
}

export function createMatcher(tables: MatchTables, options: MatcherOptions = {}): Matcher {
  const compiled = compile(tables);
  const scanner = (options.scanner ?? trieScanner)(compiled);
  // Built on first use: only pages with an ambiguous candidate need cues.
  let cues: ((text: string) => CueHit[]) | undefined;
  const lenient = scanner.lenient ?? trieScanner(compiled).lenient!;
  return {
    tables,
    compiled,
    candidates: (text) => scanner.candidates(text),
    cues: (text) => (cues ??= createCueScanner(compiled))(text),
    lenient,
  };
}

/**
 * Finds the mentions of a whole page's blocks, in document order: the candidates of every block,
 * then the long forms present on the page, then each ambiguous candidate's cues. Returns the
 * mentions of each block, in order.
 */
export function matchBlocks(matcher: Matcher, texts: readonly string[]): Mention[][] {
  const { blocks, perBlock, longForms } = candidatesOf(matcher, texts);
  return perBlock.map((list, b) =>
    list.flatMap((c) => resolve(matcher, blocks, b, c, (e) => longForms.get(e)) ?? []),
  );
}

/** A page's marks per block, whether it touches the story, and what was held back (`topic.ts`). */
export interface PageMatch {
  blocks: Mention[][];
  topic: Topic;
  held: Held<number>[];
}

/** Each block's candidates, and the first long form of each entity on the page. */
function candidatesOf(matcher: Matcher, texts: readonly string[]) {
  const blocks: BlockText[] = texts.map((text) => ({ text }));
  const perBlock = texts.map((text) => matcher.candidates(text));
  const longForms = new Map<number, string>();
  perBlock.forEach((list, b) => {
    for (const c of list)
      if (!c.ambiguous && !longForms.has(c.entity))
        longForms.set(c.entity, texts[b]!.slice(c.start, c.end));
  });
  return { blocks, perBlock, longForms };
}

/**
 * `matchBlocks`, then the story's rules over the page (`selectByTopic`): what the page layer
 * marks on a page made of these blocks.
 */
export function matchPage(
  matcher: Matcher,
  texts: readonly string[],
  opts: TopicOptions,
): PageMatch {
  type Found = Decided & { b: number };
  const { blocks, perBlock, longForms } = candidatesOf(matcher, texts);
  const records = perBlock.map((list, b) => {
    const found: Found[] = [];
    const pending: Candidate[] = [];
    for (const c of list) {
      const d = decide(matcher, blocks, b, c, (e) => longForms.get(e));
      if (d) found.push({ cand: c, ...d, b });
      else pending.push(c);
    }
    return { b, text: texts[b]!, found, pending };
  });
  const r = selectByTopic<Found, (typeof records)[number]>(records, matcher.tables, opts);
  const out: Mention[][] = texts.map(() => []);
  for (const m of r.marks)
    out[isRebound(m) ? m.rec.b : m.b]!.push({
      start: m.cand.start,
      end: m.cand.end,
      entity: matcher.tables.aliases[m.alias]!.entity,
      alias: m.alias,
      reason: m.reason,
    });
  return {
    blocks: out,
    topic: r.topic,
    held: r.held.map((h) => ({ ...h, rec: h.rec.b })),
  };
}
