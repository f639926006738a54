/**
 * The glossary's derived views over the real dataset (timeline order, the story's centre and
 * timeline, the page order of entries, the A–Z index, the sources index and its numbering), and
 * its address handling.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import type { Entity } from '../../src/dataset/schema.ts';
import {
  byRole,
  citations,
  keyFacts,
  letterOf,
  letters,
  sourceOrder,
  storyCentre,
  storyTimeline,
  timeline,
} from '../../src/glossary/model.ts';
import { routeOf } from '../../src/glossary/router.ts';
import { storyBrief } from '../../src/glossary/brief.ts';
import { sortKey } from '../../src/shared/search.ts';
import { sourceLine, sourceName } from '../../src/shared/source-names.ts';

const dataset = loadDataset();

describe('glossary model', () => {
  it('puts every dated event and fact on the timeline, oldest first, each with sources', () => {
    const items = timeline(dataset);
    const dated =
      dataset.entities.reduce(
        (n, e) => n + (e.timeline?.length ?? 0) + e.facts.filter((f) => f.date).length,
        0,
      ) > 0;
    expect(items.length > 0).toBe(dated);
    const starts = items.map((i) => (typeof i.date === 'string' ? i.date : i.date.from));
    expect([...starts].sort()).toEqual(starts);
    for (const i of items) expect(i.sources.length).toBeGreaterThan(0);
  });

  it('orders a year before its months and merges repeats', () => {
    const e = (id: string, facts: { text: string; date: string }[]) => ({
      id,
      facts: facts.map((f) => ({ ...f, sources: ['S-X'], evidence: 'journalism' as const })),
    });
    const items = timeline({
      entities: [
        e('a', [
          { text: 'later', date: '2021-05' },
          { text: 'year', date: '2021' },
        ]),
        e('b', [{ text: 'year', date: '2021' }]),
      ] as never,
    });
    expect(items.map((i) => i.text)).toEqual(['year', 'later']);
  });

  it('indexes every cited source with the entities citing it', () => {
    const index = citations(dataset);
    for (const e of dataset.entities)
      for (const f of e.facts) for (const s of f.sources) expect(index.get(s)).toContain(e.id);
    const ids = new Set(dataset.sources.map((s) => s.id));
    for (const s of index.keys()) expect(ids.has(s)).toBe(true);
  });
});

describe('the story first', () => {
  it('finds the story from the data: SIM, a story entry, with its timeline', () => {
    const c = storyCentre(dataset.entities);
    expect(c?.id).toBe('sim');
    expect(c?.role).toBe('story');
    const events = storyTimeline(dataset);
    expect(events.length).toBeGreaterThan(0);
    for (const ev of events) {
      expect(ev.from).toBe('event');
      expect(dataset.entities.find((e) => e.id === ev.entityId)?.role).toBe('story');
    }
    expect(keyFacts(c!).length).toBeGreaterThan(0);
    expect(keyFacts(c!).length).toBeLessThanOrEqual(
      Math.max(3, c!.facts.filter((f) => f.key).length),
    );
  });

  it('picks the story entry with the longest timeline, then the most linked one', () => {
    const e = (id: string, role: 'story' | 'context', events: number, related: string[] = []) =>
      ({
        id,
        name: id,
        role,
        facts: [],
        aliases: [],
        timeline: Array.from({ length: events }, () => ({ date: '2020', text: 'x', sources: [] })),
        related: related.map((r) => ({ id: r, relation: 'of' })),
      }) as unknown as Entity;
    expect(storyCentre([e('a', 'context', 9), e('b', 'story', 1), e('c', 'story', 2)])?.id).toBe(
      'c',
    );
    expect(
      storyCentre([e('b', 'story', 0), e('c', 'story', 0), e('d', 'context', 0, ['c'])])?.id,
    ).toBe('c');
  });

  it('lists story entries, then context entries, each A–Z ignoring quote marks', () => {
    const { story, context } = byRole(dataset.entities);
    expect(story.length + context.length).toBe(dataset.entities.length);
    expect(story.every((e) => e.role === 'story')).toBe(true);
    expect(context.every((e) => e.role === 'context')).toBe(true);
    for (const list of [story, context]) {
      const keys = list.map((e) => sortKey(e.name));
      expect(keys).toEqual(
        [...keys].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })),
      );
    }
  });

  it('files every entry under one letter of the A–Z index', () => {
    const index = letters(dataset.entities);
    expect(index.flatMap(([, l]) => l).length).toBe(dataset.entities.length);
    expect(letterOf('"Community Behaviour Order"')).toBe('C');
    expect(letterOf('#StopSIM')).toBe('S');
    expect(letterOf('1 in 4')).toBe('#');
    for (const [letter, list] of index) for (const e of list) expect(letterOf(e.name)).toBe(letter);
  });
});

describe('the first screen, made at build time', () => {
  it('holds the story in brief with every reference and link it shows, numbered as the index', () => {
    const brief = storyBrief(dataset);
    expect(brief.centre?.id).toBe(storyCentre(dataset.entities)?.id);
    expect(brief.events).toEqual(storyTimeline(dataset));
    const order = sourceOrder(dataset.sources).map((s) => s.id);
    const cited = [
      ...brief.centre!.facts.flatMap((f) => [...f.sources, ...(f.contested?.sources ?? [])]),
      ...brief.events.flatMap((e) => e.sources),
    ];
    for (const id of cited) {
      expect(brief.refs[id]?.n).toBe(order.indexOf(id) + 1);
      expect(brief.refs[id]?.line).toBe(sourceLine(dataset.sources.find((s) => s.id === id)!));
    }
    for (const e of brief.events) expect(brief.names[e.entityId]).toBeTruthy();
    expect(brief.letters).toEqual(letters(dataset.entities).map(([l]) => l));
    expect(brief.hash).toBe(dataset.hash);
    // A small part of the dataset.
    expect(JSON.stringify(brief).length).toBeLessThan(JSON.stringify(dataset).length / 4);
  });
});

describe('sources', () => {
  it('are sorted as shown: publisher, then name', () => {
    const list = sourceOrder(dataset.sources);
    expect(list).toHaveLength(dataset.sources.length);
    for (let i = 1; i < list.length; i++) {
      const a = sortKey(list[i - 1]!.publisher);
      const b = sortKey(list[i]!.publisher);
      expect(a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })).toBeLessThanOrEqual(
        0,
      );
    }
  });

  it('show a bracketed title as a description, never in brackets or quotation marks', () => {
    expect(sourceName({ title: '[AHSN Network statement on SIM]' })).toEqual({
      text: 'AHSN Network statement on SIM',
      descriptive: true,
    });
    expect(sourceName({ title: 'A real title' })).toEqual({
      text: 'A real title',
      descriptive: false,
    });
    expect(sourceLine({ title: '[Statement on SIM]', publisher: 'RCEM' })).toBe(
      'RCEM: Statement on SIM',
    );
    expect(sourceLine({ title: 'Position', publisher: 'NHS England' })).toBe(
      'NHS England, “Position”',
    );
    // A curator's note after a real title leaves the quotation marks, in parentheses.
    expect(
      sourceName({ title: 'Serenity Integrated Mentoring [programme no longer running]' }),
    ).toEqual({
      text: 'Serenity Integrated Mentoring',
      descriptive: false,
      note: 'programme no longer running',
    });
    expect(sourceLine({ title: 'SIM [project page]', publisher: 'Wessex AHSN' })).toBe(
      'Wessex AHSN, “SIM” (project page)',
    );
    // A source whose title is only its publisher is named once.
    expect(sourceLine({ title: 'NHS England', publisher: 'NHS England' })).toBe('NHS England');
    for (const s of dataset.sources) {
      // Brackets inside a real title are the publisher's own ("Mental Health Bill [ Lords ]").
      const n = sourceName(s);
      const own = n.descriptive ? '' : n.text;
      expect(sourceLine(s).replace(own, '')).not.toMatch(/[[\]]/);
    }
  });
});

describe('glossary address', () => {
  const views = ['timeline', 'changes'];
  it('keeps deep links on the main page and opens views by #/name', () => {
    expect(routeOf('#section-136', views)).toEqual({ view: '', target: 'section-136', query: '' });
    expect(routeOf('', views)).toEqual({ view: '', target: '', query: '' });
    expect(routeOf('#/changes')).toEqual({ view: 'changes', target: '', query: '' });
    expect(routeOf('#/changes/2026.11.25')).toEqual({
      view: 'changes',
      target: '2026.11.25',
      query: '',
    });
    expect(routeOf('#source-S-NHSE%20POS', views)).toEqual({
      view: '',
      target: 'source-S-NHSE POS',
      query: '',
    });
  });

  it('opens a view by its name, with its query: #timeline?from=…, #changes', () => {
    expect(routeOf('#timeline?from=2021-06-15', views)).toEqual({
      view: 'timeline',
      target: '',
      query: 'from=2021-06-15',
    });
    expect(routeOf('#timeline', views)).toEqual({ view: 'timeline', target: '', query: '' });
    expect(routeOf('#changes', views)).toEqual({ view: 'changes', target: '', query: '' });
    expect(routeOf('#/timeline?from=2023', views)).toEqual({
      view: 'timeline',
      target: '',
      query: 'from=2023',
    });
    // The story in brief keeps its own timeline section on the main page.
    expect(routeOf('#story-timeline', views)).toEqual({
      view: '',
      target: 'story-timeline',
      query: '',
    });
  });

  it("never shadows an entry: no entry's id is a view's name or a main-page section's", async () => {
    const { VIEWS } = await import('../../src/glossary/views.tsx');
    const ids = new Set(dataset.entities.map((e) => e.id));
    for (const name of [
      ...VIEWS.map((v) => v.id),
      'story',
      'story-timeline',
      'az',
      'entries',
      'sources',
      'evidence',
    ])
      expect(ids.has(name), name).toBe(false);
  });
});
