/**
 * The matcher's rules, one by one, against the engine's own fixture tables: word boundaries,
 * case, typographic variants, suffixes, longest match, hashtags, cues, windows, long forms and
 * exclusions.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher, matchBlocks, type Mention } from '../../src/matcher/index.ts';
import { isWordCode, normalise, quickWordFlag, WORD_RE } from '../../src/matcher/chars.ts';
import { FIXTURE_TABLES as T, entityId } from '../fixtures/engine/tables.ts';

const matcher = createMatcher(T);

/** Mentions of a page given as blocks: `[text, entity id, rule]` per mention. */
function page(...blocks: string[]) {
  return matchBlocks(matcher, blocks).flatMap((list, b) =>
    list.map((m: Mention) => [
      blocks[b]!.slice(m.start, m.end),
      entityId(T, m.entity),
      m.reason.rule,
    ]),
  );
}
/** The text of each mention in one block. */
const texts = (text: string) => page(text).map((m) => m[0]);

describe('word boundaries', () => {
  it('matches whole words only', () => {
    expect(texts('NHSE and NHS said')).toEqual(['NHSE', 'NHS']);
    expect(texts('SIMON and ASIM met the NHSEX board')).toEqual([]);
    expect(texts('(NHS England), "NHS England". NHS England!')).toHaveLength(3);
  });

  it('treats Unicode letters as word characters', () => {
    expect(texts('Anaïs and Ana met; Zoë Project and Zoë Projecté')).toEqual([
      'Ana',
      'Zoë Project',
    ]);
    expect(texts('ÀNHS England')).toEqual([]);
    expect(texts('NHS Englandé, then NHS')).toEqual(['NHS', 'NHS']);
  });

  it('classifies the common blocks beyond ASCII as Unicode does, without its RegExp', () => {
    const wrong: string[] = [];
    let answered = 0;
    for (let c = 0x80; c < 0x3000; c++) {
      const quick = quickWordFlag(c);
      if (quick === undefined) continue;
      answered++;
      const ch = String.fromCharCode(c);
      if ((quick !== 0) !== WORD_RE.test(ch) || isWordCode(c) !== WORD_RE.test(ch))
        wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    // Latin-1, Latin Extended-A and -B, IPA, combining marks, general punctuation.
    expect(answered).toBe(0x2b0 - 0x80 + 0x70 + 0x70);
  });

  it('matches aliases that start or end with punctuation', () => {
    expect(texts('ACP-UK said')).toEqual(['ACP-UK']);
    expect(texts('ACP-UKX said')).toEqual([]);
  });
});

describe('case rules', () => {
  it('keeps case where the alias is case-sensitive', () => {
    expect(texts('the nhs, Nhs and NHS')).toEqual(['NHS']);
    expect(texts('Sim, sim and SIM, with the police')).toEqual(['SIM']);
  });
  it('ignores case elsewhere', () => {
    expect(texts('NHS ENGLAND, nhs england and stopSim')).toEqual([
      'NHS ENGLAND',
      'nhs england',
      'stopSim',
    ]);
  });
});

describe('typographic variants', () => {
  it('accepts any space, no-break and thin spaces, and line breaks', () => {
    expect(
      texts('NHS\u00a0England; NHS\u2009England; NHS\u202fEngland; NHS\n  England; NHS\tEngland'),
    ).toHaveLength(5);
    expect(texts('Serenity\n      Integrated   Mentoring')).toEqual([
      'Serenity\n      Integrated   Mentoring',
    ]);
  });
  it('treats curly and straight apostrophes alike', () => {
    expect(texts("NHS England’s plan and NHS England's plan")).toEqual([
      'NHS England’s',
      "NHS England's",
    ]);
  });
  it('treats hyphens and dashes alike', () => {
    expect(texts('ACP–UK and ACP‑UK and ACP\u2010UK')).toHaveLength(3);
    expect(texts('A SIM–only deal from the police')).toEqual([]);
  });
  it('skips soft hyphens and zero-width spaces inside a name', () => {
    expect(texts('Sere\u00adnity Integrated Men\u200btoring')).toEqual([
      'Sere\u00adnity Integrated Men\u200btoring',
    ]);
  });
  it('normalises phrases the same way as text', () => {
    expect(normalise('  NHS\u00a0England’s ')).toBe("nhs england's");
    expect(normalise('NHS England’s', true)).toBe("NHS England's");
  });
});

describe('declared suffixes', () => {
  it('extends a mention over a possessive', () => {
    expect(texts("StopSIM's petition and StopSIM’S reply")).toEqual(["StopSIM's", 'StopSIM’S']);
  });
  it('only where declared and only as a whole word', () => {
    expect(texts("RCPsych's view")).toEqual(['RCPsych']);
    expect(texts("NHS England'sx")).toEqual(['NHS England']);
    expect(texts('NHS Englands')).toEqual(['NHS']);
  });
});

describe('longest match', () => {
  it('prefers the longest alias at a position', () => {
    expect(page('NHS England said')).toEqual([['NHS England', 'nhs-england', 'alias']]);
    expect(page('The StopSIM Coalition')).toEqual([['StopSIM Coalition', 'stopsim', 'alias']]);
  });
  it('falls back to a shorter alias when the longer one fails its boundary', () => {
    expect(page('NHS Englandish')).toEqual([['NHS', 'nhs', 'alias']]);
  });
  it('never overlaps mentions', () => {
    const list = matchBlocks(matcher, ['StopSIM StopSIM Coalition NHS England NHS'])[0]!;
    for (let i = 1; i < list.length; i++)
      expect(list[i]!.start).toBeGreaterThanOrEqual(list[i - 1]!.end);
    expect(list).toHaveLength(4);
  });
});

describe('hashtags', () => {
  it('marks a hashtag with its #', () => {
    expect(page('Join #StopSIM today')).toEqual([['#StopSIM', 'stopsim', 'alias']]);
    expect(page('Join #stopsim today')).toEqual([['#stopsim', 'stopsim', 'alias']]);
    expect(page('#NHSEngland and #RCPsych')).toEqual([
      ['#NHSEngland', 'nhs-england', 'alias'],
      ['#RCPsych', 'rcpsych', 'alias'],
    ]);
  });
  it('still prefers the longest name after a #', () => {
    expect(page('#StopSIM Coalition and StopSIM')).toEqual([
      ['#StopSIM Coalition', 'stopsim', 'alias'],
      ['StopSIM', 'stopsim', 'alias'],
    ]);
    expect(matchBlocks(matcher, ['#StopSIM'])[0]![0]!.reason.alias).toBe('#StopSIM');
  });
  it('joins the words of a name only after a #', () => {
    expect(texts('NHSEngland')).toEqual([]);
    expect(texts('#SerenityIntegratedMentoring')).toEqual(['#SerenityIntegratedMentoring']);
  });
});

describe('disambiguation', () => {
  it('marks an ambiguous alias when a cue is in its block, and says which', () => {
    const [m] = matchBlocks(matcher, ['Police in Hampshire ran SIM for years.'])[0]!;
    expect(m?.reason).toEqual({ rule: 'cues', alias: 'SIM', cues: ['police'] });
  });
  it('does not mark it when the cue is in another block', () => {
    expect(page('Police in Hampshire.', 'SIM was used.')).toEqual([]);
  });
  it('does not count the mention itself as its cue', () => {
    expect(page('Paul Jennings said')).toEqual([]);
    expect(page('Paul Jennings said SIM was his model')).toEqual([
      ['Paul Jennings', 'paul-jennings', 'cues'],
    ]);
  });
  it('marks it when a long form of its entity is anywhere on the page', () => {
    const blocks = ['A CPN was issued.', 'What is a Community Protection Notice?'];
    const mentions = matchBlocks(matcher, blocks);
    expect(mentions[0]![0]?.reason).toEqual({
      rule: 'long-form',
      alias: 'CPN',
      cues: [],
      longForm: 'Community Protection Notice',
    });
    expect(page('A CPN, the community psychiatric nurse, called.')).toEqual([]);
  });
  it('does not use a long form where the rule says not to', () => {
    expect(page('Section 136 applies.', 'section 136 powers')).toEqual([]);
  });
  it('measures a numeric window across blocks', () => {
    const near = ['Officers used section 136.', 'It is a Mental Health Act power.'];
    expect(page(...near)).toEqual([['section 136', 's136', 'cues']]);
    const far = ['Officers used section 136.', 'x'.repeat(300), 'It is a Mental Health Act power.'];
    expect(page(...far)).toEqual([]);
    const farInBlock = `section 136 ${'word '.repeat(40)} place of safety`;
    expect(page(farInBlock)).toEqual([]);
  });
  it('picks the entity whose cues are present when two share an alias', () => {
    expect(page('HIN, the south London AHSN')).toEqual([
      ['HIN', 'health-innovation-network', 'cues'],
    ]);
    expect(page('HIN, the High Intensity outfit')).toEqual([['HIN', 'hin', 'cues']]);
    expect(page('HIN said', 'The High Intensity Network')[0]).toEqual(['HIN', 'hin', 'long-form']);
  });
});

describe('exclusions', () => {
  it('never marks an exclusion phrase, whatever the cues', () => {
    expect(
      texts('The police said: buy a SIM card, SIM cards, a SIM‑only deal, a SIM farm; NHS too.'),
    ).toEqual(['NHS']);
    expect(texts('The Sims, said the police about SIM')).toEqual(['SIM']);
    expect(texts('Under section 136 of the Companies Act, the police…')).toEqual([]);
    expect(texts('Under section 136 of the Mental Health Act')).toEqual(['section 136']);
  });
});

describe('scale', () => {
  it('compiles 10,000 aliases and still finds the right ones', () => {
    const many = createMatcher({
      ...T,
      aliases: [
        ...T.aliases,
        ...Array.from({ length: 10_000 }, (_, i) => ({
          text: `Trust Number ${i}`,
          entity: 0,
          caseSensitive: false,
          suffixes: [],
          exclude: [],
        })),
      ],
    });
    const [list] = matchBlocks(many, ['Trust Number 9999 and NHS England, Trust Number 12x']);
    expect(list!.map((m) => m.reason.alias)).toEqual(['Trust Number 9999', 'NHS England']);
  });
});
