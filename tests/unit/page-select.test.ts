/**
 * The marker's selection (`src/page/marker/select.ts`), pure, in Node: density, kinds, entities
 * hidden on the site, the cap, hidden records, in document order.
 */
import { describe, expect, it } from 'vitest';
import { select } from '../../src/page/marker/select.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';
import { FIXTURE_TABLES as T } from '../fixtures/engine/tables.ts';

const entity = (id: string) => T.entities.findIndex((e) => e.id === id);
/** A record holding mentions of the given entities, in order. */
const rec = (ids: string[], visible = true) => ({
  visible,
  found: ids.map((id, i) => ({ entity: entity(id), at: i })),
});
const marking = (m: Partial<Settings['marking']> = {}) => ({ ...DEFAULT_SETTINGS.marking, ...m });
const names = (found: { entity: number }[]) => found.map((f) => T.entities[f.entity]!.id);

const page = [
  rec(['sim', 'stopsim']),
  rec(['nhs-england', 'sim']),
  rec(['s136'], false),
  rec(['stopsim', 'paul-jennings', 'sim']),
];

describe('select', () => {
  it('marks the first mention of each entity by default, in document order', () => {
    const found = select(page, marking(), T.entities, new Set());
    expect(names(found)).toEqual(['sim', 'stopsim', 'nhs-england', 'paul-jennings']);
    // The first of each: the record and the place in it.
    expect(found[0]).toBe(page[0]!.found[0]);
  });

  it('marks every mention with density "all", never a hidden record', () => {
    const found = select(page, marking({ density: 'all' }), T.entities, new Set());
    expect(names(found)).toEqual([
      'sim',
      'stopsim',
      'nhs-england',
      'sim',
      'stopsim',
      'paul-jennings',
      'sim',
    ]);
  });

  it('leaves out kinds switched off and entities hidden on the site', () => {
    const kinds = { ...DEFAULT_SETTINGS.marking.kinds, person: false, campaign: false };
    const found = select(page, marking({ kinds }), T.entities, new Set(['nhs-england']));
    expect(names(found)).toEqual(['sim']);
  });

  it('stops at the cap', () => {
    const found = select(page, marking({ density: 'all', capPerPage: 3 }), T.entities, new Set());
    expect(names(found)).toEqual(['sim', 'stopsim', 'nhs-england']);
    expect(select(page, marking({ capPerPage: 0 }), T.entities, new Set())).toEqual([]);
  });
});
