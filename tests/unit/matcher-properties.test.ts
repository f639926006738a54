/**
 * Properties of the matcher over generated text: the trie (shipped) and the generated RegExp
 * (measured in the bench) find the same candidates; candidates are ordered and never overlap; and
 * every candidate's text is its alias (up to variants, case, a declared suffix or a hashtag);
 * and the lenient scan of a page's joined text nodes covers every candidate of every block.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/matcher/chars.ts';
import { createMatcher } from '../../src/matcher/index.ts';
import {
  ANCHOR_BRIDGE,
  ANCHOR_MAX,
  ANCHOR_REACH,
  anchorOf,
} from '../../src/matcher/gate-sources.ts';
import { regexpScanner } from '../../src/matcher/regexp.ts';
import { loadDataset } from '../../src/dataset/load.ts';
import { compileTables } from '../../src/dataset/tables.ts';
import { FIXTURE_TABLES as T } from '../fixtures/engine/tables.ts';
import { gateCases, layout, text } from '../support/matcher-text.ts';

const trie = createMatcher(T);
const regexp = createMatcher(T, { scanner: regexpScanner });

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

describe('gate (could the page hold a mention?), case-sensitive keys in patterns of their own', () => {
  gateCases(it, { modifiers: false }, compileTables(loadDataset()));
});

describe('gate anchors: rare windows of a key, so that ordinary text rarely gets through', () => {
  const common = (counts: Record<string, number>) => (w: string) => counts[w] ?? 1;
  it('a short key is its own anchor; a hashtag its # and first characters', () => {
    expect(anchorOf('nhs england')).toEqual({ text: 'nhs england', start: 0 });
    expect(anchorOf('nhsengland', true).text).toBe('#nhsengl');
  });
  it('crosses function words to the next word, never starts on one', () => {
    // "emergency" alone is common in news; "accident and eme" is not.
    expect(anchorOf('accident and emergency', false, common({ emergency: 3 })).text).toBe(
      'accident and eme',
    );
    expect(anchorOf('modernising the mental health act', false, common({ mental: 6 })).text).toBe(
      'modernising the men',
    );
  });
  it('prefers a window across words, then the rarest words among the keys, then the latest', () => {
    const c = common({ mental: 6, health: 8, national: 4 });
    expect(anchorOf('emergency department', false, c).text).toBe('emergency dep');
    expect(anchorOf('police muscle in on mental healthcare', false, c).text).toBe(
      'muscle in on men',
    );
    expect(anchorOf('national partnership agreement', false, c).text).toBe('partnership agr');
    expect(anchorOf('royal college of psychiatrists').text).toBe('college of psy');
  });
  it('starts within ANCHOR_REACH characters of the key and is at most ANCHOR_BRIDGE long', () => {
    for (const a of compileTables(loadDataset()).aliases) {
      const k = normalise(a.text).replace(/^#/, '');
      const { text, start } = anchorOf(k);
      expect(k.slice(start, start + text.length)).toBe(text);
      expect(start).toBeLessThan(ANCHOR_REACH);
      expect(text.length).toBeLessThanOrEqual(Math.max(ANCHOR_BRIDGE, ANCHOR_MAX));
    }
  });
});
