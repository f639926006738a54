import { describe, expect, it } from 'vitest';
import { sinceOf, testDataset } from '../support/card-dataset.ts';
import '../support/card-i18n.ts';

const { copyText, escapeMarkdown } = await import('../../src/card/copy.ts');
const { citationsFor, safeUrl } = await import('../../src/card/citations.ts');
const { layersOf } = await import('../../src/card/view.ts');
const { loadDataset } = await import('../../src/dataset/load.ts');
const alpha = testDataset.entities[0]!;

describe('card layers', () => {
  it("shows the curator's key facts first, in date order; More groups the rest by date", () => {
    const l = layersOf(alpha);
    expect(l.key.map((f) => f.text)).toEqual([
      'Body A said the *scheme* must stop.',
      'Alpha runs in two areas.',
    ]);
    expect(l.events.map((f) => f.text)).toEqual([
      'Alpha was first tried in one town.',
      'Campaign B said it had support.',
    ]);
    expect(l.background).toEqual([]);
  });

  it('without key facts, shows the first facts of the dataset, within a length budget', () => {
    const plain = { ...alpha, facts: alpha.facts.map(({ key: _key, ...f }) => f) };
    expect(layersOf(plain).key.map((f) => f.text)).toEqual([
      'Campaign B said it had support.',
      'Body A said the *scheme* must stop.',
      'Alpha runs in two areas.',
    ]);
    const long = 'x'.repeat(300);
    const wordy = { ...plain, facts: plain.facts.map((f) => ({ ...f, text: long })) };
    expect(layersOf(wordy).key).toHaveLength(1);
  });
});

describe('copy with citations', () => {
  it('numbers sources by first citation in what is shown: the default view first, then More', () => {
    const shown = citationsFor(alpha, testDataset, 'shown');
    expect(shown.list.map((s) => s.id)).toEqual(['S-A', 'S-E']);
    expect(shown.num('S-D')).toBe(0);
    const full = citationsFor(alpha, testDataset, 'full');
    expect(full.list.map((s) => s.id)).toEqual(['S-A', 'S-E', 'S-D', 'S-B', 'S-C']);
    expect(full.num('S-C')).toBe(5);
    expect(full.num('nope')).toBe(0);
  });

  it('"Copy": what the card shows, with only its sources', () => {
    const text = copyText(alpha, testDataset, 'text', 'shown');
    expect(text).toBe(
      [
        'Alpha Scheme (Programme)',
        '',
        'A scheme used for testing the card.',
        '',
        'Key facts',
        '- Body A said the *scheme* must stop. [1] (Official statement, 10 Mar 2023)',
        '- Alpha runs in two areas. [2] (Primary document, as of March 2024)',
        '',
        'Sources',
        '[1] Body A, “Position” (letter), 10 Mar 2023. https://example.org/a',
        '[2] Trust E: Board minutes on Alpha, 5 Mar 2024. https://example.org/e',
        '',
        'From Context Cards (dataset 2099.01.01-test), entry reviewed 25 Nov 2026.',
        '',
      ].join('\n'),
    );
  });

  it('"Copy full entry": every fact, grouped as on the card, the timeline and every source', () => {
    const text = copyText(alpha, testDataset, 'text', 'full');
    expect(text).toBe(
      [
        'Alpha Scheme (Programme)',
        '',
        'A scheme used for testing the card.',
        '',
        'Key facts',
        '- Body A said the *scheme* must stop. [1] (Official statement, 10 Mar 2023)',
        '- Alpha runs in two areas. [2] (Primary document, as of March 2024)',
        '',
        'What happened',
        '- Alpha was first tried in one town. [3] (Journalism, 2013)',
        '- Campaign B said it had support. [4][1] (Campaign statement, 2021 – May 2022)',
        '  - Disputed by Reviewer C: the figures were not checked [5]',
        '',
        'Timeline',
        '- 2013 onwards: First used. [3]',
        '',
        'Sources',
        '[1] Body A, “Position” (letter), 10 Mar 2023. https://example.org/a',
        '[2] Trust E: Board minutes on Alpha, 5 Mar 2024. https://example.org/e',
        '[3] Archive D, “History”, 2013. https://example.org/d',
        '[4] Campaign B, “Campaign update”, Jun 2021.',
        '[5] Reviewer C, “Review”, undated. (mirror copy)',
        '',
        'From Context Cards (dataset 2099.01.01-test), entry reviewed 25 Nov 2026.',
        '',
      ].join('\n'),
    );
  });

  it('"since this article" is copied with the view it belongs to, numbered after the key facts', () => {
    const since = sinceOf('2016-10', [
      { date: '2023-03-10', text: 'Body A told trusts to stop.', sources: ['S-D'] },
    ]);
    const text = copyText(alpha, testDataset, 'text', 'shown', since);
    expect(text).toContain(
      'This article is from October 2016. Since then:\n- 10 Mar 2023: Body A told trusts to stop. [3]\n',
    );
    expect(text).toContain('[3] Archive D, “History”, 2013.');
  });

  it('says which present-state facts are newer than the article', () => {
    const since = sinceOf('2016-10', [], 0, [
      { index: 1, text: 'Alpha runs in two areas.', asOf: '2024-03', sources: ['S-E'] },
    ]);
    const text = copyText(alpha, testDataset, 'text', 'shown', since);
    expect(text).toContain(
      '- Alpha runs in two areas. [2] (Primary document, as of March 2024, newer than this article)',
    );
    expect(copyText(alpha, testDataset, 'text', 'shown')).not.toContain('newer than');
  });

  // Issue 26: titles in [brackets] in sources.json are the curator's descriptions; a reader sees
  // them as descriptions, in the card (tests/dom/card-render) and in everything copied from it.
  it('never shows a descriptive title in brackets, and names a publisher-only source once', () => {
    const live = loadDataset();
    const described = live.sources
      .map((s) => /^\s*\[(.*)\]\s*$/s.exec(s.title)?.[1]?.trim())
      .filter((d): d is string => !!d);
    expect(described.length).toBeGreaterThan(10);
    for (const e of live.entities) {
      const text = copyText(e, live, 'text', 'full');
      const md = copyText(e, live, 'markdown', 'full');
      for (const d of described) {
        expect(text).not.toContain(`[${d}]`);
        expect(md).not.toContain(`\\[${escapeMarkdown(d)}\\]`);
      }
    }
    const own = {
      ...testDataset,
      sources: testDataset.sources.map((s) =>
        s.id === 'S-A' ? { ...s, title: 'Body A', publisher: 'Body A' } : s,
      ),
    };
    const text = copyText(alpha, own, 'text', 'shown');
    expect(text).toContain('[1] Body A, 10 Mar 2023. https://example.org/a');
    expect(copyText(alpha, own, 'markdown', 'shown')).toContain(
      '1. Body A [Open](https://example.org/a), 10 Mar 2023.',
    );
  });

  it('Markdown: escaped text, linked titles, the same numbers', () => {
    const md = copyText(alpha, testDataset, 'markdown', 'full');
    expect(md).toContain('**Alpha Scheme** (Programme)');
    expect(md).toContain(
      '- Body A said the \\*scheme\\* must stop. [1] *(Official statement, 10 Mar 2023)*',
    );
    expect(md).toContain('1. Body A, [“Position”](https://example.org/a) (letter), 10 Mar 2023.');
    expect(md).toContain(
      '2. Trust E: [Board minutes on Alpha](https://example.org/e), 5 Mar 2024.',
    );
    expect(md).toContain('4. Campaign B, “Campaign update”, Jun 2021.'); // http: no link
    expect(md).toContain('- **2013 onwards**: First used. [3]');
    expect(md).not.toContain('http://');
    const shown = copyText(alpha, testDataset, 'markdown', 'shown');
    expect(shown).not.toContain('Timeline');
    expect(shown).toContain('*(Primary document, as of March 2024)*');
  });

  it('the SIM card: "Copy" is a paragraph or two; "Copy full entry" has everything', () => {
    const live = loadDataset();
    const sim = live.entities.find((e) => e.id === 'sim')!;
    const shown = copyText(sim, live, 'text', 'shown');
    const full = copyText(sim, live, 'text', 'full');
    const cited = citationsFor(sim, live, 'full').list;
    console.log(
      `[copy] SIM: Copy ${shown.length} characters, ${shown.split('\n').length} lines; ` +
        `Copy full entry ${full.length} characters, ${full.split('\n').length} lines, ` +
        `${cited.length} sources`,
    );
    expect(shown.length).toBeLessThan(2500);
    expect(shown).toContain(sim.summary);
    for (const f of layersOf(sim).key) expect(shown).toContain(f.text);
    for (const f of sim.facts) expect(full).toContain(f.text);
    for (const e of sim.timeline ?? []) expect(full).toContain(e.text);
    for (const s of cited) expect(full).toContain(s.publisher);
    expect(full).toContain(`[${cited.length}] `);
  });

  it('escapes Markdown, refuses non-https links, and reads bracketed titles as descriptions', () => {
    expect(escapeMarkdown('a_b [c] `d` <e> #f')).toBe('a\\_b \\[c\\] \\`d\\` \\<e\\> \\#f');
    expect(safeUrl('https://x.org/')).toBe('https://x.org/');
    expect(safeUrl('http://x.org/')).toBeUndefined();
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});
