/**
 * "What changed in this dataset version": the changelog the dataset ships with, arranged for the
 * glossary page — this version's changes, then the earlier versions'.
 *
 * Owns: picking and ordering changelog entries. Never: renders or formats dates for people.
 */
import type { ChangelogEntry, DatasetMeta } from '../dataset/schema.ts';

export interface ChangelogView {
  /** The version the extension ships. */
  version: string;
  /** What changed in `version`; absent when the changelog does not describe it. */
  current?: ChangelogEntry;
  /** Every other version's entry, newest first. */
  earlier: ChangelogEntry[];
}

/**
 * The changelog around the shipped version. An entry for another version is never shown as this
 * version's, even when it comes first (a curator who bumped the version without a line).
 */
export function changelogView(meta: DatasetMeta): ChangelogView {
  const entries = meta.changelog ?? [];
  const current = entries.find((e) => e.version === meta.version);
  const seen = new Set([meta.version]);
  const earlier = entries
    .filter((e) => !seen.has(e.version) && seen.add(e.version))
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => b.entry.date.localeCompare(a.entry.date) || a.i - b.i)
    .map(({ entry }) => entry);
  return current ? { version: meta.version, current, earlier } : { version: meta.version, earlier };
}
