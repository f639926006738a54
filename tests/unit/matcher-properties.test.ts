/**
 * Properties of the matcher over generated text: the trie (shipped) and the generated RegExp
 * (measured in the bench) find the same candidates; candidates are ordered and never overlap; and
 * every candidate's text is its alias (up to variants, case, a declared suffix or a hashtag);
 * and the lenient scan of a page's joined text nodes covers every candidate of every block.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/matcher/chars.ts';
import { createGate, createMatcher, gateSources } from '../../src/matcher/index.ts';
import { regexpScanner } from '../../src/matcher/regexp.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { compileTables, type MatchTables } from '../../src/dataset/tables.ts';
import { FIXTURE_TABLES as T, makeTables } from '../fixtures/engine/tables.ts';

const trie = createMatcher(T);
const regexp = createMatcher(T, { scanner: regexpScanner });

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
const text = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));

/** Text nodes joined with no separator, and where each begins (then the length). */
function layout(parts: string[]) {
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at);
    at += p.length;
  }
  starts.push(at);
  return { flat: parts.join(''), starts };
}

const key = (c: { start: number; end: number; entity: number }) =>
  `${c.start}-${c.end}:${c.entity}`;

describe('matcher properties', () => {
  it('the trie and the RegExp scanners find the same candidates', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(trie.candidates(t).map(key)).toEqual(regexp.candidates(t).map(key));
      }),
      { numRuns: 3000 },
    );
  });

  it('the two scanners agree on the real dataset, whose aliases take word suffixes ("users")', () => {
    const real = compileTables(loadDataset());
    const a = createMatcher(real);
    const b = createMatcher(real, { scanner: regexpScanner });
    const words = [
      ...real.aliases.map((x) => x.text),
      ...real.aliases.flatMap((x) => x.exclude),
      's',
      'S',
      "'s",
      'ers',
      ' ',
      ', ',
      'x',
    ];
    const realText = fc
      .array(fc.constantFrom(...words), { maxLength: 20 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(realText, (t) => {
        expect(a.candidates(t).map(key)).toEqual(b.candidates(t).map(key));
      }),
      { numRuns: 1500 },
    );
  });

  it('candidates are ordered, disjoint, and read as their alias', () => {
    fc.assert(
      fc.property(text, (t) => {
        const list = trie.candidates(t);
        let last = 0;
        for (const c of list) {
          expect(c.start).toBeGreaterThanOrEqual(last);
          expect(c.end).toBeGreaterThan(c.start);
          last = c.end;
          const alias = T.aliases[c.alias]!;
          let seen = normalise(t.slice(c.start, c.end));
          const forms = [normalise(alias.text), normalise(alias.text).replaceAll(' ', '')];
          const suffix = alias.suffixes.map((s) => normalise(s)).find((s) => seen.endsWith(s));
          const ok = (s: string) =>
            forms.some((f) => s === f || s === `#${f}` || (f.startsWith('#') && s === f));
          if (!ok(seen) && suffix) seen = seen.slice(0, -suffix.length);
          expect(ok(seen), `${JSON.stringify(t)} → ${JSON.stringify(seen)}`).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('lenient scan (the fast path of the page layer)', () => {
  it('covers every candidate of every block, whatever the text nodes and block borders', () => {
    // A page: blocks, each split into text nodes; the joined text has no separators.
    const page = fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(page, (blocks) => {
        const { flat, starts } = layout(blocks.flat());
        const hits: number[] = [];
        trie.lenient(flat, starts, hits);
        // Scanned in slices (as the page layer does on big pages), every span found in one go
        // is still covered.
        const sliced: number[] = [];
        for (let from = 0, step = 1 + (flat.length % 7); from < flat.length;)
          from = trie.lenient(flat, starts, sliced, Infinity, from, from + step);
        for (let h = 0; h < hits.length; h += 2) {
          const covered = sliced.some(
            (_, k) => k % 2 === 0 && sliced[k]! <= hits[h]! && hits[h]! < sliced[k + 1]!,
          );
          expect(covered, `sliced scan of ${JSON.stringify(flat)} @${hits[h]}`).toBe(true);
        }
        let offset = 0;
        for (const block of blocks) {
          const joined = block.join('');
          for (const c of trie.candidates(joined)) {
            const s = offset + c.start;
            const covered = hits.some((_, h) => h % 2 === 0 && hits[h]! <= s && s < hits[h + 1]!);
            expect(covered, `${JSON.stringify(flat)} @${s}`).toBe(true);
          }
          offset += joined.length;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('gate (one RegExp: could the page hold a mention?)', () => {
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
    ['the real dataset', compileTables(loadDataset())],
  ] as const) {
    const m = createMatcher(tables);
    const gate = createGate(gateSources(tables));
    it(`says "maybe" wherever the lenient scan finds a span (${name}), in one go or in slices`, () => {
      fc.assert(
        fc.property(page, fc.nat(40), (parts, step) => {
          const { flat, starts } = layout(parts);
          const hits: number[] = [];
          m.lenient(flat, starts, hits);
          if (hits.length === 0) return;
          expect(gate.maybe(flat, starts), JSON.stringify(parts)).toBe(true);
          // In slices: the slice where the first span's key starts (after any '#') says so.
          const size = 1 + step;
          const start = hits[0]! + (flat[hits[0]!] === '#' ? 1 : 0);
          const from = Math.floor(start / size) * size;
          expect(gate.maybe(flat, starts, from, from + size), JSON.stringify(parts)).toBe(true);
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('finds a key whose anchor a longer anchor covers, at the same place or overlapping', () => {
    const samePlace = makeTables([{ id: 'a', aliases: ['NHS', 'NHS England'] }]);
    const overlap = makeTables([
      { id: 'a', aliases: ['NHS England'] },
      { id: 'b', aliases: ['Englund'] },
    ]);
    const cases: [MatchTables, string, number[]][] = [
      // The anchor "nhs engl" is reported at "NHS Engla…", where only "NHS" is a mention.
      [samePlace, 'the NHS Englanders', []],
      // "englund" starts inside the text the anchor "nhs engl" matched.
      [overlap, 'NHS Englund', []],
      // A key starting at a junction inside a word ("xNHS" + "Engl…" after a block border).
      [overlap, 'xNHSEnglund', [4]],
      // …and ending at the next one ("xy" + "NHS" + "Englanders").
      [samePlace, 'xyNHSEnglanders', [2, 5]],
    ];
    for (const [tables, text, inner] of cases) {
      const m = createMatcher(tables);
      const gate = createGate(gateSources(tables));
      const starts = [0, ...inner, text.length];
      const hits: number[] = [];
      m.lenient(text, starts, hits);
      expect(hits.length, text).toBeGreaterThan(0);
      expect(gate.maybe(text, starts), text).toBe(true);
    }
  });

  it('says "no" to ordinary text: words that share a prefix with a name, or its lower case', () => {
    const gate = createGate(gateSources(compileTables(loadDataset())));
    const ordinary = [
      'It was simple and similar to the Sims. Health insurance is nice; the NHS said so.',
      'Within the thing, a community of users met the police and a mentor in the morning.',
      // Words a 12-character prefix let through on corpus pages (16 does not).
      'An association of members walked in the national park to talk about mental health services.',
    ].join(' ');
    expect(gate.maybe(ordinary, [0, ordinary.length])).toBe(false);
    for (const named of ['SIM', 'NHS England', 'Health Innovation Networks', '#StopSIM', 'NICE'])
      expect(gate.maybe(`A ${named} b`, [0, named.length + 4]), named).toBe(true);
  });
});
