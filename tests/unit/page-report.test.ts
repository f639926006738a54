/**
 * The badge's report (`src/page/report.ts`): the summary counts each marked entity once with
 * its mentions, and is sent only when it changed (a live page changes its marks every frame).
 */
import { describe, expect, it } from 'vitest';
import type { PageMention } from '../../src/page/mentions.ts';
import { badgeReporter, summarise } from '../../src/page/report.ts';
import type { MentionSummary } from '../../src/shared/messages.ts';
import { FIXTURE_TABLES as T } from '../fixtures/engine/tables.ts';

/** Mentions of the fixture's entities by index (only `entity` is read). */
const of = (...entities: number[]) => entities.map((entity) => ({ entity }) as PageMention);

describe('the badge report', () => {
  it('counts the mentions of each entity', () => {
    expect(summarise(T, of(0, 1, 0))).toEqual([
      { entityId: T.entities[0]!.id, kind: T.entities[0]!.kind, count: 2 },
      { entityId: T.entities[1]!.id, kind: T.entities[1]!.kind, count: 1 },
    ]);
  });

  it('is sent when the summary changes, not when the same marks are painted again', () => {
    const sent: MentionSummary[][] = [];
    const report = badgeReporter(
      () => T,
      (s) => sent.push(s),
    );
    report(of(0, 1));
    report(of(0, 1)); // the same marks, new ranges (a live block read again)
    report(of(1, 0)); // the same entities and counts in another order
    expect(sent).toHaveLength(1);
    report(of(0, 1, 1));
    report(of());
    report(of());
    expect(sent.map((s) => s.map((e) => e.count))).toEqual([[1, 1], [1, 2], []]);
  });
});
