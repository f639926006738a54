/**
 * Entity search (popup, glossary filter, look-ups) over the real bundled dataset, using only the
 * ids that stay stable as the dataset grows (`sim`, `stopsim`, `nhs-england`, `section-136`,
 * `high-intensity-network`, `health-innovation-network`, `tim-kendall`), and over small entries
 * written here for the ranking rules.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import type { Entity } from '../../src/dataset/schema.ts';
import { byName, createSearch, sortKey } from '../../src/shared/search.ts';

const dataset = loadDataset();
const search = createSearch(dataset.entities);
const ids = (q: string) => search.search(q).map((e) => e.id);
const byField = (q: string) => {
  const hits = search.find(q);
  return {
    named: hits.filter((h) => h.field !== 'summary').map((h) => h.entity.id),
    mentioned: hits.filter((h) => h.field === 'summary').map((h) => h.entity.id),
  };
};

const entity = (id: string, name: string, summary: string, aliases: string[] = []): Entity => ({
  id,
  name,
  kind: 'concept',
  role: 'context',
  roleReason: 'test',
  summary,
  aliases: aliases.map((text) => ({ text })),
  facts: [],
  lastReviewed: '2026-01-01',
});

describe('entity search', () => {
  it('lists every entity for a blank query, in reading order', () => {
    expect(ids('  ')).toHaveLength(dataset.entities.length);
    expect(search.find('  ')).toEqual([]);
  });

  it('finds by name, alias and prefix', () => {
    expect(ids('StopSIM')[0]).toBe('stopsim');
    expect(ids('#StopSIM')[0]).toBe('stopsim');
    expect(ids('nhs eng')[0]).toBe('nhs-england');
    expect(ids('serenity integ')[0]).toBe('sim');
    expect(ids('section 136')[0]).toBe('section-136');
    expect(ids('kendal')[0]).toBe('tim-kendall');
  });

  it('tolerates typos', () => {
    // "Serenity" alone names both SIM and Operation Serenity (its street-triage precursor).
    expect(ids('Serenty').slice(0, 2)).toContain('sim');
    expect(ids('Serenty Integrated')[0]).toBe('sim');
    expect(ids('stopsm')[0]).toBe('stopsim');
    expect(ids('Englnd')).toContain('nhs-england');
  });

  it('ranks every name or alias hit above every summary-only hit, and says which is which', () => {
    for (const q of ['sim', 'stop sim', 'nhs', 'kendal', 'england']) {
      const fields = search.find(q).map((h) => h.field);
      const firstSummary = fields.indexOf('summary');
      if (firstSummary >= 0)
        expect(fields.slice(firstSummary).every((f) => f === 'summary')).toBe(true);
    }
    // "stop sim" names StopSIM first (and entries named after it, such as the joint policy); the
    // others only mention stopping and SIM in their summary.
    const stop = byField('stop sim');
    expect(stop.named[0]).toBe('stopsim');
    for (const id of stop.named) {
      const e = dataset.entities.find((x) => x.id === id)!;
      const names = [e.name, ...e.aliases.map((a) => a.text)].join(' | ');
      expect(names.replace(/\s+/g, '').toLowerCase()).toContain('stopsim');
    }
    for (const id of stop.mentioned)
      expect(dataset.entities.find((e) => e.id === id)!.summary).toMatch(/\bstop/i);
    // "sim" is SIM's own alias: SIM first, and only entries named after SIM before the mentions.
    const sim = byField('sim');
    expect(sim.named[0]).toBe('sim');
    expect(sim.named).toContain('stopsim');
    for (const id of sim.named) {
      const e = dataset.entities.find((x) => x.id === id)!;
      expect([e.name, ...e.aliases.map((a) => a.text)].join(' ')).toMatch(/sim/i);
    }
    expect(sim.named.length).toBeLessThan(dataset.entities.length / 4);
    // The alias that matched is reported (both bodies are written "HIN": the Health Innovation
    // Network's "HIN" marks only where a page defines it, but search finds it).
    expect(
      search
        .find('HIN')
        .slice(0, 2)
        .map((h) => [h.entity.id, h.alias]),
    ).toEqual([
      ['high-intensity-network', 'HIN'],
      ['health-innovation-network', 'HIN'],
    ]);
  });

  it('does not take a word in a summary for a prefix of a longer one', () => {
    const s = createSearch([
      entity('a', 'Alpha', 'Similar schemes elsewhere.'),
      entity('b', 'Beta', 'A SIM-like scheme.'),
      entity('c', 'Gamma programme', 'Unrelated.', ['SIM programme']),
    ]);
    expect(s.find('sim').map((h) => [h.entity.id, h.field])).toEqual([
      ['c', 'alias'],
      ['b', 'summary'],
    ]);
    // A compound name ending in the query ("StopSIM") is a name hit; one merely containing it
    // ("Rethink" for "hin") is not.
    const t = createSearch([entity('x', 'StopSIM', 'x'), entity('y', 'Rethink', 'y')]);
    expect(t.find('sim').map((h) => h.entity.id)).toEqual(['x']);
    expect(t.find('hin')).toEqual([]);
  });

  it('gives nothing for words no entry has', () => {
    expect(ids('xyzzy')).toEqual([]);
  });

  it('picks the best match for a looked-up text, exact aliases first', () => {
    expect(search.best('SIM')?.id).toBe('sim');
    expect(search.best('  NHS  England ')?.id).toBe('nhs-england');
    expect(search.best('Serenity Integrated Monitoring')?.id).toBe('sim');
    expect(search.best('the StopSIM coalition said')?.id).toBe('stopsim');
    expect(search.best('')).toBeUndefined();
  });
});

describe('reading order', () => {
  it('ignores quote marks and leading punctuation', () => {
    expect(sortKey('"Community Behaviour Order" (term)')).toBe('community behaviour order" (term)');
    expect(sortKey('#StopSIM')).toBe('stopsim');
    const names = byName([
      { name: '"Zeta" (term)' },
      { name: 'Alpha' },
      { name: '‘Beta’' },
      { name: 'alpha two' },
    ]).map((e) => e.name);
    expect(names).toEqual(['Alpha', 'alpha two', '‘Beta’', '"Zeta" (term)']);
  });

  it('lists the real entries so that none starting with a quote mark comes first', () => {
    const list = search.search('');
    expect(list[0]!.name).toMatch(/^[\p{L}\p{N}]/u);
    const keys = list.map((e) => sortKey(e.name));
    expect(keys).toEqual(
      [...keys].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })),
    );
  });
});
