/**
 * The popup's first screen written into its HTML at build time: the first rows of the list in
 * reading order, escaped, with the same labels the app renders.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.ts';
import { FIRST_ROWS, popupShell } from '../../src/popup/shell.ts';
import { byName } from '../../src/shared/search.ts';

const message = (key: string, subs: string[] = []) => `${key}${subs.length ? `(${subs})` : ''}`;

describe('popup shell', () => {
  it('lists the first rows of every entry in reading order, the first one selected', () => {
    const entries = byName(loadDataset().entities);
    const html = popupShell(entries, message, (k) => `kind:${k}`);
    const ids = [...html.matchAll(/data-entity="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(entries.slice(0, FIRST_ROWS).map((e) => e.id));
    expect(html.match(/aria-selected="true"/g)).toHaveLength(1);
    expect(html).toContain(`allEntries(${entries.length})`);
    expect(html).toContain(`kind:${entries[0]!.kind}`);
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('escapes what it writes', () => {
    const html = popupShell(
      [{ id: 'x', name: '<b>"A & B"</b>', kind: 'concept', summary: '1 < 2' }],
      message,
      () => 'k',
    );
    expect(html).toContain('&lt;b&gt;&quot;A &amp; B&quot;&lt;/b&gt;');
    expect(html).toContain('1 &lt; 2');
    expect(html).not.toContain('<b>');
  });
});
