import { afterEach, describe, expect, it } from 'vitest';
import { collectBlocks } from '../../src/page/collect.ts';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => root.replaceChildren());

describe('collectBlocks', () => {
  it('joins inline elements within a block and splits at block borders', () => {
    root.innerHTML = '<p>Serenity <em>Integrated</em> Mentoring</p><p>NHS England</p>';
    expect(collectBlocks(root).map((b) => b.text)).toEqual([
      'Serenity Integrated Mentoring',
      'NHS England',
    ]);
  });
});
