/**
 * Compiles the dataset's match tables into the plain list of phrases both scanners work from.
 *
 * Owns: turning aliases, exclusions and cues into normalised keys (see `chars.ts`), and the
 * hashtag forms of multi-word aliases ("#NHSEngland"). Never: scans text.
 */
import type { MatchTables } from '../dataset/tables.ts';
import { normalise } from './chars.ts';

export interface Entry {
  /** Folded, lower-case, single-spaced: what the scanner compares against. */
  key: string;
  /** Variant-folded but case-kept: compared when `caseSensitive`. */
  literal: string;
  /** Index into `tables.aliases`, or -1 for an exclusion phrase (consumed, never marked). */
  alias: number;
  caseSensitive: boolean;
  /** Only valid straight after a '#': the spaceless hashtag form of a multi-word alias. */
  hashOnly: boolean;
  /** Normalised suffixes allowed after the alias ("'s"). */
  suffixes: string[];
}

export interface Cue {
  key: string;
  /** The cue as the dataset spells it, for the card's "why highlighted". */
  label: string;
}

export interface Compiled {
  tables: MatchTables;
  entries: Entry[];
  cues: Cue[];
  /** For each alias: the ids of the cues that confirm it (empty for unambiguous aliases). */
  aliasCues: number[][];
}

export function compile(tables: MatchTables): Compiled {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const push = (e: Entry) => {
    const id = `${e.key}\0${e.alias < 0 ? -1 : tables.aliases[e.alias]!.entity}\0${e.hashOnly}\0${e.caseSensitive ? e.literal : ''}`;
    if (e.key.length === 0 || seen.has(id)) return;
    seen.add(id);
    entries.push(e);
  };

  tables.aliases.forEach((a, i) => {
    const suffixes = a.suffixes.map((s) => normalise(s)).filter((s) => s.length > 0);
    const key = normalise(a.text);
    const literal = normalise(a.text, true);
    // "#StopSIM" is the hashtag form of "StopSIM": matched after a '#', like every hashtag, so
    // that the longest name still wins ("#StopSIM Coalition").
    const hashOnly = key.startsWith('#');
    push({
      key: hashOnly ? key.slice(1) : key,
      literal: hashOnly ? literal.slice(1) : literal,
      alias: i,
      caseSensitive: a.caseSensitive,
      hashOnly,
      suffixes,
    });
    for (const ex of a.exclude)
      push({
        key: normalise(ex),
        literal: normalise(ex, true),
        alias: -1,
        caseSensitive: false,
        hashOnly: false,
        suffixes: [],
      });
  });
  // Hashtags join the words of a name: "#SerenityIntegratedMentoring", "#NHSEngland".
  tables.aliases.forEach((a, i) => {
    const key = normalise(a.text);
    if (!key.includes(' ') || key.startsWith('#')) return;
    push({
      key: key.replaceAll(' ', ''),
      literal: normalise(a.text, true).replaceAll(' ', ''),
      alias: i,
      caseSensitive: a.caseSensitive,
      hashOnly: true,
      suffixes: [],
    });
  });
  // Exclusions first: where an exclusion and an alias share a key, the exclusion wins.
  entries.sort((x, y) => (x.alias < 0 ? 0 : 1) - (y.alias < 0 ? 0 : 1));

  const cues: Cue[] = [];
  const cueIds = new Map<string, number>();
  const aliasCues = tables.aliases.map((a) =>
    (a.context?.cues ?? []).flatMap((label) => {
      const key = normalise(label);
      if (!key) return [];
      let id = cueIds.get(key);
      if (id === undefined) {
        id = cues.length;
        cueIds.set(key, id);
        cues.push({ key, label });
      }
      return [id];
    }),
  );
  return { tables, entries, cues, aliasCues };
}
