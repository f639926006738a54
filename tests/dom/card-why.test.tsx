/**
 * "Why highlighted" for the story's rules (real Chromium, the card's own component): the rule
 * for an abbreviation the page defines, the site's own organisation and a story name, and why a
 * related term is shown on this page (the story mention, the story body's site, or the user).
 */
import '../support/card-i18n.ts';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reason } from '../../src/matcher/index.ts';
import { testDataset } from '../support/card-dataset.ts';
import { NO_HANDLERS } from './card-handlers.ts';

const { Card } = await import('../../src/card/Card.tsx');

const on = NO_HANDLERS;

/** The card's "Why highlighted" lines for a mention marked for `reason`. */
function why(reason: Reason, text = 'AS'): string[] {
  const mount = document.createElement('div');
  document.body.append(mount);
  render(
    <Card
      dataset={testDataset}
      entity={testDataset.entities[0]!}
      theme="light"
      dir="ltr"
      match={{ text, reason }}
      pinned={false}
      sourcesOpen={false}
      animate={false}
      on={on}
    />,
    mount,
  );
  const details = mount.querySelector<HTMLDetailsElement>('details.why')!;
  details.open = true;
  return [...details.querySelectorAll('li')].map((li) => li.textContent ?? '');
}

afterEach(() => document.body.replaceChildren());

describe('Why highlighted: the story’s rules', () => {
  it('quotes the page’s definition of an abbreviation', () => {
    expect(
      why({ rule: 'defined', alias: 'Alpha Scheme', cues: [], definition: 'Alpha Scheme (AS)' }),
    ).toEqual([
      'Matched text: “AS”',
      'Listed name: Alpha Scheme',
      'Rule: an abbreviation this page defines: “Alpha Scheme (AS)”.',
    ]);
  });

  it('names the site’s own organisation and the story names', () => {
    expect(why({ rule: 'site', alias: 'AS', cues: [], site: 'alpha.example' })[2]).toBe(
      'Rule: the abbreviation of the organisation whose own site this is.',
    );
    expect(why({ rule: 'story', alias: 'AS', cues: [] })[2]).toBe(
      'Rule: a short or ambiguous name from the SIM story, marked because this page touches the story.',
    );
  });

  it('says which story mention, site or choice shows a related term here', () => {
    const base = { rule: 'alias' as const, alias: 'Alpha Scheme', cues: [] };
    expect(why({ ...base, because: { entityId: 'beta', text: 'Beta Campaign' } })[3]).toBe(
      'Shown because this page mentions Beta Campaign.',
    );
    expect(why({ ...base, because: { entityId: 'beta', text: 'BC' } })[3]).toBe(
      'Shown because this page mentions Beta Campaign, as “BC”.',
    );
    expect(why({ ...base, because: { entityId: 'beta', site: 'beta.example' } })[3]).toBe(
      'Shown because this page is on the website of Beta Campaign.',
    );
    expect(why({ ...base, because: { user: 'option' } })[3]).toBe(
      'Shown because your options mark related terms on every page.',
    );
    expect(why({ ...base, because: { user: 'here' } })[3]).toBe(
      'Shown because you chose to show related terms on this page.',
    );
    expect(why(base)).toHaveLength(3);
  });
});
