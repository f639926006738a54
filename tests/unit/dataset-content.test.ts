/**
 * The shipped dataset's content rules, beyond what the validator checks: coverage of the brief's
 * §2 entities and of its additions' §1 entries, counts, the SIM timeline, attribution of claims, disagreements citing both sides,
 * and neutral, person-first wording.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import type { DateOrRange, Entity } from '../../src/dataset/schema.ts';
import {
  ADDITIONS,
  ADDITIONS_REGISTER_SECTION,
  BRIEF,
  NO_ADDITIONS,
  NO_BRIEF,
  additionHeadings,
  entityHeadings,
  register,
} from './helpers/brief.ts';
import {
  DEFAULT_VIEW_CHARS,
  KEY_FACT_CHARS,
  defaultViewChars,
} from '../support/key-fact-budget.ts';

const dataset = loadDataset();
const byId = new Map(dataset.entities.map((e) => [e.id, e]));
const sourceKind = new Map(dataset.sources.map((s) => [s.id, s.kind]));
const publisher = new Map(dataset.sources.map((s) => [s.id, s.publisher]));

/** Story entities whose history readers ask about (issue 24): each has a timeline. */
const TIMELINES = [
  'sim',
  'high-intensity-network',
  'stopsim',
  'paul-jennings',
  'nhse-position-2023',
  'right-care-right-person',
  'mental-health-act-2025',
];

/** Entries that touch crisis, suicide or self-harm: their cards show the support line. */
const SUPPORT = [
  'sim',
  'high-intensity-users',
  'section-136',
  'borderline-personality-disorder',
  'nice-guidance',
  'community-protection-notice',
  'criminalising-distress-2024',
];

/** The first public dataset's release day. */
const FIRST_RELEASE = '2026-11-25';
/** Real disagreements recorded as `contested` (see the test below). */
const MIN_CONTESTED = 10;
/** Words that name a document or a slip, not a party that disagrees (audit M6). */
const NOT_A_PARTY =
  /\b(page|line|address|url|typo|slip|version|shortlist|own statement|its own)\b/i;

/** Brief §2 entry → the entities that cover it. */
const COVERAGE: Record<string, string[]> = {
  '2.1': ['sim'],
  '2.2': ['high-intensity-network'],
  '2.3': ['paul-jennings'],
  '2.4': ['stopsim'],
  '2.5': ['nhs-england'],
  '2.6': ['tim-kendall'],
  '2.7': ['claire-murdoch'],
  '2.8': ['cnwl'],
  '2.9': ['high-intensity-officers'],
  // Brief §2.10: a generic NHS term, not carded on its own; it is a fact on the officers' card.
  '2.10': ['high-intensity-officers'],
  '2.11': ['high-intensity-users', 'rightcare-hiu'],
  '2.12': [
    'community-behaviour-order',
    'criminal-behaviour-order',
    'community-protection-notice',
    'asbcpa-2014',
  ],
  '2.13': ['section-136'],
  '2.14': ['a-and-e'],
  '2.15': ['health-innovation-network'],
  '2.16': ['nhs-innovation-accelerator'],
  '2.17': ['ahsn-network'],
  '2.18': ['wessex-ahsn'],
  '2.19': ['nhs-rightcare'],
  '2.20': ['hsj-value-awards-2017', 'hsj-patient-safety-awards-2017'],
  '2.21': ['nursing-times-award-2016'],
  '2.22': ['acp-uk'],
  '2.23': ['centre-for-mental-health'],
  '2.24': ['rcpsych'],
  '2.25': ['inews'],
  '2.26': ['mental-elf'],
  '2.27': ['borderline-personality-disorder'],
  '2.28': ['nice-guidance'],
  '2.29': ['hampshire-constabulary', 'isle-of-wight-nhs-trust', 'operation-serenity'],
  '2.30': ['rcn'],
  '2.31': ['rcem'],
  '2.32': ['bps'],
  '2.33': ['rethink-mental-illness'],
  '2.34': ['nsun'],
  '2.35': ['bigspd'],
  '2.36': ['peer-hub'],
  '2.37': ['disability-news-service'],
  '2.38': ['hsj'],
  '2.39': ['file-on-4-2023'],
  '2.40': ['house-editorial-2022', 'bjp-sanctions-2022'],
  '2.41': ['nhse-position-2023'],
  '2.42': ['ahsn-independent-review'],
  '2.43': ['right-care-right-person'],
  '2.44': ['mental-health-act-2025'],
  '2.45': ['hampshire-foi-2021'],
  '2.46': ['mental-health-at-home'],
  '2.47': [
    'kss-ahsn',
    'uclpartners',
    'west-of-england-ahsn',
    'health-innovation-yorkshire-humber',
    'sutton-1-in-4',
  ],
  '2.48': ['mental-health-cop'],
  '2.49': ['morning-star-article'],
};

/** Additions §1 entry → the entities that carry it (NEW entries have their own cards). */
const ADDITIONS_COVERAGE: Record<string, string[]> = {
  '1.1': ['sim'],
  '1.2': ['high-intensity-network'],
  '1.3': ['paul-jennings'],
  '1.4': ['stopsim'],
  '1.5': ['joint-stopsim-policy'],
  '1.6': ['nhs-england'],
  '1.7': ['tim-kendall'],
  '1.8': ['claire-murdoch'],
  '1.9': ['ahsn-independent-review'],
  '1.10': ['liberty-investigates'],
  '1.11': ['criminalising-distress-2024', 'medact'],
  '1.12': ['sim', 'high-intensity-officers'],
  '1.13': ['right-care-right-person'],
  '1.14': ['mental-health-act-2025'],
  '1.15': ['morning-star-article'],
};

/** Entities for which the brief records a single fact only (so one fact is all they can have). */
const ONE_FACT_IN_BRIEF = ['acp-uk', 'mental-elf', 'peer-hub', 'morning-star-article'];

/** Card text a reader sees, per entity. */
function cardText(e: Entity): string[] {
  return [
    e.name,
    e.summary,
    ...e.facts.flatMap((f) => [f.text, f.contested?.by ?? '', f.contested?.note ?? '']),
    ...(e.timeline ?? []).map((t) => t.text),
    ...(e.notThisOne ?? []).flatMap((n) => [n.name, n.note]),
  ];
}

const start = (d: DateOrRange) => (typeof d === 'string' ? d : d.from);

describe('dataset content', () => {
  it('has at least 45 entities, 120 sourced facts, and each entity reviewed by this release', () => {
    expect(dataset.entities.length).toBeGreaterThanOrEqual(45);
    const facts = dataset.entities.reduce((n, e) => n + e.facts.length, 0);
    expect(facts).toBeGreaterThanOrEqual(120);
    expect(dataset.meta.version).toMatch(/^\d{4}\.\d{1,2}\.\d{1,2}$/);
    // A review date is per entity and true: not before the first public dataset, not after the
    // release that ships it (the version is the release day, YYYY.M.D).
    const [y, m, d] = dataset.meta.version.split('.').map(Number);
    const released = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const wrong = dataset.entities
      .filter((e) => e.lastReviewed < FIRST_RELEASE || e.lastReviewed > released)
      .map((e) => `${e.id}: ${e.lastReviewed}`);
    expect(wrong).toEqual([]);
  });

  it("keeps the curator's guide's counts true", () => {
    const guide = readFileSync(new URL('../../src/dataset/README.md', import.meta.url), 'utf8');
    const facts = dataset.entities.reduce((n, e) => n + e.facts.length, 0);
    const events = dataset.entities.reduce((n, e) => n + (e.timeline?.length ?? 0), 0);
    expect(guide.replace(/\s+/g, ' ')).toContain(
      `On version ${dataset.meta.version} the check prints \`${dataset.entities.length} entities, ` +
        `${facts} facts, ${events} timeline events, ${dataset.sources.length} sources\``,
    );
  });

  it('covers every entity id the coverage maps name', () => {
    const missing = [...Object.values(COVERAGE), ...Object.values(ADDITIONS_COVERAGE)]
      .flat()
      .filter((id) => !byId.has(id));
    expect(missing).toEqual([]);
  });

  it.skipIf(!BRIEF)(`covers every entry of the brief's §2 ${BRIEF ? '' : NO_BRIEF}`.trim(), () => {
    const headings = entityHeadings(BRIEF!);
    expect(headings.length).toBeGreaterThanOrEqual(45);
    const uncovered = headings.filter(([n]) => !COVERAGE[n]?.length).map(([n, t]) => `${n} ${t}`);
    expect(uncovered).toEqual([]);
  });

  it.skipIf(!ADDITIONS)(
    `covers every entry of the additions' §1 ${ADDITIONS ? '' : NO_ADDITIONS}`.trim(),
    () => {
      const headings = additionHeadings(ADDITIONS!);
      expect(headings.length).toBeGreaterThanOrEqual(15);
      const uncovered = headings
        .filter(([n]) => !ADDITIONS_COVERAGE[n]?.length)
        .map(([n, t]) => `${n} ${t}`);
      expect(uncovered).toEqual([]);
    },
  );

  it('cites, for every NEW entity of the additions, a source from the additions register', () => {
    const additionsIds = new Set(
      ADDITIONS ? register(ADDITIONS, ADDITIONS_REGISTER_SECTION).map((r) => r.id) : [],
    );
    const fresh = ['liberty-investigates', 'criminalising-distress-2024', 'joint-stopsim-policy'];
    const unsourced = fresh.filter(
      (id) =>
        ADDITIONS !== undefined &&
        !byId.get(id)!.facts.some((f) => f.sources.some((s) => additionsIds.has(s))),
    );
    expect(unsourced).toEqual([]);
  });

  it('gives every entity at least two facts, except where the brief records only one', () => {
    const thin = dataset.entities.filter((e) => e.facts.length < 2).map((e) => e.id);
    expect(thin.filter((id) => !ONE_FACT_IN_BRIEF.includes(id))).toEqual([]);
  });

  it('carries the SIM timeline from the 2012 street triage to the 10 March 2023 letter and after, in order', () => {
    const timeline = byId.get('sim')!.timeline!;
    expect(start(timeline[0]!.date)).toBe('2012-10');
    expect(timeline[0]!.text).toMatch(/street triage/);
    const letter = timeline.findIndex((t) => t.date === '2023-03-10');
    expect(letter).toBeGreaterThan(0);
    expect(timeline.length - 1).toBeGreaterThan(letter);
    expect(timeline.length).toBeGreaterThanOrEqual(25);
    // Non-decreasing, where a partial date ("2021-05") ties with any date inside it.
    for (let i = 1; i < timeline.length; i++) {
      const a = start(timeline[i - 1]!.date);
      const b = start(timeline[i]!.date);
      const tie = a.startsWith(b) || b.startsWith(a);
      expect(tie || a < b, `timeline[${i}] (${b}) comes before timeline[${i - 1}] (${a})`).toBe(
        true,
      );
    }
  });

  it('gives a timeline to each story entity readers ask the history of, in order, few of them key', () => {
    for (const id of TIMELINES) {
      const timeline = byId.get(id)?.timeline ?? [];
      expect(
        timeline.length,
        `${id} has ${timeline.length} timeline events`,
      ).toBeGreaterThanOrEqual(5);
    }
    for (const e of dataset.entities) {
      const timeline = e.timeline ?? [];
      for (let i = 1; i < timeline.length; i++) {
        const a = start(timeline[i - 1]!.date);
        const b = start(timeline[i]!.date);
        expect(
          a.startsWith(b) || b.startsWith(a) || a < b,
          `${e.id} timeline[${i}] (${b}) comes before timeline[${i - 1}] (${a})`,
        ).toBe(true);
      }
      const keys = timeline.filter((t) => t.key).length;
      expect(keys, `${e.id} marks ${keys} timeline events key`).toBeLessThanOrEqual(4);
      if (timeline.length) expect(keys, `${e.id} marks no timeline event key`).toBeGreaterThan(0);
    }
    const simKeys = byId
      .get('sim')!
      .timeline!.filter((t) => t.key)
      .map((t) => t.date);
    expect(simKeys).toEqual(expect.arrayContaining(['2021-04-21', '2023-03-10']));
  });

  it('marks one to three key facts per entity, and the support line on crisis entries', () => {
    const wrong = dataset.entities
      .map((e) => [e.id, e.facts.filter((f) => f.key).length] as const)
      .filter(([, n]) => n < 1 || n > 3)
      .map(([id, n]) => `${id}: ${n} key facts`);
    expect(wrong).toEqual([]);
    const support = dataset.entities.filter((e) => e.support).map((e) => e.id);
    expect(support).toEqual(expect.arrayContaining(SUPPORT));
  });

  // The card's default view is the summary and the key facts; the budget (see
  // `tests/support/key-fact-budget.ts`, measured by the layout test in
  // `tests/dom/card-render.test.tsx`) is what fits the card unscrolled at 1280 × 800 and keeps the
  // key facts above the fold at 390 × 844. A long fact is split into single facts, not cut.
  it(`keeps key facts short (≤ ${KEY_FACT_CHARS} characters) and each default view within ${DEFAULT_VIEW_CHARS}`, () => {
    const long = dataset.entities.flatMap((e) =>
      e.facts.flatMap((f, i) =>
        f.key && f.text.length > KEY_FACT_CHARS
          ? [`${e.id} facts[${i}]: ${f.text.length} characters: "${f.text.slice(0, 50)}…"`]
          : [],
      ),
    );
    expect(long).toEqual([]);
    const over = dataset.entities.flatMap((e) => {
      const n = defaultViewChars(e);
      if (n <= DEFAULT_VIEW_CHARS) return [];
      const parts = e.facts.flatMap((f, i) =>
        f.key
          ? [
              `facts[${i}] ${f.text.length}` +
                (f.contested
                  ? ` + "Disputed by" ${f.contested.by.length + f.contested.note.length}`
                  : ''),
            ]
          : [],
      );
      return [`${e.id}: ${n} characters: summary ${e.summary.length}, key ${parts.join(', ')}`];
    });
    expect(over).toEqual([]);
  });

  it('labels facts supported only by the Mental Health @ Home post as a blog account', () => {
    const wrong = dataset.entities.flatMap((e) =>
      e.facts
        .filter((f) => f.sources.every((s) => s === 'S-MHAH') && f.evidence !== 'personal-account')
        .map((f) => `${e.id}: ${f.text}`),
    );
    expect(wrong).toEqual([]);
  });

  it("labels as claims the facts that rest only on the model's promoters", () => {
    const wrong = dataset.entities.flatMap((e) =>
      e.facts
        .filter(
          (f) =>
            f.sources.every((s) => sourceKind.get(s) === 'promoter-claim') &&
            f.evidence !== 'promoter-claim',
        )
        .map((f) => `${e.id}: ${f.text}`),
    );
    expect(wrong).toEqual([]);
  });

  it('records disagreements between parties, with both sides cited', () => {
    const contested = dataset.entities.flatMap((e) =>
      e.facts.filter((f) => f.contested).map((f) => ({ e: e.id, f })),
    );
    // Brief §6 and additions §4 list the disagreements; those between two parties are recorded
    // as `contested` (typos, date slips and a page's own inconsistency are notes in the text).
    expect(contested.length).toBeGreaterThanOrEqual(MIN_CONTESTED);
    const oneSided = contested
      .filter(({ f }) => f.contested!.sources.some((s) => f.sources.includes(s)))
      .map(({ e, f }) => `${e}: ${f.text}`);
    expect(oneSided).toEqual([]);
  });

  it('shows "Disputed by" only for a party, never a page, a line or a body disputing itself', () => {
    const wrong = dataset.entities.flatMap((e) =>
      e.facts
        .filter((f) => f.contested)
        .flatMap((f) => {
          const { by, sources } = f.contested!;
          const own = new Set(f.sources.map((s) => publisher.get(s)));
          if (NOT_A_PARTY.test(by)) return [`${e.id}: "${by}" is not a party`];
          if (sources.every((s) => own.has(publisher.get(s))))
            return [`${e.id}: "${by}" disputes only what its own publisher says`];
          return [];
        }),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps RightCare, Right Care Right Person and the look-alike HINs on separate cards', () => {
    const notes = (id: string) => (byId.get(id)!.notThisOne ?? []).map((n) => n.id);
    expect(notes('sim')).toContain('rightcare-hiu');
    expect(notes('high-intensity-users')).toContain('rightcare-hiu');
    expect(notes('rightcare-hiu')).toContain('sim');
    expect(notes('right-care-right-person')).toContain('sim');
    expect(notes('high-intensity-network')).toEqual(
      expect.arrayContaining(['health-innovation-network', 'ahsn-network']),
    );
    expect(notes('health-innovation-network')).toContain('high-intensity-network');
  });

  it('uses neutral, person-first wording outside quotation', () => {
    const STIGMA = [
      /frequent fl[iy]ers?/i,
      /manipulative/i,
      /attention[- ]seeking/i,
      /\bthe mentally ill\b/i,
      /\bmental patients?\b/i,
      /\bcommitted suicide\b/i,
      /\bsuffer(s|ing)? from\b/i,
      /\b(psycho|schizo|lunatics?|nutters?|crazy)\b/i,
      /\bborderlines\b/i,
      /\bpersonality[- ]disordered\b/i,
    ];
    const unquote = (t: string) => t.replace(/"[^"]*"|“[^”]*”|'[^']*'(?!\w)/g, '""');
    const hits = dataset.entities.flatMap((e) =>
      cardText(e)
        .map(unquote)
        .filter((t) => STIGMA.some((re) => re.test(t)))
        .map((t) => `${e.id}: ${t}`),
    );
    expect(hits).toEqual([]);
  });

  it('writes summaries of one or two sentences', () => {
    const long = dataset.entities
      .filter((e) => (e.summary.match(/(?<!\b[A-Z])[.!?](\s|$)/g) ?? []).length > 2)
      .map((e) => e.id);
    expect(long).toEqual([]);
  });
});
