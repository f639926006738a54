/**
 * The article's date: when the page the reader is on was published (and last modified, where the
 * page says), read from what publishers put there — JSON-LD, meta tags, microdata, a `<time>` in
 * the byline, a date in the address — so the card can say what happened since.
 *
 * Precision before recall: a source that contradicts itself is set aside, sources that disagree
 * with one another by more than a day give no date at all, and a date before 1995 or in the future
 * is not a publication date. Dates are calendar days as the page writes them (the publisher's own
 * time zone), as partial ISO dates: `2021-06-15`, or `2021-06` when only the month is known.
 *
 * Owns: reading the dates from a document and its address, and the one-entry cache per page.
 * Never: changes the page, fetches anything, or decides how a date is shown.
 */
import type { IsoDate } from '../dataset/schema.ts';
import { dayNumber, dayOf, near, precision, span } from '../shared/partial-date.ts';

/** Where a date came from, most trusted first. */
export const DATE_SOURCES = ['json-ld', 'meta', 'microdata', 'time', 'url'] as const;
export type DateSource = (typeof DATE_SOURCES)[number];

export interface DateReading {
  /** `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
  date: IsoDate;
  source: DateSource;
  /** The exact field, for a human: `NewsArticle.datePublished`, `article:published_time`,
   * `itemprop=datePublished`, `time[datetime]`, or the part of the address (`/2021/06/15/`). */
  field: string;
}

export interface ArticleDate {
  published?: DateReading;
  modified?: DateReading;
}

type Kind = 'published' | 'modified';
interface Candidate extends DateReading {
  kind: Kind;
  /** Among readings of one source, lower is the better-known field (`article:published_time`
   * before `pdate`). */
  rank: number;
}

/** Two readings this many days apart still agree: a time zone can move a date by one day. */
const SLACK_DAYS = 1;
/** Nothing the extension meets was published on the web before this. */
const EARLIEST = dayNumber(1995, 1, 1)!;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** 1–12 for an English month name or its abbreviation ("jun", "Sept."), else 0. */
function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return 0;
  if (w === 'sept') return 9;
  return MONTHS.findIndex((m) => m.startsWith(w)) + 1;
}

function iso(year: number, month: number, day?: number): IsoDate | undefined {
  const mm = String(month).padStart(2, '0');
  if (day === undefined) return month >= 1 && month <= 12 ? `${year}-${mm}` : undefined;
  if (dayNumber(year, month, day) === undefined) return undefined;
  return `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const CLOCK = String.raw`(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s+(?:[a-z]{2,5}\s+)?)?`;
const END = String.raw`(?=$|[\sT,])`;
const ISO_DAY = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?=$|[T\s])/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:\d{6})?$/;
/** "Jan. 13, 2017", "July 29, 2016", "Fri Mar 13 21:30:09 EST 2015". */
const MONTH_FIRST = new RegExp(
  String.raw`^${WEEKDAY}([a-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+${CLOCK}(\d{4})${END}`,
  'i',
);
/** "24 July 2015", "Fri, 13 Mar 2015 21:30:09 +1100". */
const DAY_FIRST = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9}\.?),?\s+(\d{4})${END}`,
  'i',
);

/**
 * A date as a page writes it, to a partial ISO date: ISO 8601 (the calendar day as written, in its
 * own offset), `YYYY/MM/DD`, `YYYYMMDD[hhmmss]`, and English dates with a month name. Numeric
 * day/month orders ("03/04/2015") are ambiguous and read as nothing.
 */
export function parseDateText(text: string): IsoDate | undefined {
  const s = text.trim();
  let m = ISO_DAY.exec(s) ?? COMPACT.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = ISO_MONTH.exec(s))) return iso(Number(m[1]), Number(m[2]));
  if ((m = MONTH_FIRST.exec(s))) {
    const month = monthOf(m[1]!);
    return month ? iso(Number(m[3]), month, Number(m[2])) : undefined;
  }
  if ((m = DAY_FIRST.exec(s))) {
    const month = monthOf(m[2]!);
    return month ? iso(Number(m[3]), month, Number(m[1])) : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'AnalysisNewsArticle',
  'AskPublicNewsArticle',
  'BackgroundNewsArticle',
  'OpinionNewsArticle',
  'ReportageNewsArticle',
  'ReviewNewsArticle',
  'BlogPosting',
  'LiveBlogPosting',
  'SocialMediaPosting',
  'DiscussionForumPosting',
  'Report',
  'ScholarlyArticle',
  'MedicalScholarlyArticle',
  'TechArticle',
  'SatiricalArticle',
  'AdvertiserContentArticle',
]);
/** Read only when no article node is dated (e.g. a page whose JSON-LD describes the WebPage). */
const PAGE_TYPES = new Set(['WebPage', 'ItemPage']);

type Json = unknown;

/** JSON as sites write it: raw line breaks inside strings, HTML comments, CDATA, a stray `;`. */
function parseJson(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    // Control characters are whitespace between tokens and invalid inside strings: spaces are
    // safe in both places.
    const cleaned = text
      .replace(/\p{Cc}+/gu, ' ')
      .replace(/^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\*\s*\]\]>\s*\*\/|\]\]>)\s*$/, '')
      .replace(/;\s*$/, '');
    try {
      return JSON.parse(cleaned);
    } catch {
      return undefined;
    }
  }
}

const isObject = (x: Json): x is Record<string, Json> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Type names without their vocabulary: "http://schema.org/NewsArticle" → "NewsArticle". */
function typesOf(node: Record<string, Json>): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.replace(/^.*[/:]/, ''));
}

/** Top-level nodes, `@graph` members and each one's `mainEntity`: the nodes about this page. */
function pageNodes(root: Json): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const add = (x: Json, depth: number) => {
    if (Array.isArray(x)) for (const y of x) add(y, depth);
    else if (isObject(x)) {
      out.push(x);
      if (depth > 0) return;
      if (x['@graph'] !== undefined) add(x['@graph'], depth);
      if (x.mainEntity !== undefined) add(x.mainEntity, depth + 1);
    }
  };
  add(root, 0);
  return out;
}

function ldValue(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length === 1) return ldValue(v[0]);
  if (isObject(v) && typeof v['@value'] === 'string') return v['@value'];
  return undefined;
}

function fromJsonLd(doc: Document): Candidate[] {
  const article: Candidate[] = [];
  const page: Candidate[] = [];
  for (const script of doc.querySelectorAll('script[type]')) {
    const mime = script.getAttribute('type')!.split(';')[0]!.trim().toLowerCase();
    if (mime !== 'application/ld+json') continue;
    for (const node of pageNodes(parseJson(script.textContent ?? ''))) {
      const types = typesOf(node);
      const type = types.find((t) => ARTICLE_TYPES.has(t)) ?? types.find((t) => PAGE_TYPES.has(t));
      if (!type) continue;
      const into = ARTICLE_TYPES.has(type) ? article : page;
      for (const [prop, kind] of [
        ['datePublished', 'published'],
        ['dateModified', 'modified'],
      ] as const) {
        const text = ldValue(node[prop]);
        const date = text === undefined ? undefined : parseDateText(text);
        if (date) into.push({ kind, date, source: 'json-ld', field: `${type}.${prop}`, rank: 0 });
      }
    }
  }
  return article.length ? article : page;
}

// ---------------------------------------------------------------------------------------------
// Meta tags

/** Meta names and properties that mean the publication (or last modification) of this page. */
const META: Record<string, Kind> = {
  'article:published_time': 'published',
  'article:published': 'published',
  'og:article:published_time': 'published',
  'og:published_time': 'published',
  'article:publicationdate': 'published',
  'article.published': 'published',
  datepublished: 'published',
  'dc.date.issued': 'published',
  'dcterms.issued': 'published',
  'parsely-pub-date': 'published',
  'sailthru.date': 'published',
  citation_publication_date: 'published',
  'publish-date': 'published',
  publish_date: 'published',
  publishdate: 'published',
  published_at: 'published',
  published_time: 'published',
  pubdate: 'published',
  pdate: 'published',
  originalpublicationdate: 'published',
  'article:modified_time': 'modified',
  'article:modified': 'modified',
  'og:article:modified_time': 'modified',
  'og:updated_time': 'modified',
  datemodified: 'modified',
  'dc.date.modified': 'modified',
  'dcterms.modified': 'modified',
  // Last: the weakest (see UNCORROBORATED).
  date: 'published',
};

const META_RANK = Object.keys(META);
/** Some systems write the time the page was served as `date`: it counts only when another field
 * agrees with it. */
const UNCORROBORATED = new Set(['date']);

function fromMeta(doc: Document): Candidate[] {
  const out: Candidate[] = [];
  for (const meta of doc.querySelectorAll('meta[content]')) {
    for (const attr of ['property', 'name']) {
      const key = meta.getAttribute(attr)?.trim();
      const kind = key && META[key.toLowerCase()];
      const date = kind && parseDateText(meta.getAttribute('content')!);
      if (kind && date)
        out.push({
          kind,
          date,
          source: 'meta',
          field: key,
          rank: META_RANK.indexOf(key.toLowerCase()),
        });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Microdata and <time>

const tokens = (el: Element, attr: string) =>
  (el.getAttribute(attr) ?? '').trim().toLowerCase().split(/\s+/);

/** Containers whose dates belong to other stories, comments or the site, not to this article. */
const ELSEWHERE_TAGS = new Set(['ASIDE', 'FOOTER', 'NAV']);
const ELSEWHERE_ROLES = new Set(['complementary', 'contentinfo', 'navigation']);
const ELSEWHERE =
  /(?:^|[-_\s])(?:comments?|related|recommend(?:ed|ations)?|sidebar|rail|outbrain|taboola|trending|popular|most-?read|more-?stories|promo|teaser|newsletter|footer)(?:$|[-_\s])/i;

function elsewhere(el: Element): boolean {
  for (let e: Element | null = el; e && e.tagName !== 'BODY'; e = e.parentElement) {
    if (ELSEWHERE_TAGS.has(e.tagName)) return true;
    if (ELSEWHERE_ROLES.has(e.getAttribute('role') ?? '')) return true;
    if (ELSEWHERE.test(e.getAttribute('class') ?? '') || ELSEWHERE.test(e.id)) return true;
  }
  return false;
}

/** An `<article>` without a main heading, on a page of several, is a teaser for another story. */
function inTeaser(el: Element): boolean {
  const article = el.closest('article');
  return (
    !!article &&
    !article.querySelector('h1') &&
    !!el.ownerDocument.querySelector('article ~ article, article article')
  );
}

const lower = (types: Iterable<string>) => new Set([...types].map((t) => t.toLowerCase()));
const ARTICLE_ITEMS = lower(ARTICLE_TYPES);
/** Item types whose dates are this page's: articles and the page itself. */
const PAGE_ITEMS = lower([...ARTICLE_TYPES, ...PAGE_TYPES, 'CreativeWork']);

/** An element's item types, lower case and without their vocabulary. */
function itemTypes(scope: Element): string[] {
  return tokens(scope, 'itemtype')
    .filter(Boolean)
    .map((t) => t.replace(/^.*[/:]/, ''));
}

/** True when the item an `itemprop` belongs to is this page or its outermost article. */
function pageItem(el: Element): boolean {
  const scope = el.parentElement?.closest('[itemscope]');
  if (!scope) return !elsewhere(el);
  const types = itemTypes(scope);
  if (types.length > 0 && !types.some((t) => PAGE_ITEMS.has(t))) return false;
  // An article inside another article is a story the outer one links to.
  for (
    let s = scope.parentElement?.closest('[itemscope]');
    s;
    s = s.parentElement?.closest('[itemscope]')
  )
    if (itemTypes(s).some((t) => ARTICLE_ITEMS.has(t))) return false;
  return true;
}

const PROPS: Record<string, Kind> = { datepublished: 'published', datemodified: 'modified' };

function propKind(el: Element): Kind | undefined {
  for (const t of tokens(el, 'itemprop')) if (PROPS[t]) return PROPS[t];
  return undefined;
}

function fromMicrodata(doc: Document): Candidate[] {
  const out: Candidate[] = [];
  for (const el of doc.querySelectorAll('[itemprop]')) {
    const kind = propKind(el);
    if (!kind || !pageItem(el)) continue;
    const text =
      el.getAttribute('content') ??
      el.getAttribute('datetime') ??
      (el.tagName === 'META' ? null : el.textContent);
    const date = text === null ? undefined : parseDateText(text);
    const prop = kind === 'published' ? 'datePublished' : 'dateModified';
    if (date) out.push({ kind, date, source: 'microdata', field: `itemprop=${prop}`, rank: 0 });
  }
  return out;
}

/** Class, id and test hooks that say "this is the byline or the article's dateline". */
const BYLINE =
  /byline|dateline|author|attribution|publish|pubdate|posted|timestamp|(?:article|post|entry|story|content)[-_]*(?:meta|header|info|date|time)|dt-(?:published|updated)/i;
const UPDATED = /updat|modif/i;
const BYLINE_DEPTH = 5;

function inByline(time: Element): boolean {
  let e: Element | null = time;
  for (let i = 0; e && i < BYLINE_DEPTH; i++, e = e.parentElement) {
    if (e.tagName === 'BODY' || e.tagName === 'MAIN') break;
    const hooks = [
      e.getAttribute('class'),
      e.id,
      e.getAttribute('rel'),
      e.getAttribute('data-testid'),
      e.getAttribute('data-component'),
    ].join(' ');
    if (BYLINE.test(hooks)) return true;
    if (e.tagName === 'ARTICLE') break;
  }
  const header = time.closest('header');
  return !!header && !!header.querySelector('h1');
}

/** "Updated <time>", or a class that says so. */
function isUpdate(time: Element): boolean {
  if (UPDATED.test(time.getAttribute('class') ?? '')) return true;
  const before = time.previousSibling?.textContent ?? '';
  return /\b(?:updated|modified|last edited)\b[^\w]*$/i.test(before);
}

function fromTime(doc: Document): Candidate[] {
  const out: Candidate[] = [];
  for (const time of doc.querySelectorAll('time[datetime]')) {
    if (propKind(time) || elsewhere(time) || inTeaser(time) || !inByline(time)) continue;
    const date = parseDateText(time.getAttribute('datetime')!);
    const kind: Kind = isUpdate(time) ? 'modified' : 'published';
    if (date) out.push({ kind, date, source: 'time', field: 'time[datetime]', rank: 0 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The address

const MONTH_WORD = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*`;
const URL_DATES: [RegExp, (m: RegExpExecArray) => IsoDate | undefined][] = [
  // /2021/06/15/ and /2021/6/5/
  [
    /\/(\d{4})\/(\d{1,2})\/(\d{1,2})(?=\/|$|[-_.])/g,
    (m) => iso(Number(m[1]), Number(m[2]), Number(m[3])),
  ],
  // /2021/jun/15/
  [
    new RegExp(String.raw`\/(\d{4})\/${MONTH_WORD}\/(\d{1,2})(?=\/|$|[-_.])`, 'gi'),
    (m) => iso(Number(m[1]), monthOf(m[2]!), Number(m[3])),
  ],
  // /20210615/ and /20210615-slug
  [/\/(\d{4})(\d{2})(\d{2})(?=\/|$|[-_.])/g, (m) => iso(Number(m[1]), Number(m[2]), Number(m[3]))],
  // /2021-06-15/ and /slug-2021-06-15
  [
    /[/_-](\d{4})-(\d{2})-(\d{2})(?=\/|$|[-_.])/g,
    (m) => iso(Number(m[1]), Number(m[2]), Number(m[3])),
  ],
  // /2021/06/slug: only the month is known
  [/\/(\d{4})\/(\d{1,2})\/(?=[^/\d])/g, (m) => iso(Number(m[1]), Number(m[2]))],
];

function fromUrl(url: string): Candidate[] {
  let path: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return [];
    path = u.pathname;
  } catch {
    return [];
  }
  const out: Candidate[] = [];
  for (const [re, read] of URL_DATES) {
    for (const m of path.matchAll(re)) {
      const date = read(m);
      if (date) out.push({ kind: 'published', date, source: 'url', field: m[0], rank: 0 });
    }
  }
  // A month that a fuller reading of the same address contains adds nothing.
  return out.filter(
    (c) => !out.some((o) => precision(o.date) > precision(c.date) && near(o.date, c.date, 0)),
  );
}

// ---------------------------------------------------------------------------------------------
// Deciding

function plausible(date: IsoDate, today: number): boolean {
  const s = span(date);
  return !!s && s.first >= EARLIEST && s.first <= today + SLACK_DAYS;
}

const agree = (list: readonly Candidate[]) =>
  list.every((a, i) => list.slice(i + 1).every((b) => near(a.date, b.date, SLACK_DAYS)));

/**
 * One date from every candidate of a kind: a source whose readings disagree is set aside, and if
 * the sources left disagree with one another there is no date. The most precise reading of the
 * most trusted source is the one returned.
 */
function decide(all: readonly Candidate[]): DateReading | undefined {
  const clear: Candidate[] = [];
  for (const source of DATE_SOURCES) {
    const own = all.filter((c) => c.source === source);
    if (agree(own)) clear.push(...own);
  }
  if (clear.length === 0 || !agree(clear)) return undefined;
  if (clear.every((c) => c.source === 'meta' && UNCORROBORATED.has(c.field.toLowerCase())))
    return undefined;
  const order = (c: Candidate) => [-precision(c.date), DATE_SOURCES.indexOf(c.source), c.rank];
  const better = (a: Candidate, b: Candidate) => {
    const [x, y] = [order(a), order(b)];
    const i = x.findIndex((v, j) => v !== y[j]);
    return i >= 0 && x[i]! < y[i]!;
  };
  const best = clear.reduce((a, b) => (better(b, a) ? b : a));
  return { date: best.date, source: best.source, field: best.field };
}

/** Reads the article's dates from a document and its address (uncached; see `articleDate`). */
export function readArticleDate(doc: Document, url: string, now: Date = new Date()): ArticleDate {
  const today = dayOf(now);
  const all = [
    ...fromJsonLd(doc),
    ...fromMeta(doc),
    ...fromMicrodata(doc),
    ...fromTime(doc),
    ...fromUrl(url),
  ].filter((c) => plausible(c.date, today));
  const published = decide(all.filter((c) => c.kind === 'published'));
  let modified = decide(all.filter((c) => c.kind === 'modified'));
  // A modification before publication is a mistake in the page, not a date to show.
  if (published && modified && span(modified.date)!.last < span(published.date)!.first)
    modified = undefined;
  const out: ArticleDate = {};
  if (published) out.published = published;
  if (modified) out.modified = modified;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The cache

/** The page an address names: the address without its fragment (an anchor is the same page). */
export function pageKey(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

let cached: { doc: Document; key: string; value: ArticleDate } | undefined;

/**
 * The article's dates for this page, read once per page: a new address (an SPA navigation changes
 * the path or query) reads again; a change of fragment does not.
 */
export function articleDate(doc: Document = document, url: string = location.href): ArticleDate {
  const key = pageKey(url);
  if (cached && cached.doc === doc && cached.key === key) return cached.value;
  const value = readArticleDate(doc, url);
  cached = { doc, key, value };
  return value;
}

/** Drops the cached dates (the page layer calls it on navigation). */
export function forgetArticleDate(): void {
  cached = undefined;
}
