/**
 * The article's date (src/card/article-date.ts) on fixtures written for the project: one per kind
 * of source, then the cases where the right answer is no date (sources that disagree, dates only in
 * comments, related stories and footers, implausible dates), and the per-page cache.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  articleDate,
  forgetArticleDate,
  pageKey,
  readArticleDate,
} from '../../src/card/article-date.ts';
import conflict from '../fixtures/article-date/conflict.html?raw';
import jsonLdGraph from '../fixtures/article-date/json-ld-graph.html?raw';
import jsonLd from '../fixtures/article-date/json-ld.html?raw';
import meta from '../fixtures/article-date/meta.html?raw';
import microdata from '../fixtures/article-date/microdata.html?raw';
import none from '../fixtures/article-date/none.html?raw';
import time from '../fixtures/article-date/time.html?raw';

const NOW = new Date('2026-12-01T12:00:00Z');
const PLAIN = 'https://news.example/story';
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const read = (html: string, url = PLAIN) => readArticleDate(parse(html), url, NOW);
/** A bare page with these elements in its head and body. */
const page = (head: string, body = '<h1>Story</h1><p>Text.</p>') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const ld = (json: object) => `<script type="application/ld+json">${JSON.stringify(json)}</script>`;
const metaTag = (property: string, content: string) =>
  `<meta property="${property}" content="${content}">`;

describe('one fixture per kind of source', () => {
  it('JSON-LD: skips a broken block, tolerates raw line breaks, reads the article node', () => {
    expect(read(jsonLd)).toEqual({
      published: { date: '2021-06-15', source: 'json-ld', field: 'NewsArticle.datePublished' },
      modified: { date: '2021-06-17', source: 'json-ld', field: 'NewsArticle.dateModified' },
    });
  });

  it('JSON-LD: finds the article in an @graph inside an array, with a vocabulary URL type', () => {
    expect(read(jsonLdGraph).published).toEqual({
      date: '2021-05-20',
      source: 'json-ld',
      field: 'ReportageNewsArticle.datePublished',
    });
    expect(read(jsonLdGraph).modified?.date).toBe('2021-05-21');
  });

  it('meta tags: article:published_time and article:modified_time, nothing else', () => {
    expect(read(meta)).toEqual({
      published: { date: '2021-04-21', source: 'meta', field: 'article:published_time' },
      modified: { date: '2021-04-22', source: 'meta', field: 'article:modified_time' },
    });
  });

  it('meta tags of other publishing systems', () => {
    const cases: [string, string, string][] = [
      ['name', 'datePublished', '2021-06-15T10:00:00Z'],
      ['name', 'DC.date.issued', '2021-06-15'],
      ['name', 'parsely-pub-date', '2021-06-15T10:00:00Z'],
      ['name', 'sailthru.date', '2021-06-15 10:00:00'],
      ['name', 'citation_publication_date', '2021/06/15'],
      ['property', 'og:published_time', '2021-06-15T10:00:00Z'],
      ['name', 'article:publicationdate', 'Tue Jun 15 10:00:00 BST 2021'],
      ['name', 'pdate', '20210615'],
    ];
    for (const [attr, key, content] of cases) {
      const got = read(page(`<meta ${attr}="${key}" content="${content}">`)).published;
      expect(got, key).toEqual({ date: '2021-06-15', source: 'meta', field: key });
    }
  });

  it('meta name=date, which some systems fill with the time served, only with support', () => {
    const date = '<meta name="date" content="2021-06-15">';
    expect(read(page(date)).published).toBeUndefined();
    expect(read(page(date), 'https://news.example/2021/06/15/story').published).toEqual({
      date: '2021-06-15',
      source: 'meta',
      field: 'date',
    });
    const issued = '<meta name="DC.date.issued" content="2021-06-15T10:00:00">';
    expect(read(page(date + issued)).published).toEqual({
      date: '2021-06-15',
      source: 'meta',
      field: 'DC.date.issued',
    });
  });

  it('meta tags that do not mean publication are not read', () => {
    for (const key of ['article:expiration_time', 'copyright', 'og:updated_time', 'revised']) {
      expect(read(page(metaTag(key, '2021-06-15T10:00:00Z'))).published, key).toBeUndefined();
    }
  });

  it('microdata: the article item only, not a story it links to or a comment', () => {
    expect(read(microdata)).toEqual({
      published: { date: '2021-06-14', source: 'microdata', field: 'itemprop=datePublished' },
      modified: { date: '2021-06-14', source: 'microdata', field: 'itemprop=dateModified' },
    });
  });

  it('<time> in the byline: not the site header, prose, related stories, comments or footer', () => {
    expect(read(time)).toEqual({
      published: { date: '2021-06-22', source: 'time', field: 'time[datetime]' },
      modified: { date: '2021-06-23', source: 'time', field: 'time[datetime]' },
    });
  });

  it('<time> in the article header, beside the headline', () => {
    const body =
      '<article><header><h1>Story</h1><time datetime="2021-06-15T10:00:00Z">15 June</time>' +
      '</header><p>Text.</p></article>';
    expect(read(page('', body)).published).toEqual({
      date: '2021-06-15',
      source: 'time',
      field: 'time[datetime]',
    });
  });

  it('the address: each way news sites put a date in the path', () => {
    const cases: [string, string, string][] = [
      ['https://news.example/2021/06/15/scheme-halted/', '2021-06-15', '/2021/06/15'],
      ['https://news.example/society/2021/jun/15/scheme-halted', '2021-06-15', '/2021/jun/15'],
      ['https://news.example/2021/June/5/scheme', '2021-06-05', '/2021/June/5'],
      ['https://news.example/news/20210615/scheme-halted', '2021-06-15', '/20210615'],
      ['https://news.example/news/20210615-scheme-halted', '2021-06-15', '/20210615'],
      ['https://news.example/news/scheme-halted-2021-06-15', '2021-06-15', '-2021-06-15'],
      [
        'https://news.example/world/scheme/2021/06/15/a1b2c3_story.html',
        '2021-06-15',
        '/2021/06/15',
      ],
      ['https://blog.example/2021/06/scheme-halted/', '2021-06', '/2021/06/'],
    ];
    for (const [url, date, field] of cases) {
      expect(read(page(''), url).published, url).toEqual({ date, source: 'url', field });
    }
  });

  it('the address: ids, years alone and impossible dates are not dates', () => {
    for (const url of [
      'https://news.example/23752959/headline',
      'https://news.example/articles/318674.php',
      'https://news.example/2021/headline',
      'https://news.example/2021/13/45/headline',
      'https://news.example/2021/02/30/headline',
      'https://news.example/story?date=2021-06-15',
      'https://news.example/story#2021/06/15/',
      'file:///home/reader/2021/06/15/saved.html',
      'not a url',
    ]) {
      expect(read(page(''), url).published, url).toBeUndefined();
    }
  });
});

describe('agreeing and disagreeing sources', () => {
  it('sources a day apart agree (time zones); the most trusted one is named', () => {
    const html = page(
      ld({ '@type': 'NewsArticle', datePublished: '2021-06-15T23:30:00-04:00' }) +
        metaTag('article:published_time', '2021-06-16T03:30:00Z'),
    );
    expect(read(html, 'https://news.example/2021/06/16/story').published).toEqual({
      date: '2021-06-15',
      source: 'json-ld',
      field: 'NewsArticle.datePublished',
    });
  });

  it('sources that disagree by more than a day give no date', () => {
    expect(read(conflict)).toEqual({});
    // The address against the metadata: a story moved to a new address years later.
    const moved = page(metaTag('article:published_time', '2021-06-15T10:00:00Z'));
    expect(read(moved, 'https://news.example/2023/01/10/story').published).toBeUndefined();
    // Two days apart is beyond a time zone.
    const twoDays = page(
      ld({ '@type': 'Article', datePublished: '2021-06-15' }) +
        metaTag('article:published_time', '2021-06-17'),
    );
    expect(read(twoDays).published).toBeUndefined();
  });

  it('a source that contradicts itself is set aside; the others still decide', () => {
    // A render-time `date` beside the real publication time: meta disagrees with itself.
    const html = page(
      ld({ '@type': 'NewsArticle', datePublished: '2021-06-15T10:00:00Z' }) +
        metaTag('article:published_time', '2021-06-15T10:00:00Z') +
        '<meta name="date" content="2026-11-30">',
    );
    expect(read(html).published).toEqual({
      date: '2021-06-15',
      source: 'json-ld',
      field: 'NewsArticle.datePublished',
    });
    // With nothing else on the page, a self-contradicting source gives no date.
    const alone = page(
      metaTag('article:published_time', '2021-06-15T10:00:00Z') +
        '<meta name="date" content="2026-11-30">',
    );
    expect(read(alone).published).toBeUndefined();
  });

  it('two article nodes with different dates are no date from JSON-LD', () => {
    const html = page(
      ld([
        { '@type': 'NewsArticle', datePublished: '2021-06-15' },
        { '@type': 'NewsArticle', datePublished: '2019-01-01' },
      ]),
    );
    expect(read(html).published).toBeUndefined();
  });

  it('a month from the address agrees with a day inside it; the day is returned', () => {
    const html = page(metaTag('article:published_time', '2021-06-30T22:00:00Z'));
    expect(read(html, 'https://blog.example/2021/06/story/').published).toEqual({
      date: '2021-06-30',
      source: 'meta',
      field: 'article:published_time',
    });
    expect(read(html, 'https://blog.example/2021/08/story/').published).toBeUndefined();
  });

  it('the WebPage node is read only when no article node is dated', () => {
    const pageOnly = page(ld({ '@type': 'WebPage', datePublished: '2021-06-15' }));
    expect(read(pageOnly).published?.field).toBe('WebPage.datePublished');
    const both = page(
      ld({
        '@graph': [
          { '@type': 'WebPage', datePublished: '2020-01-01' },
          { '@type': 'BlogPosting', datePublished: '2021-06-15' },
        ],
      }),
    );
    expect(read(both).published?.date).toBe('2021-06-15');
  });
});

describe('dates that are not publication dates', () => {
  it('a date in the future or before 1995 is not read', () => {
    for (const d of ['2027-01-05', '1994-12-31', '1970-01-01']) {
      expect(read(page(metaTag('article:published_time', d))).published, d).toBeUndefined();
    }
    // Tomorrow is within a time zone of today.
    expect(
      read(page(metaTag('article:published_time', '2026-12-02T01:00:00+09:00'))).published,
    ).toBeDefined();
    // An implausible reading is dropped, not held against the others.
    const html = page(
      metaTag('article:published_time', '2021-06-15') +
        ld({ '@type': 'Article', datePublished: '2099-01-01' }),
    );
    expect(read(html).published?.date).toBe('2021-06-15');
  });

  it('no date on a page whose dates are all comments, related stories, prose and footers', () => {
    expect(read(none)).toEqual({});
  });

  it('a lone <time> outside the byline is not the article date', () => {
    const t = '<time datetime="2021-06-15T10:00:00Z">15 June 2021</time>';
    const bodies: Record<string, string> = {
      prose: `<article><h1>Story</h1><p>On ${t} it ended.</p></article>`,
      'site header': `<header class="masthead"><a href="/">Site</a> ${t}</header><h1>Story</h1>`,
      comment: `<h1>Story</h1><div id="comments"><div class="byline">reader ${t}</div></div>`,
      'related aside': `<h1>Story</h1><aside><div class="byline">${t}</div></aside>`,
      'related list': `<h1>Story</h1><div class="related-links"><p class="byline">${t}</p></div>`,
      footer: `<h1>Story</h1><footer><span class="byline">${t}</span></footer>`,
      teaser:
        '<article><h1>Story</h1><p>Text.</p></article>' +
        `<article><h2>Other</h2><p class="byline">${t}</p></article>`,
    };
    for (const [where, body] of Object.entries(bodies))
      expect(read(page('', body)), where).toEqual({});
    // The same <time> in the byline is read.
    const byline = `<h1>Story</h1><p class="byline">By A. Writer, ${t}</p>`;
    expect(read(page('', byline)).published?.date).toBe('2021-06-15');
  });

  it('a modification before publication is dropped; publication is kept', () => {
    const html = page(
      ld({ '@type': 'Article', datePublished: '2021-06-15', dateModified: '2020-01-01' }),
    );
    expect(read(html)).toEqual({
      published: { date: '2021-06-15', source: 'json-ld', field: 'Article.datePublished' },
    });
  });
});

describe('the per-page cache', () => {
  const original = location.href;
  afterEach(() => {
    forgetArticleDate();
    document.head.querySelectorAll('[data-test]').forEach((e) => e.remove());
    history.replaceState(null, '', original);
  });

  const setPublished = (date: string) => {
    document.head.querySelectorAll('[data-test]').forEach((e) => e.remove());
    const m = document.createElement('meta');
    m.setAttribute('property', 'article:published_time');
    m.setAttribute('content', date);
    m.dataset.test = '';
    document.head.append(m);
  };

  it('the page key is the address without its fragment', () => {
    expect(pageKey('https://a.example/x?y=1#z')).toBe('https://a.example/x?y=1');
    expect(pageKey('https://a.example/x')).toBe('https://a.example/x');
  });

  it('reads once per page; a new path reads again, a new fragment does not', () => {
    setPublished('2021-06-15');
    const first = articleDate();
    expect(first.published?.date).toBe('2021-06-15');

    // The page changes under the same address: still the cached reading.
    setPublished('2022-02-02');
    expect(articleDate()).toBe(first);
    history.pushState(null, '', '#section-2');
    expect(articleDate()).toBe(first);

    // An SPA navigation to another article: read again.
    history.pushState(null, '', location.pathname.replace(/\/?$/, '/next-story'));
    expect(articleDate().published?.date).toBe('2022-02-02');
  });

  it('forget() drops the reading', () => {
    setPublished('2021-06-15');
    expect(articleDate().published?.date).toBe('2021-06-15');
    setPublished('2022-02-02');
    forgetArticleDate();
    expect(articleDate().published?.date).toBe('2022-02-02');
  });

  it('another document is another page, even at the same address', () => {
    const a = parse(page(metaTag('article:published_time', '2021-06-15')));
    const b = parse(page(metaTag('article:published_time', '2022-02-02')));
    expect(articleDate(a, PLAIN).published?.date).toBe('2021-06-15');
    expect(articleDate(b, PLAIN).published?.date).toBe('2022-02-02');
  });
});
