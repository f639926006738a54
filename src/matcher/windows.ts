/**
 * Numeric cue windows (an alias kept only when a cue is within N characters): which candidate
 * needs the page's text around it, and which span of text could be such an alias.
 *
 * Owns: those two questions, asked of the tables. Never: reads a page or resolves a candidate.
 */
import type { MatchTables } from '../dataset/tables.ts';
import type { Candidate } from './scan.ts';

/** Letters and digits only, lower case: a span and an alias compared whatever their spacing. */
const squeeze = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export interface NumericWindows {
  /** The widest numeric window among the aliases a candidate could be (0: none). */
  of(c: Candidate): number;
  /** The widest numeric window of an alias the span's text could be (0: none). */
  ofSpan(span: string): number;
}

export function numericWindows(tables: MatchTables): NumericWindows {
  const window = tables.aliases.map((a) => Number(a.context?.window) || 0);
  const keys: [string, number][] = [];
  tables.aliases.forEach((a, i) => window[i]! > 0 && keys.push([squeeze(a.text), window[i]!]));
  return {
    of: (c) => Math.max(window[c.alias]!, ...(c.others ?? []).map((a) => window[a]!)),
    ofSpan: (span) => {
      const s = keys.length > 0 ? squeeze(span) : '';
      return Math.max(0, ...keys.map(([key, w]) => (s.includes(key) ? w : 0)));
    },
  };
}
