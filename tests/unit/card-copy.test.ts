import { describe, expect, it } from 'vitest';
import { testDataset } from '../support/card-dataset.ts';
import '../support/card-i18n.ts';

const { copyText, escapeMarkdown } = await import('../../src/card/copy.ts');
const { citationsFor, safeUrl } = await import('../../src/card/citations.ts');
const alpha = testDataset.entities[0]!;

describe('copy with citations', () => {
  it('numbers sources by first citation: facts, contested notes, then the timeline', () => {
    const { list, num } = citationsFor(alpha, testDataset);
    expect(list.map((s) => s.id)).toEqual(['S-A', 'S-B', 'S-C', 'S-D']);
    expect(num('S-C')).toBe(3);
    expect(num('nope')).toBe(0);
  });

  it('plain text: facts with evidence, dates and numbers; sources listed; https links only', () => {
    const text = copyText(alpha, testDataset, 'text');
    expect(text).toBe(
      [
        'Alpha Scheme (Programme)',
        '',
        'A scheme used for testing the card.',
        '',
        'Key facts',
        '- Body A said the *scheme* must stop. [1] (Official statement, 10 Mar 2023)',
        '- Campaign B said it had support. [2][1] (Campaign statement, 2021 – May 2022)',
        '  - Disputed by Reviewer C: the figures were not checked [3]',
        '',
        'Timeline',
        '- 2013 onwards: First used. [4]',
        '',
        'Sources',
        '[1] Body A, “Position [letter]”, 10 Mar 2023. https://example.org/a',
        '[2] Campaign B, “Campaign update”, Jun 2021.',
        '[3] Reviewer C, “Review”, undated. (mirror copy)',
        '[4] Archive D, “History”, 2013. https://example.org/d',
        '',
        'From Context Cards (dataset 2099.01.01-test), entry reviewed 25 Nov 2026.',
        '',
      ].join('\n'),
    );
  });

  it('Markdown: escaped text, linked titles, the same numbers', () => {
    const md = copyText(alpha, testDataset, 'markdown');
    expect(md).toContain('**Alpha Scheme** (Programme)');
    expect(md).toContain(
      '- Body A said the \\*scheme\\* must stop. [1] *(Official statement, 10 Mar 2023)*',
    );
    expect(md).toContain('1. Body A, [Position \\[letter\\]](https://example.org/a), 10 Mar 2023.');
    expect(md).toContain('2. Campaign B, Campaign update, Jun 2021.'); // http: no link
    expect(md).toContain('- **2013 onwards**: First used. [4]');
    expect(md).not.toContain('http://');
  });

  it('escapes Markdown and refuses non-https links', () => {
    expect(escapeMarkdown('a_b [c] `d` <e> #f')).toBe('a\\_b \\[c\\] \\`d\\` \\<e\\> \\#f');
    expect(safeUrl('https://x.org/')).toBe('https://x.org/');
    expect(safeUrl('http://x.org/')).toBeUndefined();
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});
