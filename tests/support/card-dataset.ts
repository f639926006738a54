/**
 * A small synthetic dataset for card tests: every optional field the schema has (key facts, an
 * event and a state with its "as of", the support flag, timeline, contested facts, related
 * entries, look-alikes, mirrors, a described title, a source without a link and one with a
 * non-https link), so tests do not depend on the live entries' texts.
 */
import type { StampedDataset } from '../../src/dataset/schema.ts';
import type { SinceArticle } from '../../src/shared/since.ts';

export const testDataset: StampedDataset = {
  meta: { version: '2099.01.01-test' },
  hash: 'abcdef123456',
  sources: [
    {
      id: 'S-A',
      title: 'Position [letter]',
      publisher: 'Body A',
      date: '2023-03-10',
      url: 'https://example.org/a',
      kind: 'official-statement',
    },
    {
      id: 'S-B',
      title: 'Campaign update',
      publisher: 'Campaign B',
      date: '2021-06',
      url: 'http://example.org/insecure',
      kind: 'campaign-statement',
    },
    {
      id: 'S-C',
      title: 'Review',
      publisher: 'Reviewer C',
      date: 'undated',
      kind: 'independent-review',
      mirror: true,
    },
    {
      id: 'S-E',
      title: '[Board minutes on Alpha]',
      publisher: 'Trust E',
      date: '2024-03-05',
      url: 'https://example.org/e',
      kind: 'primary-document',
    },
    {
      id: 'S-D',
      title: 'History',
      publisher: 'Archive D',
      date: '2013',
      url: 'https://example.org/d',
      kind: 'journalism',
    },
  ],
  entities: [
    {
      id: 'alpha',
      name: 'Alpha Scheme',
      kind: 'programme',
      role: 'story',
      roleReason: 'A test fixture.',
      support: true,
      summary: 'A scheme used for testing the card.',
      aliases: [{ text: 'Alpha Scheme' }],
      facts: [
        {
          text: 'Campaign B said it had support.',
          type: 'event',
          date: { from: '2021', to: '2022-05' },
          sources: ['S-B', 'S-A'],
          evidence: 'campaign-statement',
          contested: { by: 'Reviewer C', note: 'the figures were not checked', sources: ['S-C'] },
        },
        {
          text: 'Alpha runs in two areas.',
          type: 'state',
          asOf: '2024-03',
          key: true,
          sources: ['S-E'],
          evidence: 'primary-document',
        },
        {
          text: 'Body A said the *scheme* must stop.',
          type: 'event',
          date: '2023-03-10',
          key: true,
          sources: ['S-A'],
          evidence: 'official-statement',
        },
        {
          text: 'Alpha was first tried in one town.',
          type: 'event',
          date: '2013',
          sources: ['S-D'],
          evidence: 'journalism',
        },
      ],
      timeline: [{ date: { from: '2013' }, text: 'First used.', sources: ['S-D'] }],
      related: [
        { id: 'beta', relation: 'was opposed by' },
        { id: 'missing', relation: 'points at nothing' },
      ],
      notThisOne: [
        { name: 'Alpha card', note: 'a phone part', id: 'beta' },
        { name: 'Alpha Test', note: 'unrelated' },
      ],
      lastReviewed: '2026-11-25',
    },
    {
      id: 'beta',
      name: 'Beta Campaign',
      kind: 'campaign',
      role: 'context',
      roleReason: 'A test fixture.',
      summary: 'A campaign used for testing the card.',
      aliases: [{ text: 'Beta Campaign' }],
      facts: [{ text: 'Beta began in 2021.', sources: ['S-B'], evidence: 'campaign-statement' }],
      related: [{ id: 'alpha', relation: 'campaigned against' }],
      lastReviewed: '2026-10-01',
    },
  ],
};

/** A "since this article" for card tests: the article's date and the developments shown. */
export function sinceOf(
  since: string,
  events: { date: string; text: string; sources: string[]; key?: boolean }[],
  more = 0,
  states: SinceArticle['states'] = [],
): SinceArticle {
  return {
    since,
    events: events.map((e) => ({
      key: false,
      ...e,
      entityId: 'alpha',
      entityIds: ['alpha'],
    })),
    more,
    states,
  };
}
