/**
 * The story's rules with the real dataset, on passages written for these tests (never copied from
 * an article): ordinary UK health and policing news marks nothing, the audit's generic terms
 * (M7, M8) mark only where the page touches the story, the misnamings real pages use resolve to
 * the right body, abbreviations follow the page's definitions and the site's own organisation, and
 * the roles are what the curator set.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { compileTables } from '../../src/dataset/tables.ts';
import { createMatcher, matchPage } from '../../src/matcher/index.ts';

const dataset = loadDataset();
const tables = compileTables(dataset);
const matcher = createMatcher(tables);

/** `text → entity` marked on a page of these blocks, and what was held back. */
function page(blocks: string[], host = 'www.inews.co.uk') {
  const r = matchPage(matcher, blocks, { host, everywhere: false });
  const at = (e: number) => tables.entities[e]!.id;
  return {
    marks: r.blocks.flatMap((list, b) =>
      list.map((m) => `${blocks[b]!.slice(m.start, m.end)} → ${at(m.entity)}`),
    ),
    touches: r.topic.touches,
    held: r.held.map((h) => `${h.text} → ${at(h.entity)} (${h.reason})`),
  };
}

const STORY = 'Campaigners from StopSIM said Serenity Integrated Mentoring must end.';

describe('roles', () => {
  it('gives every entity a role, and ships it with its own sites in the tables', () => {
    const byId = new Map(tables.entities.map((e) => [e.id, e]));
    for (const e of dataset.entities) {
      expect(byId.get(e.id)!.role, e.id).toBe(e.role);
      expect(byId.get(e.id)!.sites ?? [], e.id).toEqual(e.sites ?? []);
    }
    // The scheme and its campaign are the story; the bodies in everyday news are context.
    expect(byId.get('sim')!.role).toBe('story');
    expect(byId.get('stopsim')!.role).toBe('story');
    expect(byId.get('high-intensity-network')!.role).toBe('story');
    for (const id of ['nhs-england', 'a-and-e', 'rcn', 'section-136', 'nice-guidance'])
      expect(byId.get(id)!.role, id).toBe('context');
  });
});

describe('ordinary UK health and policing news marks nothing', () => {
  it.each([
    [
      'A&E waits',
      'NHS England said A&E waits in the mental health crisis were the worst on record.',
    ],
    ['a strike', 'The Royal College of Nursing said the RCN would ballot nurses again.'],
    [
      'council powers',
      'The council issued a Community Protection Notice for loud music and sought a Criminal Behaviour Order.',
    ],
    ['police statistics', 'Police used section 136 of the Mental Health Act more often last year.'],
    ['leadership', 'Professor Tim Kendall and Dame Claire Murdoch left their NHS England posts.'],
    ['the RightCare service', 'NHS RightCare set up a High Intensity User service for A&E.'],
  ])('%s', (_name, text) => {
    const p = page([text]);
    expect(p.marks).toEqual([]);
    expect(p.touches).toBe(false);
    expect(p.held.length).toBeGreaterThan(0);
    expect(p.held.every((h) => h.endsWith('(off-topic)'))).toBe(true);
  });
});

describe('the audit’s generic terms (M7, M8) mark only where the page touches the story', () => {
  it.each([
    [
      'care coordinator',
      'Her care coordinator rang the police before the inquest.',
      'care-coordinators',
    ],
    [
      'NICE with guidance',
      'NICE guidance now recommends the cancer drug for routine use.',
      'nice-guidance',
    ],
    ['A&E with crisis', 'The A&E crisis deepened as winter set in.', 'a-and-e'],
    ['File on 4', 'File on 4 investigated mental health services in the north.', 'file-on-4-2023'],
    [
      'NIA Fellow',
      'She became an NIA Fellow after her research on ageing.',
      'nhs-innovation-accelerator',
    ],
  ])('%s', (_name, text, entity) => {
    const off = page([text]);
    expect(off.marks).toEqual([]);
    expect(off.touches).toBe(false);
    // On a page about SIM, whatever their alias rules allow (the data branch tightens them) is
    // marked: exactly what the page off the story held back.
    const on = page([STORY, text]);
    expect(on.touches).toBe(true);
    expect(on.held).toEqual([]);
    const mine = (list: string[]) => list.filter((m) => m.includes(`→ ${entity}`));
    expect(mine(on.marks)).toEqual(mine(off.held).map((h) => h.replace(' (off-topic)', '')));
  });
});

describe('misnamings real pages use', () => {
  it.each([
    ['Royal College of Nurses', 'The Royal College of Nurses backed the campaign.', 'rcn'],
    [
      'National Innovation Accelerator',
      'He was a fellow of the National Innovation Accelerator (NIA), an NHS scheme.',
      'nhs-innovation-accelerator',
    ],
    ['Serenity Integrated Monitoring', 'Serenity Integrated Monitoring was criticised.', 'sim'],
  ])('%s', (form, text, entity) => {
    expect(page([STORY, text]).marks).toContain(`${form} → ${entity}`);
  });

  const rightCare = tables.aliases.some((a) => a.text === 'NHS Right Care');
  it.runIf(rightCare)('NHS Right Care (the alias the data branch adds)', () => {
    expect(page([STORY, 'NHS Right Care commissioned the roll-out.']).marks).toContain(
      'NHS Right Care → nhs-rightcare',
    );
  });
});

describe('abbreviations and sites with the real dataset', () => {
  it('reads HIN as the page defines it, before and after the definition', () => {
    const p = page([
      STORY,
      'HIN trained officers, the High Intensity Network said.',
      'In London the Health Innovation Network (HIN) evaluated the pilots.',
      'HIN then published its report, though the High Intensity Network disputed it.',
    ]);
    expect(p.marks.filter((m) => m.startsWith('HIN'))).toEqual([
      'HIN → high-intensity-network',
      'HIN → health-innovation-network',
      'HIN → health-innovation-network',
    ]);
  });

  it('reads HIN as the Health Innovation Network on its own site', () => {
    const text = 'The HIN worked with three trusts to bring in the High Intensity Network model.';
    expect(page([STORY, text], 'healthinnovationnetwork.com').marks).toContain(
      'HIN → health-innovation-network',
    );
    expect(page([STORY, text]).marks).toContain('HIN → high-intensity-network');
  });

  it('never marks a publication on its own site', () => {
    const p = page([STORY, 'HSJ has reported on the scheme since 2021.'], 'www.hsj.co.uk');
    expect(p.marks.some((m) => m.endsWith('→ hsj'))).toBe(false);
    expect(p.held).toEqual(['HSJ → hsj (own-site)']);
  });

  it('counts a page on StopSIM’s site as touching the story', () => {
    const p = page(['NHS England wrote back in May.'], 'stopsim.co.uk');
    expect(p.marks).toEqual(['NHS England → nhs-england']);
  });
});
