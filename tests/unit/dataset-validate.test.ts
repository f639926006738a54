/**
 * The dataset validator, one broken fixture per rule: each fixture under
 * `tests/fixtures/dataset/<rule>/` is the valid fixture with exactly one mistake, and the test
 * asserts the exact line(s) a curator sees from `npm run check:data` and the build.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDatasetFiles } from '../../src/dataset/load.ts';
import { formatProblem, validateDataset } from '../../src/dataset/validate.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/dataset/', import.meta.url));

const CASES: [rule: string, lines: string[]][] = [
  [
    'unknown-source',
    ['entities/alpha.json: entity "alpha": field facts[0].sources[0]: unknown source id "S-NOPE"'],
  ],
  [
    'unknown-related',
    ['entities/alpha.json: entity "alpha": field related[0].id: unknown related id "gamma"'],
  ],
  [
    'fact-without-source',
    ['entities/beta.json: entity "beta": field facts[1].sources: fact has no source'],
  ],
  ['source-without-title', ['sources.json: source "S-ONE": field [0].title: is missing']],
  ['source-without-publisher', ['sources.json: source "S-TWO": field [1].publisher: is missing']],
  [
    'source-without-date',
    ['sources.json: source "S-ONE": field [0].date: is missing (use "undated" when none is known)'],
  ],
  [
    'non-https-url',
    ['sources.json: source "S-ONE": field [0].url: "http://example.org/one" is not an https URL'],
  ],
  [
    'shared-alias-without-rule',
    [
      'entities/beta.json: entity "beta": field aliases[1].text: alias is also claimed by "alpha"; every claimant needs a context rule to tell them apart',
    ],
  ],
  [
    'summary-too-long',
    ['entities/alpha.json: entity "alpha": field summary: is 291 characters; the limit is 280'],
  ],
  [
    // A duplicate entity id can only come from a second file, whose name then differs from the id.
    'duplicate-entity-id',
    [
      'entities/alpha-copy.json: entity "alpha": field id: "alpha" does not match the file name "alpha-copy.json"',
      'entities/alpha.json: entity "alpha": field id: duplicate entity id "alpha" (also in entities/alpha-copy.json)',
    ],
  ],
  [
    'duplicate-source-id',
    ['sources.json: source "S-TWO": field [2].id: duplicate source id "S-TWO"'],
  ],
  ['missing-last-reviewed', ['entities/beta.json: entity "beta": field lastReviewed: is missing']],
  [
    'uncited-source',
    ['sources.json: source "S-THREE": field [2].id: is not cited by any fact or timeline event'],
  ],
  [
    'duplicate-url',
    [
      'sources.json: source "S-TWO": field [1].url: the same URL is already given for source "S-ONE"',
    ],
  ],
  [
    'bad-evidence-label',
    [
      'entities/beta.json: entity "beta": field facts[0].evidence: must be one of primary-document, official-statement, professional-body-statement, independent-review, academic-paper, journalism, campaign-statement, promoter-claim, personal-account',
    ],
  ],
  [
    // Issue 24: a fact says when it held; a state-like fact with neither date nor asOf fails.
    'fact-without-type',
    [
      'entities/beta.json: entity "beta": field facts[0].type: is missing: a fact is an "event" (with a date) or a "state" (with asOf)',
    ],
  ],
  [
    'state-without-as-of',
    [
      'entities/alpha.json: entity "alpha": field facts[1].asOf: is missing: a state says as of when it held (the date of its newest source)',
    ],
  ],
  [
    'event-without-date',
    [
      'entities/beta.json: entity "beta": field facts[0].date: is missing: an event says when it happened',
    ],
  ],
  [
    'as-of-before-source',
    [
      'entities/alpha.json: entity "alpha": field facts[1].asOf: "2021" is older than its source "S-TWO" (2022-01): a state is as of its newest source',
    ],
  ],
  [
    'contested-by-a-page',
    [
      'entities/alpha.json: entity "alpha": field facts[1].contested.by: "one line of the page" names a document, not a party: put a typo, slip or inconsistent page in the fact\'s text',
    ],
  ],
];

describe('dataset validation', () => {
  it('accepts the valid fixture (every rule below breaks exactly one thing in it)', () => {
    const { dataset, problems } = validateDataset(readDatasetFiles(join(FIXTURES, 'valid')));
    expect(problems.map(formatProblem)).toEqual([]);
    expect(dataset?.entities.map((e) => e.id)).toEqual(['alpha', 'beta']);
  });

  it.each(CASES)('catches %s with a precise line', (rule, lines) => {
    const { dataset, problems } = validateDataset(readDatasetFiles(join(FIXTURES, rule)));
    expect(dataset).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(lines);
  });

  it('has a broken fixture for every rule the issue lists', () => {
    const required = [
      'unknown-source',
      'unknown-related',
      'fact-without-source',
      'source-without-title',
      'source-without-publisher',
      'source-without-date',
      'non-https-url',
      'shared-alias-without-rule',
      'summary-too-long',
      'duplicate-entity-id',
      'duplicate-source-id',
      'missing-last-reviewed',
      'state-without-as-of',
      'event-without-date',
    ];
    expect(CASES.map(([rule]) => rule)).toEqual(expect.arrayContaining(required));
  });

  it('checks contested and timeline citations too', () => {
    const files = readDatasetFiles(join(FIXTURES, 'valid'));
    const alpha = JSON.parse(files.find((f) => f.path === 'entities/alpha.json')!.text);
    alpha.facts[1].contested.sources = ['S-GONE'];
    alpha.timeline[0].sources = ['S-LOST'];
    const patched = files.map((f) =>
      f.path === 'entities/alpha.json' ? { ...f, text: JSON.stringify(alpha) } : f,
    );
    expect(validateDataset(patched).problems.map(formatProblem)).toEqual([
      'entities/alpha.json: entity "alpha": field facts[1].contested.sources[0]: unknown source id "S-GONE"',
      'entities/alpha.json: entity "alpha": field timeline[0].sources[0]: unknown source id "S-LOST"',
    ]);
  });

  it('dates a fact one way only: an event by its date, a state by asOf', () => {
    const files = readDatasetFiles(join(FIXTURES, 'valid'));
    const alpha = JSON.parse(files.find((f) => f.path === 'entities/alpha.json')!.text);
    alpha.facts[0].asOf = '2021';
    alpha.facts[1].date = '2021';
    alpha.facts[1].type = 'opinion';
    const patched = files.map((f) =>
      f.path === 'entities/alpha.json' ? { ...f, text: JSON.stringify(alpha) } : f,
    );
    expect(validateDataset(patched).problems.map(formatProblem)).toEqual([
      'entities/alpha.json: entity "alpha": field facts[0].asOf: belongs to a state; an event has a date',
      'entities/alpha.json: entity "alpha": field facts[1].type: must be one of event, state',
    ]);
  });

  it('names a file that is not valid JSON', () => {
    const files = readDatasetFiles(join(FIXTURES, 'valid')).map((f) =>
      f.path === 'entities/beta.json' ? { ...f, text: '{ "id": "beta", ' } : f,
    );
    const lines = validateDataset(files).problems.map(formatProblem);
    expect(lines[0]).toMatch(/^entities\/beta\.json: is not valid JSON \(/);
    // References to beta now fail too, each naming its field.
    expect(lines.slice(1)).toEqual([
      'entities/alpha.json: entity "alpha": field related[0].id: unknown related id "beta"',
      'entities/alpha.json: entity "alpha": field notThisOne[0].id: unknown entity id "beta"',
    ]);
  });
});
