/**
 * "Report a problem" (src/shared/problem-report.ts): the report's text, the page's address only
 * when the reader ticked it, the destination setting, and prefilled tracker and mailto addresses
 * that decode to the report and stay within their length limits.
 */
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  MAX_URL,
  parseDestination,
  reportableAddress,
  type ReportInput,
} from '../../src/shared/problem-report.ts';
import { REPORT_TO } from '../../src/shared/report-to.ts';

const PAGE = 'https://news.example/2021/06/15/scheme-halted?id=7&utm_source=feed#comments';
const base: ReportInput = {
  entry: { id: 'stopsim', name: 'StopSIM' },
  fact: { index: 2, text: 'StopSIM said the scheme\nshould be halted.' },
  dataset: { version: '2026.11.25', hash: 'abcdef123456' },
  words: '  The date is wrong: it was 2021, not 2020.\r\nSee the letter.  ',
  page: PAGE,
  includePage: false,
};
const GITHUB = parseDestination('https://github.com/example-owner/example-repo/issues/new')!;
const MAIL = parseDestination('mailto:reports@example.org')!;

describe('the report', () => {
  it('names the entry, the fact, the dataset and the reader’s words, as plain text', () => {
    const r = buildReport(base);
    expect(r.title).toBe('Report: StopSIM, fact 3');
    expect(r.text).toBe(
      [
        'Entry: StopSIM (stopsim)',
        'Fact 3 (facts[2]): StopSIM said the scheme should be halted.',
        'Dataset: 2026.11.25 (abcdef123456)',
        '',
        'What is wrong:',
        'The date is wrong: it was 2021, not 2020.\nSee the letter.',
      ].join('\n'),
    );
    expect(r.url).toBeUndefined();
    expect(r.shortened).toBe(false);
  });

  it('about the entry as a whole, and with nothing written', () => {
    const r = buildReport({ ...base, fact: undefined, words: ' \n ' });
    expect(r.title).toBe('Report: StopSIM');
    expect(r.text).not.toContain('Fact');
    expect(r.text.endsWith('What is wrong:\n(nothing written)')).toBe(true);
  });

  it('carries the page’s address only when the reader ticked it', () => {
    const host = 'news.example';
    for (const destination of [undefined, GITHUB, MAIL]) {
      const unticked = buildReport({ ...base, destination });
      expect(unticked.text).not.toContain(host);
      expect(unticked.title).not.toContain(host);
      expect(unticked.url ?? '').not.toContain(host);
      const ticked = buildReport({ ...base, includePage: true, destination });
      expect(ticked.text).toContain('Page: https://news.example/2021/06/15/scheme-halted?id=7\n');
      if (destination) expect(decodeURIComponent(ticked.url!)).toContain(host);
    }
    // Ticked without an address: nothing to add.
    expect(buildReport({ ...base, includePage: true, page: undefined }).text).not.toContain(
      'Page:',
    );
  });

  it('keeps a page address to what identifies the page', () => {
    expect(reportableAddress(PAGE)).toBe('https://news.example/2021/06/15/scheme-halted?id=7');
    expect(reportableAddress('https://user:secret@news.example/a?fbclid=x&gclid=y')).toBe(
      'https://news.example/a',
    );
    // Read as text (a Firefox content script cannot iterate `searchParams`): other parameters
    // are kept as written, encoded names are recognised.
    expect(reportableAddress('https://news.example/a?q=a%20b+c&utm%5Fmedium=x&Fbclid=1&')).toBe(
      'https://news.example/a?q=a%20b+c',
    );
    expect(reportableAddress('https://news.example/a?utm_source=x')).toBe('https://news.example/a');
    expect(reportableAddress('file:///home/reader/saved.html')).toBeUndefined();
    expect(reportableAddress('chrome-extension://abc/page.html')).toBeUndefined();
    expect(reportableAddress('not an address')).toBeUndefined();
  });
});

describe('the destination setting', () => {
  it('is none by default in tests and when empty', () => {
    expect(REPORT_TO).toBeUndefined();
    expect(parseDestination(undefined)).toBeUndefined();
    expect(parseDestination('  ')).toBeUndefined();
  });

  it('accepts an https tracker address, with or without placeholders, and mailto:', () => {
    expect(GITHUB).toEqual({
      kind: 'tracker',
      url: 'https://github.com/example-owner/example-repo/issues/new',
    });
    expect(parseDestination('https://tracker.example/new?t={title}&d={body}')?.kind).toBe(
      'tracker',
    );
    expect(MAIL).toEqual({ kind: 'mailto', url: 'mailto:reports@example.org' });
  });

  it('refuses anything else, saying why', () => {
    const cases: [string, RegExp][] = [
      ['http://tracker.example/new', /http: is not https/],
      ['javascript:alert(1)', /javascript: is not https/],
      ['ftp://tracker.example/new', /ftp: is not https/],
      ['mailto:', /no e-mail address/],
      ['mailto:not-an-address', /no e-mail address/],
      ['https://user:pw@tracker.example/new', /credentials/],
      ['https://tracker.example/new#x', /fragment/],
      ['tracker.example/new', /not an address/],
    ];
    for (const [value, why] of cases) expect(() => parseDestination(value), value).toThrow(why);
  });
});

describe('the prefilled address', () => {
  it('a tracker gets title and body query parameters that decode to the report', () => {
    const r = buildReport({ ...base, includePage: true, destination: GITHUB });
    const url = new URL(r.url!);
    expect(url.origin + url.pathname).toBe(
      'https://github.com/example-owner/example-repo/issues/new',
    );
    expect(url.searchParams.get('title')).toBe(r.title);
    expect(url.searchParams.get('body')).toBe(r.text);
    // Spaces, line breaks, '&', '#', '+' and non-ASCII survive the round trip.
    const tricky = buildReport({
      ...base,
      words: 'a & b = c + d #1 ? “quoted” — é\nnext line',
      destination: GITHUB,
    });
    expect(new URL(tricky.url!).searchParams.get('body')).toBe(tricky.text);
    expect(tricky.url).not.toMatch(/[\s“”—é]/);
  });

  it('keeps the query a tracker address already has, and fills placeholders', () => {
    const labelled = parseDestination('https://github.com/o/r/issues/new?labels=report')!;
    const url = new URL(buildReport({ ...base, destination: labelled }).url!);
    expect(url.searchParams.get('labels')).toBe('report');
    expect(url.searchParams.get('body')).toContain('Entry: StopSIM');
    const template = parseDestination('https://tracker.example/new?t={title}&d={body}')!;
    const t = new URL(buildReport({ ...base, destination: template }).url!);
    expect(t.searchParams.get('t')).toBe('Report: StopSIM, fact 3');
    expect(t.searchParams.get('d')).toContain('What is wrong:');
  });

  it('mailto: gets subject and body, with CRLF line breaks', () => {
    const r = buildReport({ ...base, destination: MAIL });
    expect(r.url!.startsWith('mailto:reports@example.org?subject=Report%3A%20StopSIM')).toBe(true);
    const url = new URL(r.url!);
    expect(url.searchParams.get('subject')).toBe(r.title);
    expect(url.searchParams.get('body')).toBe(r.text.replace(/\n/g, '\r\n'));
    expect(r.url).toContain('%0D%0A');
    expect(r.url).not.toContain('+');
  });

  it('stays within its length, cutting the text at a whole character and saying so', () => {
    const long = 'Wrong “date” — see ☃ 𝄞. '.repeat(600);
    for (const destination of [GITHUB, MAIL]) {
      const r = buildReport({ ...base, words: long, destination });
      expect(r.url!.length).toBeLessThanOrEqual(MAX_URL[destination.kind]);
      expect(r.url!.length).toBeGreaterThan(MAX_URL[destination.kind] - 200);
      expect(r.shortened).toBe(true);
      // The copy is whole; the address decodes (no split character) to a start of it, marked.
      expect(r.text).toContain(long.trim());
      const sent = new URL(r.url!).searchParams.get('body')!.replace(/\r\n/g, '\n');
      expect(sent.endsWith('\n[…]')).toBe(true);
      expect(r.text.startsWith(sent.slice(0, -'\n[…]'.length))).toBe(true);
    }
  });

  it('no destination: copy only', () => {
    const r = buildReport({ ...base, includePage: true });
    expect(r.url).toBeUndefined();
    expect(r.text).toContain('Page:');
  });
});
