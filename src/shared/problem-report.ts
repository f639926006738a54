/**
 * "Report a problem": the report a reader sends about an entry or one of its facts — the entry,
 * the fact, the dataset version and hash, the reader's words and, only when the reader ticked it,
 * the page's address — as plain text to copy, and prefilled in the destination the build names
 * (a tracker's new-issue address or a `mailto:`), to open on the reader's click.
 *
 * The report's field names are fixed English, not UI strings: the report is read by the
 * maintainers, and one format in every locale keeps reports comparable.
 *
 * Owns: the report's text and title, the destination setting's format and the prefilled address.
 * Never: opens, sends, copies or stores anything.
 */

/** Where reports go: one build setting, `CC_REPORT_TO` (see the README). */
export type Destination = { kind: 'tracker'; url: string } | { kind: 'mailto'; url: string };

/** Longest prefilled address per kind: trackers reject longer requests (GitHub at about 8 KB);
 * mail handlers on some systems truncate `mailto:` links beyond about 2,000 characters. */
export const MAX_URL = { tracker: 8000, mailto: 2000 } as const;

const PLACEHOLDERS = /\{(?:title|body)\}/;

/**
 * The destination setting, checked: an https address (the text goes in `{title}` and `{body}`
 * where the address has them, else in `title` and `body` query parameters, as GitHub's
 * `…/issues/new` reads them), or `mailto:` with an address. Empty means none; anything else
 * throws, naming the problem.
 */
export function parseDestination(setting: string | undefined): Destination | undefined {
  const value = setting?.trim() ?? '';
  if (value === '') return undefined;
  const bad = (why: string) =>
    new Error(`CC_REPORT_TO must be an https address or mailto: (${why}): ${value}`);
  let url: URL;
  try {
    url = new URL(value.replace(/\{(title|body)\}/g, 'x'));
  } catch {
    throw bad('not an address');
  }
  if (url.protocol === 'mailto:') {
    if (!/^[^@\s?]+@[^@\s?]+$/.test(decodeURIComponent(url.pathname)))
      throw bad('no e-mail address');
    return { kind: 'mailto', url: value };
  }
  if (url.protocol !== 'https:') throw bad(`${url.protocol} is not https`);
  if (url.username || url.password) throw bad('credentials in the address');
  if (url.hash) throw bad('a fragment would hide the report');
  return { kind: 'tracker', url: value };
}

export interface ReportInput {
  entry: { id: string; name: string };
  /** The fact the report is about: its index in the entry's facts, and its text. */
  fact?: { index: number; text: string };
  dataset: { version: string; hash: string };
  /** What the reader says is wrong, in their words. */
  words: string;
  /** The page's address: in the report only when `includePage` is true. */
  page?: string;
  /** The reader ticked "include this page's address". */
  includePage: boolean;
  /** Where the report can open prefilled; none: the reader copies it. */
  destination?: Destination;
}

export interface ProblemReport {
  title: string;
  /** The whole report, as the reader copies it. */
  text: string;
  /** The destination, prefilled; absent without one. */
  url?: string;
  /** True when `url` carries a shortened text to stay within `MAX_URL` (`text` is whole). */
  shortened: boolean;
}

/** A query parameter's name, decoded where it can be. */
function paramName(pair: string): string {
  const name = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Tracking parameters say nothing about the page and something about the reader. */
const TRACKING =
  /^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|ocid|cmpid|igshid)$/i;

/**
 * The page's address as a report should carry it: a web address only, without credentials, its
 * fragment or tracking parameters.
 */
export function reportableAddress(page: string): string | undefined {
  let url: URL;
  try {
    url = new URL(page);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.hash = '';
  // The query read as text, not through `searchParams`: in a Firefox content script that is an
  // Xray-wrapped object whose iterators fail ("keys() is not iterable").
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !TRACKING.test(paramName(pair)));
  url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return url.href;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function reportTitle(input: ReportInput): string {
  const name = oneLine(input.entry.name).slice(0, 120);
  return input.fact ? `Report: ${name}, fact ${input.fact.index + 1}` : `Report: ${name}`;
}

function reportText(input: ReportInput): string {
  const lines = [`Entry: ${oneLine(input.entry.name)} (${input.entry.id})`];
  if (input.fact)
    lines.push(
      `Fact ${input.fact.index + 1} (facts[${input.fact.index}]): ${oneLine(input.fact.text)}`,
    );
  lines.push(`Dataset: ${input.dataset.version} (${input.dataset.hash})`);
  const page = input.includePage && input.page ? reportableAddress(input.page) : undefined;
  if (page) lines.push(`Page: ${page}`);
  const words = input.words
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  lines.push('', 'What is wrong:', words || '(nothing written)');
  return lines.join('\n');
}

const enc = encodeURIComponent;

function prefill(destination: Destination, title: string, body: string): string {
  if (destination.kind === 'mailto') {
    // RFC 6068: line breaks in a mailto body are CRLF.
    const crlf = body.replace(/\n/g, '\r\n');
    const sep = destination.url.includes('?') ? '&' : '?';
    return `${destination.url}${sep}subject=${enc(title)}&body=${enc(crlf)}`;
  }
  if (PLACEHOLDERS.test(destination.url))
    return destination.url.replace(/\{(title|body)\}/g, (_, k) =>
      enc(k === 'title' ? title : body),
    );
  const sep = destination.url.includes('?') ? '&' : '?';
  return `${destination.url}${sep}title=${enc(title)}&body=${enc(body)}`;
}

const MARK = '\n[…]';

/** The report, and the destination prefilled with it when the build names one. */
export function buildReport(input: ReportInput): ProblemReport {
  const title = reportTitle(input);
  const text = reportText(input);
  const destination = input.destination;
  if (!destination) return { title, text, shortened: false };
  const max = MAX_URL[destination.kind];
  const whole = prefill(destination, title, text);
  if (whole.length <= max) return { title, text, url: whole, shortened: false };
  // The longest start of the text (whole characters) that fits, marked as cut.
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (prefill(destination, title, chars.slice(0, mid).join('') + MARK).length <= max) lo = mid;
    else hi = mid - 1;
  }
  const url = prefill(destination, title, chars.slice(0, lo).join('') + MARK);
  return { title, text, url, shortened: true };
}
