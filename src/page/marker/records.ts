/**
 * The record store: a *record* per block holding a candidate, in document order, with what its
 * candidates resolved to, and how many long forms of each entity the page holds. Selection is
 * recomputed from it, so any change ends in the marks a fresh load of the same DOM gets.
 *
 * Owns: records, their order, which record owns a text node, and long-form counts. Never: paints,
 * or touches the mention index (the marker does).
 */
import type { Candidate, Decision, Reason } from '../../matcher/index.ts';
import type { Block } from '../collect.ts';
import type { PageMention } from '../mentions.ts';

/**
 * A mention found in a record, from its candidate (offsets in the block); `page` is its mark
 * while it is marked, `gen` the selection that last chose it (`marks.ts`).
 */
export interface Found {
  cand: Candidate;
  entity: number;
  alias: number;
  reason: Reason;
  rec: Rec;
  page: PageMention | undefined;
  gen: number;
}

/**
 * A record: its block, the document or shadow root it is in, its found mentions, its ambiguous
 * candidates waiting for a long form of their entity (`pending`), and the entities it names by
 * an unambiguous alias (long forms, once per mention).
 */
export interface Rec {
  readonly block: Block;
  /** The block's text (the story's rules read definitions in it). */
  readonly text: string;
  readonly root: Node;
  found: Found[];
  pending: Candidate[];
  readonly longForms: number[];
  visible: boolean;
  alive: boolean;
}

/** Decides a candidate of a block, given the long forms on the page (`matcher/resolve.ts`). */
export type Decide = (c: Candidate) => Decision | undefined;

const FOLLOWING = 4;
const PRECEDING = 2;

/** Document order across shadow roots: a node in a shadow tree sorts at its host. */
export function compareNodes(a: Node, b: Node): number {
  const chain = (n: Node) => {
    const out = [n];
    for (let r = n.getRootNode(); r instanceof ShadowRoot; r = r.host.getRootNode())
      out.push(r.host);
    return out;
  };
  const ca = chain(a);
  const cb = chain(b);
  let i = ca.length - 1;
  let j = cb.length - 1;
  while (i > 0 && j > 0 && ca[i] === cb[j]) {
    i--;
    j--;
  }
  const x = ca[i]!;
  const y = cb[j]!;
  if (x === y) return j - i;
  const pos = x.compareDocumentPosition(y);
  return pos & FOLLOWING ? -1 : pos & PRECEDING ? 1 : 0;
}

export class RecordStore {
  #list: Rec[] = [];
  #owner = new WeakMap<Text, Rec>();
  #longForms = new Map<number, { count: number; text: string }>();
  /** Entities whose long forms appeared, and disappeared, since last taken. */
  #risen = new Set<number>();
  #fallen = new Set<number>();
  #entityOf: (alias: number) => number;

  constructor(entityOf: (alias: number) => number) {
    this.#entityOf = entityOf;
  }

  /** Every record in document order (dropped ones until `compact`). */
  get all(): readonly Rec[] {
    return this.#list;
  }

  /** The live record reading `node`, if any. */
  ownerOf(node: Text): Rec | undefined {
    const rec = this.#owner.get(node);
    return rec?.alive ? rec : undefined;
  }

  /** The page text of a long form of `entity` on the page now, if any. */
  longFormOf(entity: number): string | undefined {
    const lf = this.#longForms.get(entity);
    return lf && lf.count > 0 ? lf.text : undefined;
  }

  /** Counts a long form of `entity` (an unambiguous candidate in `block`). */
  addLongForm(entity: number, block: Block, c: Candidate): void {
    const lf = this.#longForms.get(entity);
    if (!lf || lf.count === 0) {
      this.#longForms.set(entity, { count: 1, text: block.text.slice(c.start, c.end) });
      this.#risen.add(entity);
    } else lf.count++;
  }

  /** A block's record, its candidates resolved, inserted in document order. */
  add(block: Block, cands: readonly Candidate[], decide: Decide): Rec {
    const rec: Rec = {
      block,
      text: block.text,
      root: block.nodes[0]!.getRootNode(),
      found: [],
      pending: [],
      longForms: cands.flatMap((c) => (c.ambiguous ? [] : [c.entity])),
      visible: true,
      alive: true,
    };
    this.#resolve(rec, cands, decide);
    for (const n of block.nodes) this.#owner.set(n, rec);
    this.#insert(rec);
    return rec;
  }

  /** Resolves a record's waiting and long-form candidates again (a long form came or went). */
  reresolve(rec: Rec, decide: Decide): void {
    const cands = [
      ...rec.pending,
      ...rec.found.filter((f) => f.reason.rule === 'long-form').map((f) => f.cand),
    ];
    rec.found = rec.found.filter((f) => f.reason.rule !== 'long-form');
    rec.pending = [];
    this.#resolve(rec, cands, decide);
    rec.found.sort((x, y) => x.cand.start - y.cand.start);
  }

  /** A record's block is gone or read again: it is forgotten, and its long forms uncounted. */
  drop(rec: Rec): void {
    rec.alive = false;
    for (const entity of rec.longForms) {
      const lf = this.#longForms.get(entity);
      if (lf && --lf.count === 0) this.#fallen.add(entity);
    }
  }

  /** Entities whose long forms are on the page again, and those gone, since last asked. */
  takeRisenAndFallen(): { risen: number[]; fallen: number[] } {
    const count = (e: number) => this.#longForms.get(e)?.count ?? 0;
    const risen = [...this.#risen].filter((e) => count(e) > 0);
    const fallen = [...this.#fallen].filter((e) => count(e) === 0);
    this.#risen.clear();
    this.#fallen.clear();
    return { risen, fallen };
  }

  /** Leaves out dropped records. */
  compact(): void {
    this.#list = this.#list.filter((r) => r.alive);
  }
  clear(): void {
    this.#list = [];
    this.#owner = new WeakMap();
    this.#longForms.clear();
    this.#risen.clear();
    this.#fallen.clear();
  }

  #resolve(rec: Rec, cands: readonly Candidate[], decide: Decide): void {
    for (const c of cands) {
      const d = decide(c);
      if (!d) {
        rec.pending.push(c);
        continue;
      }
      const entity = this.#entityOf(d.alias);
      rec.found.push({ ...d, cand: c, entity, rec, page: undefined, gen: 0 });
    }
  }

  /** Inserts a record in document order (new blocks usually come last). */
  #insert(rec: Rec): void {
    const list = this.#list;
    const before = (other: Rec) => compareNodes(other.block.nodes[0]!, rec.block.nodes[0]!) < 0;
    const last = list[list.length - 1];
    if (!last || before(last)) {
      list.push(rec);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(list[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, rec);
  }
}
