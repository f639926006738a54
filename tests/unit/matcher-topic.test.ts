/**
 * The story's rules (`matcher/topic.ts`, `matcher/defines.ts`) on the engine's kind of tables,
 * written for these tests: roles (context entities only on pages that touch the story), site
 * identity, abbreviations as the page defines them, publications on their own site, and the
 * report of what was held back.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/dataset/schema.ts';
import {
  abbreviationKey,
  createMatcher,
  findDefinitions,
  isAbbreviation,
  matchPage,
  spellsOut,
  type TopicOptions,
} from '../../src/matcher/index.ts';
import { makeTables, type FixtureEntity } from '../fixtures/engine/tables.ts';

const POSS = ["'s"];
type Entity = FixtureEntity & { role?: Role; sites?: string[] };
const ENTITIES: Entity[] = [
  {
    id: 'scheme',
    kind: 'programme',
    role: 'story',
    aliases: [
      { text: 'Serenity Integrated Mentoring', suffixes: POSS },
      {
        text: 'SIM',
        caseSensitive: true,
        suffixes: POSS,
        context: { cues: ['Serenity', 'High Intensity', 'mental health'], window: 'block' },
        exclude: ['SIM card'],
      },
    ],
  },
  {
    id: 'campaign',
    kind: 'campaign',
    role: 'story',
    sites: ['stopsim.co.uk'],
    aliases: [{ text: 'StopSIM', suffixes: POSS }],
  },
  {
    id: 'company',
    role: 'story',
    aliases: [
      { text: 'High Intensity Network', suffixes: POSS },
      {
        text: 'HIN',
        caseSensitive: true,
        suffixes: POSS,
        context: { cues: ['High Intensity'], window: 'block', longForm: false },
      },
    ],
  },
  {
    id: 'network',
    role: 'context',
    sites: ['healthinnovationnetwork.com'],
    aliases: [
      { text: 'Health Innovation Network', caseSensitive: true, suffixes: POSS },
      {
        text: 'HIN',
        caseSensitive: true,
        suffixes: POSS,
        context: { cues: ['HIN South London'], window: 'block', longForm: false },
      },
    ],
  },
  {
    id: 'nhse',
    role: 'context',
    sites: ['england.nhs.uk'],
    aliases: [
      { text: 'NHS England', suffixes: POSS },
      { text: 'NHSE', caseSensitive: true },
    ],
  },
  {
    id: 'college',
    role: 'context',
    sites: ['rcn.org.uk'],
    aliases: [
      { text: 'Royal College of Nursing', suffixes: POSS },
      {
        text: 'RCN',
        caseSensitive: true,
        suffixes: POSS,
        context: { cues: ['nurses', 'nursing'], window: 'block' },
      },
    ],
  },
  {
    id: 'journal',
    kind: 'publication',
    role: 'context',
    sites: ['hsj.co.uk'],
    aliases: [{ text: 'Health Service Journal' }, { text: 'HSJ', caseSensitive: true }],
  },
  {
    id: 'article',
    kind: 'publication',
    role: 'story',
    sites: ['morningstaronline.co.uk'],
    aliases: [{ text: 'Police step into crisis care', caseSensitive: true }],
  },
  {
    id: 'users',
    kind: 'concept',
    role: 'story',
    aliases: [
      {
        text: 'high intensity user',
        suffixes: ['s'],
        context: { cues: ['police'], window: 'block' },
      },
    ],
  },
];
const T = makeTables(ENTITIES);
ENTITIES.forEach((e, i) => Object.assign(T.entities[i]!, { role: e.role, sites: e.sites }));
const matcher = createMatcher(T);
const id = (e: number) => T.entities[e]!.id;

/** The page's marks (`text → entity`), whether it touches the story and what was held back. */
function page(blocks: string[], opts: Partial<TopicOptions> = {}) {
  const r = matchPage(matcher, blocks, { host: 'www.inews.co.uk', everywhere: false, ...opts });
  return {
    marks: r.blocks.flatMap((list, b) =>
      list.map((m) => `${blocks[b]!.slice(m.start, m.end)} → ${id(m.entity)}`),
    ),
    rules: r.blocks.flatMap((list) => list.map((m) => m.reason.rule)),
    reasons: r.blocks.flat().map((m) => m.reason),
    touches: r.topic.touches,
    by:
      r.topic.by && 'entity' in r.topic.by
        ? { ...r.topic.by, entity: id(r.topic.by.entity) }
        : r.topic.by,
    held: r.held.map((h) => `${h.text} → ${id(h.entity)} (${h.reason})`),
  };
}

describe('roles: the story decides what is marked', () => {
  it('holds context entities back on a page that does not touch the story', () => {
    const p = page([
      'NHS England published waiting times for the winter.',
      'The Royal College of Nursing said nurses were stretched.',
    ]);
    expect(p.marks).toEqual([]);
    expect(p.touches).toBe(false);
    expect(p.held).toEqual([
      'NHS England → nhse (off-topic)',
      'Royal College of Nursing → college (off-topic)',
    ]);
  });

  it('marks them once a story mention is anywhere on the page, before or after them', () => {
    const after = page([
      'NHS England published waiting times for the winter.',
      'Campaigners from StopSIM wrote to the board.',
    ]);
    expect(after.marks).toEqual(['NHS England → nhse', 'StopSIM → campaign']);
    expect(after.by).toEqual({ entity: 'campaign', text: 'StopSIM' });
    expect(after.held).toEqual([]);
    const before = page(['Serenity Integrated Mentoring ended.', 'NHS England wrote to trusts.']);
    expect(before.marks).toEqual(['Serenity Integrated Mentoring → scheme', 'NHS England → nhse']);
  });

  it('marks story entities wherever their rules hold, and names the first as what touched it', () => {
    const p = page(['The High Intensity Network (HIN) ran it.', 'StopSIM objected.']);
    expect(p.marks).toEqual([
      'High Intensity Network → company',
      'HIN → company',
      'StopSIM → campaign',
    ]);
    expect(p.by).toEqual({ entity: 'company', text: 'High Intensity Network' });
  });

  it('counts a page on a story body’s own site as touching the story, subdomains included', () => {
    for (const host of ['stopsim.co.uk', 'www.stopsim.co.uk']) {
      const p = page(['NHS England replied to the letter.'], { host });
      expect(p.marks).toEqual(['NHS England → nhse']);
      expect(p.by).toEqual({ entity: 'campaign', site: host });
    }
    // Not a look-alike host.
    expect(page(['NHS England replied.'], { host: 'notstopsim.co.uk' }).marks).toEqual([]);
  });

  it('marks context entities everywhere when the user asks', () => {
    const p = page(['NHS England published waiting times.'], { everywhere: true });
    expect(p.marks).toEqual(['NHS England → nhse']);
    expect(p.touches).toBe(false);
    expect(p.held).toEqual([]);
  });

  it('marks a story entity’s ambiguous name without cues once the page touches the story', () => {
    const story = page([
      'Serenity Integrated Mentoring was reviewed.',
      'Patients described as high intensity users were flagged.',
    ]);
    expect(story.marks).toEqual([
      'Serenity Integrated Mentoring → scheme',
      'high intensity users → users',
    ]);
    expect(story.rules).toEqual(['alias', 'story']);
    // Without the story, nothing; and never for an alias whose curator refused long forms.
    expect(page(['Patients described as high intensity users were flagged.']).marks).toEqual([]);
    expect(page(['StopSIM wrote.', 'HIN replied.']).marks).toEqual(['StopSIM → campaign']);
  });
});

describe('publications on their own site', () => {
  it('never marks a publication on its own site, and says so', () => {
    const p = page(['HSJ reported that StopSIM wrote to NHS England.'], { host: 'www.hsj.co.uk' });
    expect(p.marks).toEqual(['StopSIM → campaign', 'NHS England → nhse']);
    expect(p.held).toEqual(['HSJ → journal (own-site)']);
    // The same page elsewhere marks it.
    expect(page(['HSJ reported that StopSIM wrote.']).marks).toEqual([
      'HSJ → journal',
      'StopSIM → campaign',
    ]);
  });

  it('lets a story article’s headline on its own site touch the story, though unmarked', () => {
    const p = page(['Police step into crisis care', 'NHS England said it would review.'], {
      host: 'morningstaronline.co.uk',
    });
    expect(p.marks).toEqual(['NHS England → nhse']);
    expect(p.held).toEqual(['Police step into crisis care → article (own-site)']);
    // Its site alone does not: the newspaper's other pages are not about the story.
    expect(page(['NHS England said.'], { host: 'morningstaronline.co.uk' }).marks).toEqual([]);
  });

  it('marks an organisation on its own site (readers expect its card there)', () => {
    const p = page(['StopSIM met NHS England.'], { host: 'www.england.nhs.uk' });
    expect(p.marks).toEqual(['StopSIM → campaign', 'NHS England → nhse']);
  });
});

describe('abbreviations as the page defines them', () => {
  const on = 'Serenity Integrated Mentoring was reviewed.';

  it.each([
    ['The Health Innovation Network (HIN) led the work.', 'Health Innovation Network (HIN)'],
    ['HIN (Health Innovation Network) led the work.', 'HIN (Health Innovation Network)'],
    ['We thank the Health Innovation Network, or HIN.', 'Health Innovation Network, or HIN'],
    ['The Health Innovation Network (“HIN”) led the work.', 'Health Innovation Network (“HIN”)'],
  ])('binds the abbreviation for the rest of the page: %s', (definition, written) => {
    const p = page([on, definition, 'Later HIN said the High Intensity Network had closed.']);
    expect(p.marks.filter((m) => m.startsWith('HIN'))).toEqual(['HIN → network', 'HIN → network']);
    // The card can quote the definition as the page writes it.
    expect(p.reasons.filter((r) => r.rule === 'defined').map((r) => r.definition)).toEqual([
      written,
      written,
    ]);
  });

  it('reads a mention before any definition by the usual rules, and the nearest one after', () => {
    const p = page([
      on,
      'HIN, the High Intensity Network, ran training.',
      'The Health Innovation Network (HIN) evaluated it.',
      'HIN published its report.',
      'The High Intensity Network (HIN) disagreed; HIN closed.',
    ]);
    expect(p.marks.filter((m) => m.startsWith('HIN'))).toEqual([
      'HIN → company',
      'HIN → network',
      'HIN → network',
      'HIN → company',
      'HIN → company',
    ]);
  });

  it('never marks an abbreviation the page defines as something we have no card for', () => {
    const p = page([
      on,
      'The Health Improvement Network (HIN) is a research database; the High Intensity Network differs.',
      'HIN data on the High Intensity Network were used.',
    ]);
    expect(p.marks).toEqual([
      'Serenity Integrated Mentoring → scheme',
      'High Intensity Network → company',
      'High Intensity Network → company',
    ]);
    expect(p.held).toEqual(['HIN → company (defined-other)', 'HIN → company (defined-other)']);
    const expanded = page([
      on,
      'HIN (Health Improvement Network) figures; High Intensity Network.',
    ]);
    expect(expanded.marks.filter((m) => m.startsWith('HIN'))).toEqual([]);
  });

  it('does not take "(ABBR)" after unrelated words for a definition', () => {
    const p = page([
      on,
      'Figures came from the regional team (HIN) at the High Intensity Network.',
    ]);
    expect(p.marks).toContain('HIN → company');
    expect(p.held).toEqual([]);
  });

  it('binds an abbreviation only where the long form is itself marked', () => {
    // "SIM (Serenity Integrated Mentoring)": the scheme; and SIM elsewhere follows it.
    const p = page(['SIM (Serenity Integrated Mentoring) ended.', 'SIM was criticised.']);
    expect(p.marks).toEqual([
      'SIM → scheme',
      'Serenity Integrated Mentoring → scheme',
      'SIM → scheme',
    ]);
    // The long form held back (off-topic) holds its abbreviation back with it.
    const off = page(['NHS England (NHSE) said.', 'NHSE agreed.']);
    expect(off.marks).toEqual([]);
    expect(off.held).toEqual([
      'NHS England → nhse (off-topic)',
      'NHSE → nhse (off-topic)',
      'NHSE → nhse (off-topic)',
    ]);
  });
});

describe('site identity', () => {
  it('binds a site’s own organisation’s abbreviation on its own pages', () => {
    const blocks = [
      on(),
      'The HIN has worked with the trusts since the High Intensity Network began.',
    ];
    const own = page(blocks, { host: 'healthinnovationnetwork.com' });
    expect(own.marks).toContain('HIN → network');
    expect(own.rules).toContain('site');
    expect(page(blocks, { host: 'www.healthinnovationnetwork.com' }).marks).toContain(
      'HIN → network',
    );
    // Elsewhere the usual rule reads it as the company.
    expect(page(blocks).marks).toContain('HIN → company');
    // A definition on the page still wins over the site.
    const defined = page(
      [...blocks.slice(0, 1), 'The High Intensity Network (HIN) trained staff; HIN closed.'],
      { host: 'healthinnovationnetwork.com' },
    );
    expect(defined.marks.filter((m) => m.startsWith('HIN'))).toEqual([
      'HIN → company',
      'HIN → company',
    ]);
  });

  it('binds a college’s abbreviation on its site without the usual cues', () => {
    const blocks = ['StopSIM wrote to the RCN.'];
    expect(page(blocks).marks).toEqual(['StopSIM → campaign']);
    expect(page(blocks, { host: 'www.rcn.org.uk' }).marks).toEqual([
      'StopSIM → campaign',
      'RCN → college',
    ]);
  });
  function on() {
    return 'Serenity Integrated Mentoring was reviewed.';
  }
});

describe('held-back reporting', () => {
  it('reports every mention held back, in document order, with its reason', () => {
    const p = page(
      [
        'HSJ said NHS England (NHSE) would act.',
        'The Health Improvement Network (HIN) published data.',
        'HIN figures and the Royal College of Nursing.',
      ],
      { host: 'www.hsj.co.uk' },
    );
    expect(p.touches).toBe(false);
    expect(p.held).toEqual([
      'HSJ → journal (own-site)',
      'NHS England → nhse (off-topic)',
      'NHSE → nhse (off-topic)',
      'Royal College of Nursing → college (off-topic)',
    ]);
  });
});

describe('definitions: the text rules', () => {
  it('recognises abbreviations by their shape', () => {
    expect(['HIN', 'NHSE/I', 'A&E', 'RCPsych', 'AHSN'].filter(isAbbreviation)).toHaveLength(5);
    expect(['Hin', 's136', 'iNews', 'H', 'the HIN'].filter(isAbbreviation)).toEqual([]);
    expect(abbreviationKey('AHSNs')).toBe('AHSN');
    expect(abbreviationKey('HIN’s')).toBe('HIN');
    expect(abbreviationKey('Serenity Integrated Mentoring')).toBeUndefined();
  });

  it('checks the initials Schwartz–Hearst style', () => {
    expect(spellsOut('HIN', 'Health Innovation Network')).toBe(true);
    expect(spellsOut('CPN', 'community psychiatric nurse')).toBe(true);
    expect(spellsOut('NHSE/I', 'NHS England and NHS Improvement')).toBe(true);
    expect(spellsOut('RCRP', 'Right Care, Right Person')).toBe(true);
    expect(spellsOut('HIN', 'the regional team')).toBe(false);
    // The first letter must start a word.
    expect(spellsOut('HIN', 'within a network')).toBe(false);
  });

  it('finds a definition from the candidates, with where it starts', () => {
    const text = 'A note: the High Intensity Network (HIN) and StopSIM.';
    const defs = findDefinitions(text, matcher.candidates(text));
    expect(defs.map((d) => [d.abbr, d.text, text.slice(d.at, d.at + 6)])).toEqual([
      ['HIN', 'High Intensity Network (HIN)', 'High I'],
    ]);
  });
});
