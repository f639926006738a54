/**
 * Disambiguation: decides whether a candidate is a mention, and records why.
 *
 * Owns: the rules for ambiguous aliases ("SIM", "HIN", "CPN", personal names…): a candidate is
 * kept when one of its cues occurs within its window (the same block, or N characters either
 * side across neighbouring blocks), or when a long form of its entity (an alias without a
 * context rule) occurs anywhere on the page. Never: scans for aliases or touches the DOM.
 */
import type { MatchTables } from '../dataset/tables.ts';
import type { Compiled } from './compile.ts';
import type { Candidate, CueHit } from './scan.ts';

/**
 * `alias`, `cues`, `long-form`: the matcher's rules. `defined`: the page defines the abbreviation;
 * `site`: the abbreviation of the site's own organisation; `story`: an ambiguous name of a story
 * entity on a page that touches the story (`topic.ts`).
 */
export type ReasonRule = 'alias' | 'cues' | 'long-form' | 'defined' | 'site' | 'story';

export interface Reason {
  rule: ReasonRule;
  /** The alias as written in the dataset. */
  alias: string;
  /** Cues found near the mention (rule "cues"), as the dataset spells them. */
  cues: string[];
  /** The long form found on the page (rule "long-form"), as the page writes it. */
  longForm?: string;
  /** The page's definition of the abbreviation (rule "defined"), as the page writes it. */
  definition?: string;
  /** The page's host (rule "site"). */
  site?: string;
  /**
   * Why an entity that marks only where a page touches the story is shown on this one: the
   * story mention (`text`) or the story body's own site (`site`) that touches it, the page around
   * a frame (`outer`), or the user's choice (`user`: the option to mark them everywhere, or "show
   * them on this page"). Added by the page layer when a card opens.
   */
  because?:
    | { entityId: string; text?: string; site?: string }
    | { outer: true }
    | { user: 'option' | 'here' };
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

/** One block's text, with its cue hits cached by `resolve` when first needed. */
export interface BlockText {
  readonly text: string;
  cueHits?: CueHit[];
  /**
   * Where the block starts in the page's whole text, when known: numeric windows then measure
   * real distances. Otherwise the blocks given are taken as adjacent, one character apart.
   */
  at?: number;
}

export interface Resolver {
  readonly tables: MatchTables;
  readonly compiled: Compiled;
  cues(text: string): CueHit[];
}

function hitsOf(r: Resolver, block: BlockText): CueHit[] {
  return (block.cueHits ??= r.cues(block.text));
}

/** Labels of the wanted cues within the window of `c` in `blocks[b]`. */
function cuesNear(
  r: Resolver,
  blocks: readonly BlockText[],
  b: number,
  c: Candidate,
  wanted: readonly number[],
  window: 'block' | number,
): string[] {
  if (wanted.length === 0) return [];
  const found: number[] = [];
  // `offset` is where block k starts relative to block b.
  const take = (k: number, offset: number) => {
    for (const h of hitsOf(r, blocks[k]!)) {
      if (!wanted.includes(h.cue) || found.includes(h.cue)) continue;
      const s = offset + h.start;
      const e = offset + h.end;
      if (s < c.end && e > c.start) continue; // the cue is the mention itself
      if (window !== 'block' && (e < c.start - window || s > c.end + window)) continue;
      found.push(h.cue);
    }
  };
  take(b, 0);
  if (window !== 'block') {
    const base = blocks[b]!.at;
    let offset = 0;
    for (let k = b - 1; k >= 0; k--) {
      const block = blocks[k]!;
      if (base !== undefined) {
        if (block.at === undefined) break;
        offset = block.at - base;
      } else offset -= block.text.length + 1;
      if (offset + block.text.length < c.start - window) break;
      take(k, offset);
    }
    offset = blocks[b]!.text.length + 1;
    for (let k = b + 1; k < blocks.length; k++) {
      const block = blocks[k]!;
      if (base !== undefined) {
        if (block.at === undefined) break;
        offset = block.at - base;
      }
      if (offset > c.end + window) break;
      take(k, offset);
      if (base === undefined) offset += block.text.length + 1;
    }
  }
  return found.map((id) => r.compiled.cues[id]!.label);
}

/** The alias chosen for a candidate, and why. */
export interface Decision {
  alias: number;
  reason: Reason;
}

/** Reasons of unambiguous aliases, shared (they are the same for every mention). */
const plainReasons = new WeakMap<Compiled, Reason[]>();

/**
 * Decides one candidate of `blocks[b]`. `longForm(entity)` gives the page text of a long form of
 * that entity found anywhere on the page, if any. Returns the alias chosen and the reason, or
 * undefined. Reasons are shared between mentions: treat them as read-only.
 */
export function decide(
  r: Resolver,
  blocks: readonly BlockText[],
  b: number,
  c: Candidate,
  longForm: (entity: number) => string | undefined,
): Decision | undefined {
  const { aliases } = r.tables;
  const others = c.others;
  const count = others ? others.length + 1 : 1;
  for (let i = 0; i < count; i++) {
    const alias = i === 0 ? c.alias : others![i - 1]!;
    const a = aliases[alias]!;
    if (!a.context) {
      let reasons = plainReasons.get(r.compiled);
      if (!reasons) plainReasons.set(r.compiled, (reasons = []));
      const reason = (reasons[alias] ??= { rule: 'alias', alias: a.text, cues: [] });
      return { alias, reason };
    }
    const cues = cuesNear(r, blocks, b, c, r.compiled.aliasCues[alias]!, a.context.window);
    if (cues.length > 0) return { alias, reason: { rule: 'cues', alias: a.text, cues } };
  }
  for (let i = 0; i < count; i++) {
    const alias = i === 0 ? c.alias : others![i - 1]!;
    const a = aliases[alias]!;
    if (!a.context?.longForm) continue;
    const found = longForm(a.entity);
    if (found !== undefined)
      return { alias, reason: { rule: 'long-form', alias: a.text, cues: [], longForm: found } };
  }
  return undefined;
}

/** Decides one candidate of `blocks[b]` (see `decide`): the mention, or undefined. */
export function resolve(
  r: Resolver,
  blocks: readonly BlockText[],
  b: number,
  c: Candidate,
  longForm: (entity: number) => string | undefined,
): Mention | undefined {
  const d = decide(r, blocks, b, c, longForm);
  if (!d) return undefined;
  const entity = r.tables.aliases[d.alias]!.entity;
  return { start: c.start, end: c.end, entity, alias: d.alias, reason: d.reason };
}
