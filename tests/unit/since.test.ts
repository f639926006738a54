/**
 * "Since this article" (src/shared/since.ts), the whole-story timeline and its deep link
 * (src/shared/story-timeline.ts) and the changelog view (src/shared/changelog.ts), over a small
 * dataset written for these tests, then over the real one.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import type { DatasetMeta, Entity, Fact, TimelineEvent } from '../../src/dataset/schema.ts';
import { changelogView } from '../../src/shared/changelog.ts';
import { isoOfDay, span } from '../../src/shared/partial-date.ts';
import { PAGE_SHOWN, SINCE_SHOWN, sinceArticle, sincePage } from '../../src/shared/since.ts';
import {
  mergeEvents,
  readTimelineHash,
  storyTimeline,
  timelineHash,
  type StoryEvent,
} from '../../src/shared/story-timeline.ts';

const ev = (date: TimelineEvent['date'], text: string, sources = ['S-1'], key = false) =>
  key ? { date, text, sources, key } : { date, text, sources };

function entity(id: string, role: Entity['role'], extra: Partial<Entity> = {}): Entity {
  return {
    id,
    name: id,
    kind: 'programme',
    role,
    roleReason: 'test',
    summary: 'test',
    aliases: [{ text: id }],
    facts: [],
    lastReviewed: '2026-11-25',
    ...extra,
  };
}

const fact = (text: string, extra: Partial<Fact> = {}): Fact => ({
  text,
  sources: ['S-F'],
  evidence: 'official-statement',
  ...extra,
});

const scheme = entity('scheme', 'story', {
  timeline: [
    ev('2013', 'The scheme begins.', ['S-OLD']),
    ev('2021-06', 'The scheme stops in one region.', ['S-REGION']),
    ev('2021-06-15', 'A college calls for an investigation.', ['S-COLLEGE']),
    ev({ from: '2021', to: '2023-03' }, 'Campaigners and the body work on a policy.', ['S-POL']),
    ev('2021-06-22', 'Emergency doctors respond.', ['S-EM']),
    ev('2022-03-11', 'An editorial is published.', ['S-ED']),
    ev('2023-03-10', 'The national body says the scheme must no longer be used.', ['S-POS'], true),
    ev('2023', 'A review is published.', ['S-REV']),
  ],
  related: [
    { id: 'campaign', relation: 'was opposed by' },
    { id: 'body', relation: 'was endorsed by' },
    { id: 'campaign', relation: 'listed twice' },
    { id: 'missing', relation: 'points at nothing' },
  ],
  facts: [
    fact('The scheme was used in 23 trusts.', { type: 'state', asOf: '2020-03' }),
    fact('The scheme is no longer used.', { type: 'state', asOf: '2023-03-10' }),
    fact('The national body wrote a letter.', { type: 'event', date: '2023-03-10' }),
    fact('The scheme is described as a model.', { type: 'state' }),
    fact('The scheme is in the news.', { type: 'state', asOf: '2021-06' }),
  ],
});
const campaign = entity('campaign', 'story', {
  timeline: [
    // The same event as the scheme's, in other words, citing the same source.
    ev('2023-03-10', 'The body publishes its position.', ['S-POS', 'S-CAMP']),
    ev('2023-06', 'The campaign disbands.', ['S-DISBAND'], true),
  ],
  related: [{ id: 'scheme', relation: 'opposed' }],
});
/** A context entity: its events are not the scheme's story. */
const body = entity('body', 'context', {
  timeline: [ev('2024-01', 'The body reorganises.', ['S-ORG'], true)],
  related: [
    { id: 'scheme', relation: 'endorsed' },
    { id: 'campaign', relation: 'met' },
  ],
});
const unrelated = entity('unrelated', 'story', {
  timeline: [ev('2025', 'Something else entirely.', ['S-ELSE'], true)],
});
const dataset = { entities: [scheme, campaign, body, unrelated] };

const texts = (r: ReturnType<typeof sinceArticle>) => r?.events.map((e) => e.text);

describe('since this article', () => {
  it('is nothing without a valid date, for an unknown entity, or when nothing happened since', () => {
    expect(sinceArticle(dataset, 'scheme', undefined)).toBeUndefined();
    expect(sinceArticle(dataset, 'scheme', '')).toBeUndefined();
    expect(sinceArticle(dataset, 'scheme', 'undated')).toBeUndefined();
    expect(sinceArticle(dataset, 'scheme', '2021-02-30')).toBeUndefined();
    expect(sinceArticle(dataset, 'nobody', '2021-06-15')).toBeUndefined();
    expect(sinceArticle(dataset, 'scheme', '2026-11-01')).toBeUndefined();
    expect(sinceArticle(dataset, 'unrelated', '2025-01-01')).toBeUndefined();
  });

  it('lists key events first, then the newest, at most three, and counts the rest', () => {
    const r = sinceArticle(dataset, 'scheme', '2021-06-15')!;
    expect(r.since).toBe('2021-06-15');
    expect(texts(r)).toEqual([
      'The campaign disbands.',
      'The national body says the scheme must no longer be used.',
      'A review is published.',
    ]);
    expect(r.events).toHaveLength(SINCE_SHOWN);
    // Left: 2022-03-11 editorial, 2021-06-22 emergency doctors.
    expect(r.more).toBe(2);
    const all = sinceArticle(dataset, 'scheme', '2021-06-15', Infinity)!;
    expect(all.more).toBe(0);
    expect(texts(all)!.slice(3)).toEqual([
      'An editorial is published.',
      'Emergency doctors respond.',
    ]);
  });

  it("takes events from the entity's and its related story entities' timelines only", () => {
    const all = texts(sinceArticle(dataset, 'scheme', '2021-06-15', Infinity))!;
    expect(all).toContain('The campaign disbands.');
    expect(all).not.toContain('The body reorganises.');
    expect(all).not.toContain('Something else entirely.');
    // A context entity's card gets its own events and its related story entities'.
    const fromBody = texts(sinceArticle(dataset, 'body', '2021-06-15', Infinity))!;
    expect(fromBody.slice(0, 3)).toEqual([
      'The body reorganises.',
      'The campaign disbands.',
      'The national body says the scheme must no longer be used.',
    ]);
  });

  it('shows an event two timelines record once, with both entities and its own sources', () => {
    const all = sinceArticle(dataset, 'scheme', '2021-06-15', Infinity)!;
    const position = all.events.filter((e) => e.date === '2023-03-10');
    expect(position).toEqual([
      {
        date: '2023-03-10',
        text: 'The national body says the scheme must no longer be used.',
        sources: ['S-POS'],
        key: true,
        entityId: 'scheme',
        entityIds: ['scheme', 'campaign'],
      },
    ]);
    // Seen from the campaign, its own words come first.
    const fromCampaign = sinceArticle(dataset, 'campaign', '2021-06-15', Infinity)!;
    expect(fromCampaign.events.find((e) => e.date === '2023-03-10')).toMatchObject({
      text: 'The body publishes its position.',
      sources: ['S-POS', 'S-CAMP'],
      entityIds: ['campaign', 'scheme'],
    });
    for (const e of all.events) expect(e.sources.length).toBeGreaterThan(0);
  });

  it('counts an event only when it is clearly after the article', () => {
    const all = texts(sinceArticle(dataset, 'scheme', '2021-06-15', Infinity))!;
    // "2023" is after 15 June 2021; "2021-06" and the same day are not clearly after it; a range
    // that began in 2021 is not a development since.
    expect(all).toContain('A review is published.');
    expect(all).not.toContain('The scheme stops in one region.');
    expect(all).not.toContain('A college calls for an investigation.');
    expect(all).not.toContain('Campaigners and the body work on a policy.');
    expect(all).toContain('Emergency doctors respond.');
    // An article known only to the month: events later that month are not clearly after it.
    const month = texts(sinceArticle(dataset, 'scheme', '2021-06', Infinity))!;
    expect(month).not.toContain('Emergency doctors respond.');
    expect(month).toContain('An editorial is published.');
    // The next day is after.
    expect(texts(sinceArticle(dataset, 'scheme', '2021-06-21', Infinity))).toContain(
      'Emergency doctors respond.',
    );
  });

  it('lists present-tense facts last confirmed after the article, by index, with sources', () => {
    const r = sinceArticle(dataset, 'scheme', '2021-06-15')!;
    expect(r.states).toEqual([
      { index: 1, text: 'The scheme is no longer used.', asOf: '2023-03-10', sources: ['S-F'] },
    ]);
    // States alone are enough for a section; events alone leave `states` empty.
    const late = sinceArticle(dataset, 'scheme', '2023-06-01');
    expect(late).toBeUndefined();
    const onlyStates = sinceArticle(
      {
        entities: [
          entity('x', 'context', { facts: [fact('Holds.', { type: 'state', asOf: '2024' })] }),
        ],
      },
      'x',
      '2021-06-15',
    );
    expect(onlyStates).toEqual({
      since: '2021-06-15',
      events: [],
      more: 0,
      states: [{ index: 0, text: 'Holds.', asOf: '2024', sources: ['S-F'] }],
    });
    expect(sinceArticle(dataset, 'campaign', '2021-06-15')!.states).toEqual([]);
  });
});

describe('since this article, for a whole page (the popup)', () => {
  it('merges the developments of every entity the page mentions, each once', () => {
    const page = sincePage(dataset, ['scheme', 'body', 'campaign'], '2021-06-15', Infinity)!;
    const all = page.events.map((e) => e.text);
    expect(new Set(all).size).toBe(all.length);
    // The position both the scheme and the campaign record is listed once.
    expect(page.events.filter((e) => e.date === '2023-03-10')).toHaveLength(1);
    // Each entity's own developments are there: the body's too, though not the scheme's story.
    expect(all).toContain('The body reorganises.');
    expect(all).toContain('The campaign disbands.');
    expect(all).not.toContain('Something else entirely.');
    // Everything each entity's card would count, and nothing more.
    const cards = ['scheme', 'body', 'campaign'].flatMap(
      (id) => sinceArticle(dataset, id, '2021-06-15', Infinity)!.events,
    );
    const same = (a: StoryEvent, b: StoryEvent) =>
      a.date === b.date && (a.text === b.text || a.sources.some((x) => b.sources.includes(x)));
    for (const e of cards)
      expect(
        page.events.some((p) => same(p, e)),
        e.text,
      ).toBe(true);
    for (const p of page.events)
      expect(
        cards.some((e) => same(p, e)),
        p.text,
      ).toBe(true);
  });

  it('shows a handful, key first then newest, and counts the rest', () => {
    const page = sincePage(dataset, ['scheme', 'body'], '2021-06-15')!;
    expect(page.events).toHaveLength(PAGE_SHOWN);
    expect(page.events.slice(0, 3).every((e) => e.key)).toBe(true);
    const all = sincePage(dataset, ['scheme', 'body'], '2021-06-15', Infinity)!;
    expect(page.more).toBe(all.events.length - PAGE_SHOWN);
  });

  it('is nothing without a date, without known entities, or with nothing since', () => {
    expect(sincePage(dataset, ['scheme'], undefined)).toBeUndefined();
    expect(sincePage(dataset, [], '2021-06-15')).toBeUndefined();
    expect(sincePage(dataset, ['nobody'], '2021-06-15')).toBeUndefined();
    expect(sincePage(dataset, ['scheme', 'body'], '2026-11-01')).toBeUndefined();
  });
});

describe('the whole-story timeline', () => {
  it('merges every timeline, oldest first (a year before its months), each event once', () => {
    const all = storyTimeline(dataset);
    const starts = all.map((e) => (typeof e.date === 'string' ? e.date : e.date.from));
    expect(starts).toEqual([...starts].sort());
    expect(starts.slice(0, 3)).toEqual(['2013', '2021', '2021-06']);
    expect(all).toHaveLength(
      dataset.entities.reduce((n, e) => n + (e.timeline?.length ?? 0), 0) - 1,
    );
    expect(all.find((e) => e.date === '2023-03-10')!.entityIds).toEqual(['scheme', 'campaign']);
    expect(all.map((e) => e.entityId)).toContain('unrelated');
  });

  it('from a date: every event that may fall on or after it, nothing clearly before', () => {
    const from = storyTimeline(dataset, { from: '2021-06-15' }).map((e) => e.text);
    expect(from).toContain('The scheme stops in one region.');
    expect(from).toContain('Campaigners and the body work on a policy.');
    expect(from).toContain('A college calls for an investigation.');
    expect(from).not.toContain('The scheme begins.');
    expect(storyTimeline(dataset, { from: 'nonsense' })).toEqual(storyTimeline(dataset));
  });

  it('holds every development a card counts since that date', () => {
    const start = (e: StoryEvent) => (typeof e.date === 'string' ? e.date : e.date.from);
    for (const date of ['2013-01-01', '2021-06-15', '2021-06', '2022']) {
      const timeline = storyTimeline(dataset, { from: date });
      for (const id of ['scheme', 'campaign', 'body']) {
        for (const e of sinceArticle(dataset, id, date, Infinity)?.events ?? []) {
          // The same event, whichever entity's words each list took.
          const same = timeline.find(
            (t) => start(t) === start(e) && e.entityIds.every((x) => t.entityIds.includes(x)),
          );
          expect(same, `${id} since ${date}: ${e.text}`).toBeDefined();
        }
      }
    }
  });

  it('merges events with the same date and the same words, whatever their sources', () => {
    const a = entity('a', 'story', { timeline: [ev('2022', 'It happened.', ['S-A'])] });
    const b = entity('b', 'story', { timeline: [ev('2022', 'It  happened', ['S-B'], true)] });
    const c = entity('c', 'story', { timeline: [ev('2023', 'It happened.', ['S-A'])] });
    const merged = mergeEvents([a, b, c]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ entityIds: ['a', 'b'], key: true, sources: ['S-A'] });
  });

  it('has a deep link the glossary reads back', () => {
    expect(timelineHash()).toBe('#timeline');
    expect(timelineHash('2021-06-15')).toBe('#timeline?from=2021-06-15');
    expect(timelineHash('2021-06')).toBe('#timeline?from=2021-06');
    expect(timelineHash('soon')).toBe('#timeline');
    expect(readTimelineHash('#timeline?from=2021-06-15')).toEqual({ from: '2021-06-15' });
    expect(readTimelineHash(timelineHash('2021'))).toEqual({ from: '2021' });
    expect(readTimelineHash('#timeline')).toEqual({});
    expect(readTimelineHash('#timeline?from=2021-02-30')).toEqual({});
    expect(readTimelineHash('#stopsim')).toBeUndefined();
    expect(readTimelineHash('')).toBeUndefined();
  });
});

describe('the changelog view', () => {
  const entry = (version: string, date: string) => ({ version, date, changes: [`In ${version}.`] });

  it("gives this version's changes and the earlier versions, newest first", () => {
    const meta: DatasetMeta = {
      version: '2026.12.1',
      changelog: [
        entry('2026.12.1', '2026-12-01'),
        entry('2026.10.2', '2026-10-02'),
        entry('2026.11.25', '2026-11-25'),
      ],
    };
    expect(changelogView(meta)).toEqual({
      version: '2026.12.1',
      current: entry('2026.12.1', '2026-12-01'),
      earlier: [entry('2026.11.25', '2026-11-25'), entry('2026.10.2', '2026-10-02')],
    });
  });

  it("never shows another version's changes as this version's", () => {
    const meta: DatasetMeta = {
      version: '2026.12.1',
      changelog: [entry('2026.11.25', '2026-11-25')],
    };
    expect(changelogView(meta)).toEqual({
      version: '2026.12.1',
      earlier: [entry('2026.11.25', '2026-11-25')],
    });
    expect(changelogView({ version: '2026.12.1' })).toEqual({ version: '2026.12.1', earlier: [] });
  });
});

describe('over the real dataset', () => {
  const real = loadDataset();
  const sources = new Set(real.sources.map((s) => s.id));

  it('an article of June 2021 about SIM has the 2023 position among its developments', () => {
    const r = sinceArticle(real, 'sim', '2021-06-15', Infinity)!;
    const position = r.events.find(
      (e) => e.date === '2023-03-10' && e.sources.includes('S-NHSE-POS'),
    );
    expect(position).toBeDefined();
    for (const e of r.events) for (const s of e.sources) expect(sources.has(s), s).toBe(true);
    const shown = sinceArticle(real, 'sim', '2021-06-15')!;
    expect(shown.events.length + shown.more).toBe(r.events.length);
    // The curator marks the 2023 position as a key event: it is among the three shown.
    expect(shown.events.some((e) => e.date === '2023-03-10')).toBe(true);
  });

  it('an article newer than every date the dataset gives has nothing since', () => {
    // A state resting on an undated page is "as of" the research pass that saw it, which can be
    // later than every dated source.
    const dates = [
      ...real.sources.map((s) => s.date).filter((d) => d !== 'undated'),
      ...real.entities.flatMap((e) => e.facts.flatMap((f) => (f.asOf ? [f.asOf] : []))),
    ];
    const newest = dates.map((d) => span(d)!.last).reduce((a, b) => Math.max(a, b));
    const after = isoOfDay(newest + 1);
    for (const e of real.entities) expect(sinceArticle(real, e.id, after), e.id).toBeUndefined();
  });

  it('the whole-story timeline holds every timeline event, cited, oldest first', () => {
    const all = storyTimeline(real);
    const starts = all.map((e) => (typeof e.date === 'string' ? e.date : e.date.from));
    expect(starts).toEqual([...starts].sort());
    for (const e of all) expect(e.sources.every((s) => sources.has(s))).toBe(true);
  });

  it('the changelog view names the shipped version', () => {
    expect(changelogView(real.meta).version).toBe(real.meta.version);
  });
});
