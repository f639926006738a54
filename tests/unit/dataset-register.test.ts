/**
 * Every URL in the dataset must be one the research brief's §4 source register lists verbatim:
 * no URL is invented, trimmed or "cleaned". Also holds the sources' ids and mirror flags to the
 * register. Skips, saying so, where `../shared/research/sim-dataset-brief.md` is absent.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { BRIEF, NO_BRIEF, register, section, urlsIn } from './helpers/brief.ts';

const dataset = loadDataset();
const entries = BRIEF ? register(BRIEF) : [];
const byId = new Map(entries.map((e) => [e.id, e]));
/** Every URL in §4, including lines without a source id (e.g. disambiguation-only examples). */
const listed = new Set(BRIEF ? urlsIn(section(BRIEF, 4)) : []);

describe('sources against the brief §4 register', () => {
  it.skipIf(!BRIEF)(`parses the register ${BRIEF ? '' : NO_BRIEF}`.trim(), () => {
    // The brief counts 133 URLs in its register; guard the parser against silent breakage.
    expect(entries.length).toBeGreaterThan(100);
    expect(urlsIn(section(BRIEF!, 4))).toHaveLength(133);
    expect(listed.size).toBe(133);
  });

  it.skipIf(!BRIEF)(`lists every dataset URL verbatim ${BRIEF ? '' : NO_BRIEF}`.trim(), () => {
    const unlisted = dataset.sources
      .filter((s) => s.url !== undefined && !listed.has(s.url))
      .map((s) => `${s.id}: ${s.url}`);
    expect(unlisted).toEqual([]);
  });

  it.skipIf(!BRIEF)(
    `gives each source a URL from its own register entry ${BRIEF ? '' : NO_BRIEF}`.trim(),
    () => {
      const wrong = dataset.sources.flatMap((s) => {
        const entry = byId.get(s.id);
        if (!entry) return [`${s.id}: not in the register`];
        if (s.url !== undefined && !entry.urls.includes(s.url))
          return [`${s.id}: ${s.url} is not among the URLs of its register entry`];
        // https only: a source whose register URL is http keeps no url (a third-party https
        // copy named in passing on the same line is not the source's address).
        if (s.url === undefined && entry.urls[0]?.startsWith('https://'))
          return [`${s.id}: has no url but the register gives ${entry.urls[0]}`];
        return [];
      });
      expect(wrong).toEqual([]);
    },
  );

  it.skipIf(!BRIEF)(`flags mirrors as the register does ${BRIEF ? '' : NO_BRIEF}`.trim(), () => {
    const wrong = dataset.sources
      .filter((s) => byId.has(s.id) && (s.mirror ?? false) !== byId.get(s.id)!.mirror)
      .map((s) => `${s.id}: mirror is ${s.mirror ?? false}, register says ${!s.mirror}`);
    expect(wrong).toEqual([]);
  });

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
