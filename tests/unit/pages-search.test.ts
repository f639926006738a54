/**
 * Entity search (popup, glossary filter, look-ups) over the real bundled dataset, using only the
 * ids that stay stable as the dataset grows: `sim`, `stopsim`, `nhs-england`.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { createSearch } from '../../src/shared/search.ts';

const dataset = loadDataset();
const search = createSearch(dataset.entities);
const ids = (q: string) => search.search(q).map((e) => e.id);

describe('entity search', () => {
  it('lists every entity for a blank query', () => {
    expect(ids('  ')).toHaveLength(dataset.entities.length);
  });

  it('finds by name, alias and prefix', () => {
    expect(ids('StopSIM')[0]).toBe('stopsim');
    expect(ids('#StopSIM')[0]).toBe('stopsim');
    expect(ids('nhs eng')[0]).toBe('nhs-england');
    expect(ids('serenity integ')[0]).toBe('sim');
  });

  it('tolerates typos', () => {
    // "Serenity" alone names both SIM and Operation Serenity (its street-triage precursor).
    expect(ids('Serenty').slice(0, 2)).toContain('sim');
    expect(ids('Serenty Integrated')[0]).toBe('sim');
    expect(ids('stopsm')[0]).toBe('stopsim');
    expect(ids('Englnd')).toContain('nhs-england');
  });

  it('picks the best match for a looked-up text, exact aliases first', () => {
    expect(search.best('SIM')?.id).toBe('sim');
    expect(search.best('  NHS  England ')?.id).toBe('nhs-england');
    expect(search.best('Serenity Integrated Monitoring')?.id).toBe('sim');
    expect(search.best('the StopSIM coalition said')?.id).toBe('stopsim');
    expect(search.best('')).toBeUndefined();
  });
});
