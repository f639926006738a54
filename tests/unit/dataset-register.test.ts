/**
 * Every URL in the dataset must be one the research registers list verbatim: the brief's §4 or
 * its additions' §2 (same format). No URL is invented, trimmed or "cleaned"; a URL in neither
 * register fails. Also holds the sources' ids and mirror flags to their register entries. Skips,
 * saying so, where the research files are absent.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import {
  ADDITIONS,
  ADDITIONS_REGISTER_SECTION,
  BRIEF,
  BRIEF_REGISTER_SECTION,
  NO_ADDITIONS,
  NO_BRIEF,
  register,
  section,
  urlsIn,
} from './helpers/brief.ts';

const dataset = loadDataset();
const HAVE = BRIEF !== undefined && ADDITIONS !== undefined;
const SKIP = HAVE ? '' : BRIEF ? NO_ADDITIONS : NO_BRIEF;
const briefEntries = BRIEF ? register(BRIEF, BRIEF_REGISTER_SECTION) : [];
const additionEntries = ADDITIONS ? register(ADDITIONS, ADDITIONS_REGISTER_SECTION) : [];
const entries = [...briefEntries, ...additionEntries];
const byId = new Map(entries.map((e) => [e.id, e]));
/** Every URL in either register, including lines without a source id (disambiguation examples). */
const listed = new Set([
  ...(BRIEF ? urlsIn(section(BRIEF, BRIEF_REGISTER_SECTION)) : []),
  ...(ADDITIONS ? urlsIn(section(ADDITIONS, ADDITIONS_REGISTER_SECTION)) : []),
]);

describe('sources against the registers (brief §4, additions §2)', () => {
  it.skipIf(!HAVE)(`parses both registers ${SKIP}`.trim(), () => {
    // The brief counts 133 URLs in its register, the additions 41 entries with 44 URLs; guard the
    // parser against silent breakage.
    expect(briefEntries.length).toBeGreaterThan(100);
    expect(urlsIn(section(BRIEF!, BRIEF_REGISTER_SECTION))).toHaveLength(133);
    expect(additionEntries).toHaveLength(41);
    expect(urlsIn(section(ADDITIONS!, ADDITIONS_REGISTER_SECTION))).toHaveLength(44);
    expect(listed.size).toBe(133 + 44);
    // Source ids are unique across the two files (the additions checked theirs against §4).
    expect(byId.size).toBe(entries.length);
  });

  it.skipIf(!HAVE)(`lists every dataset URL verbatim ${SKIP}`.trim(), () => {
    const unlisted = dataset.sources
      .filter((s) => s.url !== undefined && !listed.has(s.url))
      .map((s) => `${s.id}: ${s.url}`);
    expect(unlisted).toEqual([]);
  });

  it.skipIf(!HAVE)(`gives each source a URL from its own register entry ${SKIP}`.trim(), () => {
    const wrong = dataset.sources.flatMap((s) => {
      const entry = byId.get(s.id);
      if (!entry) return [`${s.id}: not in either register`];
      if (s.url !== undefined && !entry.urls.includes(s.url))
        return [`${s.id}: ${s.url} is not among the URLs of its register entry`];
      // https only: a source whose register URL is http keeps no url (a third-party https
      // copy named in passing on the same line is not the source's address).
      if (s.url === undefined && entry.urls[0]?.startsWith('https://'))
        return [`${s.id}: has no url but the register gives ${entry.urls[0]}`];
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it.skipIf(!HAVE)(`flags mirrors as the registers do ${SKIP}`.trim(), () => {
    const wrong = dataset.sources
      .filter((s) => byId.has(s.id) && (s.mirror ?? false) !== byId.get(s.id)!.mirror)
      .map((s) => `${s.id}: mirror is ${s.mirror ?? false}, register says ${!s.mirror}`);
    expect(wrong).toEqual([]);
  });

  it.skipIf(!ADDITIONS)(
    `never cites the page the additions call unreliable ${ADDITIONS ? '' : NO_ADDITIONS}`.trim(),
    () => {
      // Additions §3: a machine-generated page that misattributes quotations; it must stay out.
      const unreliable = urlsIn(section(ADDITIONS!, 3));
      expect(unreliable.length).toBeGreaterThan(0);
      expect(dataset.sources.filter((s) => s.url && unreliable.includes(s.url))).toEqual([]);
      expect(unreliable.filter((u) => listed.has(u))).toEqual([]);
    },
  );

  it('reads URLs the way the register writes them', () => {
    expect(
      urlsIn(
        '— https://a.example/x-(england-and-wales)-y — seen (copy: https://b.example/doc) ; https://c.example/z?q=1 — mirror',
      ),
    ).toEqual([
      'https://a.example/x-(england-and-wales)-y',
      'https://b.example/doc',
      'https://c.example/z?q=1',
    ]);
  });
});
