/**
 * Numeric cue windows (`src/matcher/windows.ts`): which candidates and which spans of page text
 * need the text around them read, over the fixture tables ("section 136": 120 characters).
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/matcher/index.ts';
import { numericWindows } from '../../src/matcher/windows.ts';
import { FIXTURE_TABLES as T } from '../fixtures/engine/tables.ts';

describe('numeric windows', () => {
  const w = numericWindows(T);

  it('gives a span its alias’s window whatever its spacing, case and dashes', () => {
    expect(w.ofSpan('section 136')).toBe(120);
    expect(w.ofSpan('Section-136')).toBe(120);
    expect(w.ofSpan('SECTION  136')).toBe(120);
    expect(w.ofSpan('StopSIM')).toBe(0);
    expect(w.ofSpan('')).toBe(0);
  });

  it('gives a candidate the widest window among the aliases it could be', () => {
    const m = createMatcher(T);
    const text = 'Under section 136 and StopSIM.';
    const cands = m.candidates(text);
    const byText = (t: string) => cands.find((c) => text.slice(c.start, c.end) === t)!;
    expect(w.of(byText('section 136'))).toBe(120);
    expect(w.of(byText('StopSIM'))).toBe(0);
  });
});
