/**
 * Generated text for the matcher's property tests, and the gate's cases, shared by the Node tests
 * (case-sensitive keys in patterns of their own) and the browser tests (in the same patterns as
 * the rest, with RegExp modifiers, as the extension builds them where the browser has them).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { MatchTables } from '../../src/dataset/tables.ts';
import type { GateOptions } from '../../src/matcher/gate-sources.ts';
import { createGate, createMatcher, gateSources } from '../../src/matcher/index.ts';
import { FIXTURE_TABLES as T, makeTables } from '../fixtures/engine/tables.ts';

const phrases = [
  ...T.aliases.map((a) => a.text),
  ...T.aliases.flatMap((a) => a.exclude),
  ...T.aliases.flatMap((a) => a.context?.cues ?? []),
];
const recase = (s: string, mode: number) =>
  mode === 0 ? s : mode === 1 ? s.toLowerCase() : mode === 2 ? s.toUpperCase() : s;
const fragment = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom(...phrases), fc.nat(5)).map(([p, m]) => recase(p, m)),
  },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      ' ',
      ' ',
      '\u00a0',
      '\u2009',
      '\n',
      // NEL and the line separator are spaces to the matcher; NEL is not one to `\s`.
      '\x85',
      '\u2028',
      '\u3000',
      '\t',
      ' \n  ',
      ', ',
      '. ',
      "'s",
      '’s',
      "'S",
      '#',
      '-',
      '–',
      '(',
      ')',
      'x',
      'é',
      'ï',
      'Sim',
      'NHS',
      'England',
      'Integrated',
      'the',
      '1',
      '_',
    ),
  },
);
export const text = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));

/** Text nodes joined with no separator, and where each begins (then the length). */
export function layout(parts: string[]) {
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at);
    at += p.length;
  }
  starts.push(at);
  return { flat: parts.join(''), starts };
}

type It = (name: string, fn: () => void) => void;

/**
 * The gate's cases: an anchor wherever the lenient scan finds a span (so text the anchors turn
 * away has no lenient span), and "no" to ordinary text.
 */
export function gateCases(it: It, options: GateOptions, real: MatchTables, runs = 3000): void {
  // Text nodes of a page, joined with no separator, with invisible characters and the Kelvin
  // sign (which lower-cases to "k") thrown in.
  const odd = fc.constantFrom('\u00ad', '\u200b', '\ufeff', '\u212a', 'K', 'k', 'SIM', 'ers');
  const nodeText = fc
    .array(fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: odd }), {
      maxLength: 4,
    })
    .map((p) => p.join(''));
  const page = fc.array(nodeText, { minLength: 1, maxLength: 8 });

  for (const [name, tables] of [
    ['fixture tables', T],
    ['the real dataset', real],
  ] as const) {
    const m = createMatcher(tables);
    const gate = createGate(gateSources(tables, options));
    it(`finds an anchor wherever the lenient scan finds a span (${name}), in one go or in slices`, () => {
      fc.assert(
        fc.property(page, fc.nat(40), (parts, step) => {
          const { flat, starts } = layout(parts);
          const hits: number[] = [];
          m.lenient(flat, starts, hits);
          if (hits.length === 0) return;
          // The anchors know no junction: the text alone.
          expect(gate.anchored(flat), JSON.stringify(parts)).toBe(true);
          // In slices: the slice where each span's key starts (after any '#') says so.
          const size = 1 + step;
          for (let h = 0; h < hits.length; h += 2) {
            const start = hits[h]! + (flat[hits[h]!] === '#' ? 1 : 0);
            const from = Math.floor(start / size) * size;
            expect(gate.anchored(flat, from, from + size), JSON.stringify(parts)).toBe(true);
          }
        }),
        { numRuns: runs },
      );
    });
  }

  it('finds a key whose anchor a longer anchor covers (at the same place or overlapping), and keys across spaces of any kind', () => {
    const samePlace = makeTables([{ id: 'a', aliases: ['NHS', 'NHS England'] }]);
    const overlap = makeTables([
      { id: 'a', aliases: ['NHS England'] },
      { id: 'b', aliases: ['Englund'] },
    ]);
    const spaced = makeTables([{ id: 'a', aliases: ['NHS England'] }]);
    const bothCases = makeTables([
      { id: 'a', aliases: ['Sim'] },
      { id: 'b', aliases: [{ text: 'SIMON', caseSensitive: true }] },
    ]);
    const cases: [MatchTables, string, number[]][] = [
      // "NHS" and the longer key beside it, whose anchor is reported there.
      [samePlace, 'the NHS Englanders', []],
      // The anchor of "Englund" starts inside the text another anchor matched.
      [overlap, 'NHS Englund', []],
      // A key starting at a junction inside a word ("xNHS" + "Engl…" after a block border).
      [overlap, 'xNHSEnglund', [4]],
      // …and ending at the next one ("xy" + "NHS" + "Englanders").
      [samePlace, 'xyNHSEnglanders', [2, 5]],
      // In one pattern with modifiers, the anchor "sim" (any case) is tried first at "SIMON",
      // where only the case-sensitive "SIMON" is a mention.
      [bothCases, 'SIMON said', []],
      // Spaces the matcher reads as one: NEL (which `\s` is not), and a run of several kinds (in a
      // table without "NHS", which would let the text through on its own).
      [spaced, 'NHS\x85England', []],
      [spaced, 'the NHS \u2028\x85\n\tEngland', []],
      // A key at a junction inside a word, far after a long run of spaces (which the anchors'
      // text has made one space: places found there are mapped back).
      [overlap, `${' \n'.repeat(100)}xNHSEnglund`, [204]],
    ];
    for (const [tables, text, inner] of cases) {
      const m = createMatcher(tables);
      const gate = createGate(gateSources(tables, options));
      const starts = [0, ...inner, text.length];
      const hits: number[] = [];
      m.lenient(text, starts, hits);
      expect(hits.length, text).toBeGreaterThan(0);
      expect(gate.anchored(text), text).toBe(true);
    }
  });

  it('says "no" to ordinary text: words that share a prefix with a name, or its lower case', () => {
    const gate = createGate(gateSources(real, options));
    const ordinary = [
      'It was simple and similar to the Sims. Health insurance is nice; the NHS said so.',
      'Within the thing, a community of users met the police and a mentor in the morning.',
      // Words a 12-character prefix let through on corpus pages (16 does not).
      'An association of members walked in the national park to talk about mental health services.',
    ].join(' ');
    expect(gate.anchored(ordinary)).toBe(false);
    for (const named of ['SIM', 'NHS England', 'Health Innovation Networks', '#StopSIM', 'NICE'])
      expect(gate.anchored(`A ${named} b`), named).toBe(true);
  });
}
