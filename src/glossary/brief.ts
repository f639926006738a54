/**
 * What the glossary's first screen needs, and nothing more: the story in brief (its centre, key
 * facts and timeline), the references those cite (number and one-line name) and the entries they
 * link to, and the letters of the A–Z bar. Computed at build time (`build/pages-data.ts`) so the
 * first screen paints before the full dataset is parsed.
 *
 * Owns: that selection. Pure. Never: renders.
 */
import type { Fact, StampedDataset } from '../dataset/schema.ts';
import { sourceLine } from '../shared/source-names.ts';
import {
  keyFacts,
  letters,
  sourceOrder,
  storyCentre,
  storyTimeline,
  type TimelineItem,
} from './model.ts';

export interface RefInfo {
  /** The source's number in the sources index. */
  n: number;
  /** Its one-line name (`sourceLine`). */
  line: string;
}

export interface StoryBriefData {
  centre: { id: string; name: string; summary: string; facts: Fact[] } | undefined;
  events: TimelineItem[];
  refs: Record<string, RefInfo>;
  /** Entity id → name, for the links the first screen shows. */
  names: Record<string, string>;
  /** Letters of the A–Z bar that have entries. */
  letters: string[];
  /** The dataset's version and content hash, for the footer. */
  version: string;
  hash: string;
}

/** Every source's number and one-line name, in the sources index's order. */
export function refInfo(dataset: Pick<StampedDataset, 'sources'>): Map<string, RefInfo> {
  return new Map(
    sourceOrder(dataset.sources).map((s, i) => [s.id, { n: i + 1, line: sourceLine(s) }]),
  );
}

export function storyBrief(
  dataset: Pick<StampedDataset, 'entities' | 'sources' | 'meta' | 'hash'>,
): StoryBriefData {
  const c = storyCentre(dataset.entities);
  const centre = c && { id: c.id, name: c.name, summary: c.summary, facts: keyFacts(c) };
  const events = storyTimeline(dataset);
  const all = refInfo(dataset);
  const refs: Record<string, RefInfo> = {};
  const cite = (ids: readonly string[]) => {
    for (const id of ids) if (all.has(id)) refs[id] = all.get(id)!;
  };
  for (const f of centre?.facts ?? []) {
    cite(f.sources);
    cite(f.contested?.sources ?? []);
  }
  for (const e of events) cite(e.sources);
  const byId = new Map(dataset.entities.map((e) => [e.id, e.name]));
  const names: Record<string, string> = {};
  for (const id of [...(centre ? [centre.id] : []), ...events.map((e) => e.entityId)])
    names[id] = byId.get(id) ?? id;
  return {
    centre,
    events,
    refs,
    names,
    letters: letters(dataset.entities).map(([l]) => l),
    version: dataset.meta.version,
    hash: dataset.hash,
  };
}
