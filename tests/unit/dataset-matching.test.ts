/**
 * The dataset's alias rules, run through the real matcher on short passages written for the
 * purpose (not copied from any article): ambiguous aliases (SIM, HIN, BPD, BPS, RCN, RCRP, NICE,
 * s136, personal names…) mark only with their cues, look-alikes never mark, and the expanded forms
 * of CPN, CBO, RCP, ACP and NIA are the only forms that mark. This is the data half of the
 * false-positive budget; `tests/e2e/corpus.e2e.ts` holds the budget on the 20 real news pages.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { compileTables } from '../../src/dataset/tables.ts';
import { createMatcher, matchBlocks } from '../../src/matcher/index.ts';

const tables = compileTables(loadDataset());
const matcher = createMatcher(tables);

/** `text → entity id` for every mention on a page made of these blocks. */
function marks(...blocks: string[]): string[] {
  return matchBlocks(matcher, blocks).flatMap((list, b) =>
    list.map((m) => `${blocks[b]!.slice(m.start, m.end)} → ${tables.entities[m.entity]!.id}`),
  );
}

describe('alias rules: look-alikes never mark', () => {
  it.each([
    [
      'phones',
      'Buy a SIM card, a SIM-only deal or a dual SIM phone; police warned of SIM swap fraud.',
    ],
    [
      'SIM farms and registration',
      'The consultation covers SIM farms, and SIM registration began in 2022.',
    ],
    ['a US programme', "Connecticut's State Innovation Model (SIM) funded primary care."],
    [
      'nurses called CPN',
      "The CPN visited twice a week; the community mental health team's CPN agreed.",
    ],
    [
      'other RCP, ACP, NIA, CBO',
      'The RCP guideline on asthma changed; an ACP saw her; NIA funding rose; the CBO said so.',
    ],
    ['bare HIN', 'HIN is also a ticker symbol.'],
    [
      'another Act',
      'Under section 136 of the Companies Act a director files accounts; s136 applies.',
    ],
    ['an author', 'Paul Jennings wrote Unreal! and many other books for children.'],
    [
      'other people in police, NHS and mental-health stories (audit M2)',
      'Paul Jennings, a police officer in Kent, spoke about mental health calls. Claire Murdoch, a mental health nurse, ran the ward. Professor Allan House wrote on self-harm and psychiatry.',
    ],
    [
      'a tech executive',
      'Tim Kendall, a former social media executive, spoke about screen time and mental health.',
    ],
    ['a footballer', 'Claire Murdoch scored twice for the county side.'],
    [
      'basis points and a police department',
      'The Fed raised rates by 25 bps. BPD officers arrested two men.',
    ],
    [
      'A&E elsewhere',
      'The A&E network aired a documentary. She works in the emergency department in Boston.',
    ],
    ['nice', 'It was a nice day, and NICE weather. The Morning Star rose over the hills.'],
    [
      'generic NHS terms outside the SIM story (audit M8)',
      'NICE guidance recommends the cancer drug; a NICE guideline on hypertension followed. ' +
        'The A&E crisis deepened this winter, and people in a mental health crisis waited days in A&E. ' +
        'File on 4 investigated mental health care in prisons. She became an NIA Fellow at the National Institute on Aging.',
    ],
    [
      'a building',
      'Allan House is a listed building. The National Partnership Agreement on trade was signed.',
    ],
    ['other Serenity', 'Serenity Spa offers yoga, and Operation Overlord began in 1944.'],
    [
      'other high intensity',
      'High intensity interval training suits high intensity users of gyms.',
    ],
    ['care coordinators elsewhere', 'A care coordinator at the GP surgery arranged the visit.'],
    [
      'care coordinators near the police (audit M7: never carded on their own)',
      'The inquest heard that her care coordinator had called the police twice.',
    ],
    ['a generic bill', 'The Mental Health Bill in the state legislature was debated.'],
    ['Rethink the verb', 'Ministers should rethink mental illness services, campaigners said.'],
    [
      'lower-case prose that reads like a name or title',
      'A new centre for mental health research opened; NHS improvement plans say people are punished for being mentally ill, and criminal sanctions for suicidality are wrong.',
    ],
  ])('%s', (_name, text) => {
    expect(marks(text)).toEqual([]);
  });
});

describe('alias rules: the right entity marks, with its cues', () => {
  it('SIM with SIM cues, and never "SIM card"', () => {
    expect(
      marks(
        'The StopSIM campaign said SIM should be halted, and NHS England agreed in 2023.',
        'Serenity Integrated Mentoring (SIM) put police officers in mental health teams.',
        'She bought a SIM card.',
      ),
    ).toEqual([
      'StopSIM → stopsim',
      'SIM → sim',
      'NHS England → nhs-england',
      'Serenity Integrated Mentoring → sim',
      'SIM → sim',
    ]);
  });

  it('the misnaming "Serenity Integrated Monitoring" and a possessive', () => {
    expect(marks("Serenity Integrated Monitoring's critics spoke to the i newspaper.")).toEqual([
      "Serenity Integrated Monitoring's → sim",
      'the i newspaper → inews',
    ]);
  });

  it('bare SIM anywhere once the page names the scheme in full (long form)', () => {
    expect(
      marks('Serenity Integrated Mentoring was withdrawn.', 'Trusts that used SIM were asked why.'),
    ).toEqual(['Serenity Integrated Mentoring → sim', 'SIM → sim']);
  });

  it('HIN only with "High Intensity" spelled out nearby', () => {
    expect(
      marks(
        'The High Intensity Network (HIN) closed in 2021.',
        'HIN had trained officers.',
        'The Health Innovation Network evaluated the scheme in south London.',
      ),
    ).toEqual([
      'High Intensity Network → high-intensity-network',
      'HIN → high-intensity-network',
      'Health Innovation Network → health-innovation-network',
    ]);
  });

  it('people only in context', () => {
    expect(
      marks(
        'Sgt Paul Jennings developed the model.',
        'Professor Tim Kendall wrote to trusts; Tim Kendall, of NHS England, agreed.',
        'Claire Murdoch, chief executive of CNWL, co-signed it.',
      ),
    ).toEqual([
      'Sgt Paul Jennings → paul-jennings',
      'Professor Tim Kendall → tim-kendall',
      'Tim Kendall → tim-kendall',
      'NHS England → nhs-england',
      'Claire Murdoch → claire-murdoch',
      'CNWL → cnwl',
    ]);
  });

  it('section 136 near the Mental Health Act or the police', () => {
    expect(marks('Police used s136 of the Mental Health Act.')).toEqual(['s136 → section-136']);
  });

  it('legal tools in their expanded forms only', () => {
    expect(
      marks(
        'A Criminal Behaviour Order (CBO) and a Community Protection Notice (CPN) were issued, and a "Community Behaviour Order" was mentioned.',
      ),
    ).toEqual([
      'Criminal Behaviour Order → criminal-behaviour-order',
      'Community Protection Notice → community-protection-notice',
      'Community Behaviour Order → community-behaviour-order',
    ]);
  });

  it('professional bodies: full names, and abbreviations only with their cues', () => {
    expect(
      marks(
        'The Royal College of Psychiatrists (RCPsych) and the British Psychological Society spoke; BPS psychologists agreed.',
        'The Association of Clinical Psychologists (ACP) and the NHS Innovation Accelerator (NIA) were named.',
      ),
    ).toEqual([
      'Royal College of Psychiatrists → rcpsych',
      'RCPsych → rcpsych',
      'British Psychological Society → bps',
      'BPS → bps',
      'Association of Clinical Psychologists → acp-uk',
      'NHS Innovation Accelerator → nhs-innovation-accelerator',
    ]);
  });

  it('the spelling "NHS Right Care" (audit M13) is NHS RightCare', () => {
    expect(marks('The roll-out was commissioned by NHS Right Care, the statement said.')).toEqual([
      'NHS Right Care → nhs-rightcare',
    ]);
  });

  it('RightCare High Intensity User programme is not SIM', () => {
    expect(marks("NHS RightCare's High Intensity User programme began in Blackpool.")).toEqual([
      "NHS RightCare's → nhs-rightcare",
      'High Intensity User programme → rightcare-hiu',
    ]);
    expect(marks("SIM's high intensity users were flagged by police.")).toEqual([
      "SIM's → sim",
      'high intensity users → high-intensity-users',
    ]);
  });

  it('guidance, the 2025 Act and Right Care, Right Person', () => {
    expect(
      marks(
        'NICE guidance on self-harm (NG225) replaced CG16 and CG133.',
        'Right Care, Right Person (RCRP) changes how police respond to mental health calls.',
        'The Mental Health Act 2025 received Royal Assent.',
      ),
    ).toEqual([
      'NICE → nice-guidance',
      'NG225 → nice-guidance',
      'CG16 → nice-guidance',
      'CG133 → nice-guidance',
      'Right Care, Right Person → right-care-right-person',
      'RCRP → right-care-right-person',
      'Mental Health Act 2025 → mental-health-act-2025',
    ]);
  });

  it('Mind, the charity, only beside charity words; never the ordinary word', () => {
    expect(
      marks(
        'Medact wrote to NHS England alongside Mind, NSUN and WISH.',
        'Charities like Rethink and Mind heard from people affected.',
        'Mind you, the charity gala was fun. Mind the gap. Keep your mind on it. Mind games.',
        'Medact published Criminalising Distress in April 2024, calling for the joint StopSIM policy to be published.',
      ),
    ).toEqual([
      'Medact → medact',
      'NHS England → nhs-england',
      'Mind → mind',
      'NSUN → nsun',
      'Rethink → rethink-mental-illness',
      'Mind → mind',
      'Medact → medact',
      'Criminalising Distress → criminalising-distress-2024',
      'joint StopSIM policy → joint-stopsim-policy',
    ]);
  });

  it('A&E only beside SIM (audit M8), BPD in a mental-health context', () => {
    expect(
      marks(
        'A woman with BPD was turned away from A&E in a mental health crisis because she was flagged under SIM.',
      ),
    ).toEqual(['BPD → borderline-personality-disorder', 'A&E → a-and-e', 'SIM → sim']);
  });
});

describe('cue vocabulary', () => {
  it('has no cue inside another cue (the cue scan takes the longest cue at each place)', () => {
    const cues = [
      ...new Set(tables.aliases.flatMap((a) => a.context?.cues ?? []).map((c) => c.toLowerCase())),
    ];
    const inside = cues.flatMap((a) =>
      cues
        .filter(
          (b) =>
            b !== a &&
            new RegExp(
              `(^|[^\\p{L}\\p{N}])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
              'u',
            ).test(b),
        )
        .map((b) => `"${a}" inside "${b}"`),
    );
    expect(inside).toEqual([]);
  });
});
