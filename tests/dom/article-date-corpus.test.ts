/**
 * The article's date (src/card/article-date.ts) on the 20 real news pages of
 * `../shared/corpus/news/`, read in place (never copied) and parsed with DOMParser in Chromium.
 *
 * EXPECTED is what each page's own metadata says, checked by hand in its HTML (JSON-LD, meta tags,
 * microdata, `<time>` in the byline, the page's own address from `og:url` or `rel=canonical`, as
 * the pages come from Readability's test set without the address they were saved from). The test
 * allows no wrong date and no miss on a page whose metadata is machine-readable.
 */
import { describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { readArticleDate, type DateSource } from '../../src/card/article-date.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    newsCorpus: { dir: string; pages: string[] };
  }
}

interface Expected {
  /** The page's own address (og:url, else canonical); '' when it gives none. */
  url: string;
  /** The publication date its metadata gives, and from where; null when none is machine-readable. */
  published: [string, DateSource] | null;
  modified?: string;
  /** What the hand check found, in a few words. */
  note: string;
}

const EXPECTED: Record<string, Expected> = {
  'aclu.html': {
    url: 'https://www.aclu.org/blog/privacy-technology/internet-privacy/facebook-tracking-me-even-though-im-not-facebook',
    published: ['2018-04-05', 'json-ld'],
    modified: '2018-04-11',
    note: 'JSON-LD Article datePublished 2018-04-05T06:00, dateModified 2018-04-11',
  },
  'bbc-1.html': {
    url: 'http://www.bbc.com/news/world-us-canada-33646704',
    published: ['2015-07-24', 'json-ld'],
    note: 'JSON-LD Article datePublished 2015-07-24T05:36:09+01:00; the rest are data-seconds divs',
  },
  'buzzfeed-1.html': {
    url: 'http://www.buzzfeed.com/markdistefano/diet-pills-burns-up',
    published: null,
    note: 'only prose ("posted on April 21, 2015") and a script variable; no metadata',
  },
  'cnn.html': {
    url: 'http://money.cnn.com/2016/02/01/news/economy/poverty-inequality-united-states/index.html',
    published: ['2016-02-01', 'meta'],
    note: 'meta date and DC.date.issued 2016-02-01T01:28:49; /2016/02/01/ in the address',
  },
  'engadget.html': {
    url: 'https://www.engadget.com/2017/11/03/xbox-one-x-review/',
    published: ['2017-11-03', 'json-ld'],
    modified: '2017-11-03',
    note: 'JSON-LD Review and Article datePublished 2017-11-03 03:01; meta published_at; address',
  },
  'guardian-1.html': {
    url: 'http://www.theguardian.com/environment/2019/jan/03/what-is-the-sea-telling-us-maori-tribes-fearful-over-whale-strandings',
    published: ['2019-01-03', 'meta'],
    modified: '2019-01-16',
    note: 'article:published_time 2019-01-03T07:00:02Z, modified 2019-01-16; dateline microdata; /2019/jan/03/',
  },
  'herald-sun-1.html': {
    url: 'http://www.heraldsun.com.au/news/opinion/angry-media-wont-buckle-over-new-surveillance-laws/story-fni0fha6-1227261886014',
    published: ['2015-03-13', 'meta'],
    note: 'meta article:publicationdate "Fri Mar 13 21:30:09 EST 2015" (Australian EST; the byline says March 13, 2015)',
  },
  'lemonde-1.html': {
    url: 'http://www.lemonde.fr/pixels/article/2015/05/04/que-contient-la-loi-sur-le-renseignement_4627068_4408996.html',
    published: ['2015-05-04', 'microdata'],
    modified: '2015-05-05',
    note: '<time itemprop=datePublished> 2015-05-04T13:36:31+02:00, dateModified 2015-05-05; /2015/05/04/',
  },
  'medicalnewstoday.html': {
    url: 'https://www.medicalnewstoday.com/articles/318674.php',
    published: ['2017-07-27', 'microdata'],
    note: '<time itemprop=datePublished datetime=2017-07-27>',
  },
  'medium-1.html': {
    url: 'https://medium.com/@pippinlee/the-open-journalism-project-better-student-journalism-fb39f4f701bb',
    published: ['2015-03-17', 'meta'],
    note: 'article:published_time 2015-03-17T16:27:40.294Z',
  },
  'nytimes-1.html': {
    url: 'http://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html',
    published: ['2017-01-13', 'meta'],
    modified: '2017-01-13',
    note: 'article:published (itemprop datePublished) 2017-01-13T00:00:04-05:00, pdate 20170113; address',
  },
  'nytimes-2.html': {
    url: 'http://www.nytimes.com/2016/07/30/business/dealbook/yahoos-sale-to-verizon-leaves-shareholders-with-little-say.html',
    published: ['2016-07-29', 'meta'],
    modified: '2016-08-01',
    note: 'article:published 2016-07-29T16:42:34-04:00, pdate 20160729; the address has the print date /2016/07/30/',
  },
  'rtl-1.html': {
    url: '',
    published: null,
    note: 'a bare test page: no metadata, no address',
  },
  'salon-1.html': {
    url: 'http://www.salon.com/2015/02/01/the_sharing_economy_is_a_lie_uber_ayn_rand_and_the_truth_about_tech_and_libertarians/',
    published: ['2015-02-01', 'url'],
    note: 'no date metadata; /2015/02/01/ in the address',
  },
  'seattletimes-1.html': {
    url: 'https://www.seattletimes.com/business/amazon/alaskan-halibut-caught-by-a-century-old-seattle-boat-provides-a-glimpse-of-amazons-strategy-with-whole-foods/',
    published: ['2019-04-28', 'meta'],
    modified: '2019-04-29',
    note: 'article:published_time and itemprop datePublished 2019-04-28 06:01:07; modified 2019-04-29',
  },
  'telegraph.html': {
    url: 'http://www.telegraph.co.uk/news/2017/11/16/zimbabwes-robert-mugabe-wife-grace-insisting-finishes-term-priest/',
    published: ['2017-11-16', 'microdata'],
    note: 'itemprop datePublished 2017-11-16T14:15+0000 in the Article item (the sidebar items say 21 Nov); /2017/11/16/',
  },
  'theverge.html': {
    url: 'https://www.theverge.com/23752959/apple-vision-pro-headset-hands-on-demo-impressions',
    published: ['2023-06-07', 'json-ld'],
    modified: '2023-06-07',
    note: 'JSON-LD NewsArticle and article:published_time 2023-06-07T20:54:26.829Z; the other <time>s are later stories',
  },
  'wapo-1.html': {
    url: 'http://www.washingtonpost.com/world/gunmen-storm-museum-in-tunisia-killing-at-least-8/2015/03/18/00202e76-cd73-11e4-8730-4f473416e759_story.html',
    published: ['2015-03-18', 'url'],
    note: 'no date metadata (data-published attributes only); /2015/03/18/ in the address',
  },
  'wikipedia-2.html': {
    url: 'https://en.wikipedia.org/wiki/New_Zealand',
    published: ['2001-10-29', 'json-ld'],
    modified: '2019-09-26',
    note: 'JSON-LD Article datePublished 2001-10-29 (the page was created), dateModified 2019-09-26',
  },
  'yahoo-2.html': {
    url: 'https://us.yahoo.com/news/',
    published: ['2016-12-01', 'time'],
    note: '<time datetime=2016-12-01T23:29:49Z> in the attribution under the headline (shown as December 2)',
  },
};

const corpus = inject('newsCorpus');
const NOW = new Date('2026-12-01T12:00:00Z');

describe.skipIf(corpus.pages.length === 0)(
  `article date on the news corpus${corpus.pages.length ? '' : ` (skipped: ${corpus.dir} is absent)`}`,
  () => {
    it('has a hand-checked row for every page', () => {
      expect(Object.keys(EXPECTED).sort()).toEqual([...corpus.pages].sort());
    });

    it('reads no wrong date and every machine-readable one', async () => {
      const rows: string[][] = [['page', 'published', 'from', 'field', 'modified', 'expected']];
      const wrong: string[] = [];
      for (const page of Object.keys(EXPECTED).sort()) {
        const want = EXPECTED[page]!;
        const html = await commands.readFile(`${corpus.dir}/${page}`);
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const got = readArticleDate(doc, want.url, NOW);
        const p = got.published;
        rows.push([
          page,
          p?.date ?? '—',
          p?.source ?? '—',
          p?.field ?? '—',
          got.modified?.date ?? '—',
          want.published ? `${want.published[0]} ${want.published[1]}` : 'none',
        ]);
        const found = p ? [p.date, p.source] : null;
        if (JSON.stringify(found) !== JSON.stringify(want.published))
          wrong.push(
            `${page}: published ${JSON.stringify(found)}, expected ${JSON.stringify(want.published)}`,
          );
        if ((got.modified?.date ?? undefined) !== want.modified)
          wrong.push(`${page}: modified ${got.modified?.date}, expected ${want.modified}`);
      }
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      console.log(
        '\n' +
          rows
            .map((r) =>
              r
                .map((c, i) => c.padEnd(widths[i]!))
                .join('  ')
                .trimEnd(),
            )
            .join('\n'),
      );
      expect(wrong).toEqual([]);
    });
  },
);
