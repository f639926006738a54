/** The glossary's derived views over the real dataset: timeline order and the sources index. */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { byKind, citations, timeline } from '../../src/glossary/model.ts';

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

  it('groups entities by kind', () => {
    const groups = byKind(dataset.entities);
    expect(groups.flatMap(([, l]) => l).length).toBe(dataset.entities.length);
    const sim = groups.find(([, l]) => l.some((x) => x.id === 'sim'));
    expect(sim?.[0]).toBe('programme');
  });
});
