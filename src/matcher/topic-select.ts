/**
 * The marker's hook into the story's rules: the page's records, in document order, in; the
 * mentions to mark, in document order, out (`matcher/topic.ts` `selectByTopic`), with the
 * decision handed to the page's `PageRelevance` (`relevance.ts`) for the popup, the scan tool and the card.
 *
 * Owns: keeping one mention object per rebound candidate while its binding holds (so a mark is
 * painted again only when what it means changed). Never: walks the page or paints.
 */
import type { MatchTables } from '../dataset/tables.ts';
import type { Reason } from './resolve.ts';
import type { Candidate } from './scan.ts';
import { isRebound, selectByTopic, topicMemo, type Decided, type TopicRecord } from './topic.ts';
import type { PageRelevance } from './relevance.ts';

export class TopicSelect<R extends TopicRecord<F>, F extends Decided & { rec: R }> {
  #memo = topicMemo();
  #bound = new WeakMap<Candidate, F>();

  constructor(
    readonly relevance: PageRelevance,
    /** Makes a mention of a candidate the page's rules bound to another alias. */
    private make: (rec: R, cand: Candidate, alias: number, reason: Reason) => F,
  ) {}

  /** The mentions to mark, in document order. */
  select(records: Iterable<R>, tables: MatchTables): F[] {
    const rel = this.relevance;
    const r = selectByTopic<F, R>(records, tables, {
      host: rel.host,
      everywhere: rel.everywhere,
      outer: rel.outer,
      memo: this.#memo,
    });
    rel.decided(r.topic, r.held);
    return r.marks.map((m) => {
      if (!isRebound(m)) return m;
      const had = this.#bound.get(m.cand);
      if (had && had.rec === m.rec && had.alias === m.alias && had.reason === m.reason) return had;
      const f = this.make(m.rec, m.cand, m.alias, m.reason);
      this.#bound.set(m.cand, f);
      return f;
    });
  }
}
