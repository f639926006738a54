/**
 * The gate in the browser, with its patterns as the background builds them here: case-sensitive
 * keys in the same RegExps as the rest, through modifiers (`(?-i:…)`), which Node 20 lacks (the
 * unit tests cover the other form). The same cases as `tests/unit/matcher-properties.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import packed from 'virtual:cc-tables';
import { unpackTables } from '../../src/dataset/tables.ts';
import { supportsModifiers } from '../../src/matcher/gate-sources.ts';
import { gateCases } from '../support/matcher-text.ts';

describe('gate with RegExp modifiers', () => {
  it('is what this browser gets', () => {
    expect(supportsModifiers()).toBe(true);
  });
  gateCases(it, { modifiers: true }, unpackTables(packed), 1500);
});
