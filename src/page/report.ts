/**
 * What a tab's top frame tells the background for the toolbar badge: the entities marked, with
 * how often each is marked.
 *
 * Owns: the summary, and sending it only when it changed. Never: talks to the background itself.
 */
import type { MatchTables } from '../dataset/tables.ts';
import type { MentionSummary } from '../shared/messages.ts';
import type { PageMention } from './mentions.ts';

export function summarise(tables: MatchTables, mentions: readonly PageMention[]): MentionSummary[] {
  const byEntity = new Map<number, MentionSummary>();
  for (const m of mentions) {
    const e = tables.entities[m.entity]!;
    const s = byEntity.get(m.entity) ?? { entityId: e.id, kind: e.kind, count: 0 };
    s.count++;
    byEntity.set(m.entity, s);
  }
  return [...byEntity.values()];
}

/** Sends the summary only when it changed: a live page's marks change every frame, it seldom. */
export function badgeReporter(
  tables: () => MatchTables,
  send: (summary: MentionSummary[]) => void,
): (mentions: readonly PageMention[]) => void {
  let last: string | undefined;
  return (mentions) => {
    const summary = summarise(tables(), mentions);
    const key = summary
      .map((s) => `${s.entityId}:${s.count}`)
      .sort()
      .join(' ');
    if (key === last) return;
    last = key;
    send(summary);
  };
}
