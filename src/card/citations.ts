/**
 * Citation numbering for one entry: every source the card cites, in order of first citation
 * (facts, the notes on contested facts, then the timeline), numbered from 1. The card, the copied
 * text and the Markdown all number from this one list, so "[2]" means the same source everywhere.
 *
 * Owns: the order and numbers. Never: renders or formats.
 */
import type { Entity, Source, StampedDataset } from '../dataset/schema.ts';

export interface Citations {
  /** Cited sources, in number order (number = index + 1). Unknown ids are skipped. */
  list: Source[];
  /** The number of a source id, or 0 when it is not in the dataset. */
  num(id: string): number;
}

export function citationsFor(entity: Entity, dataset: StampedDataset): Citations {
  const byId = new Map(dataset.sources.map((s) => [s.id, s]));
  const ids: string[] = [];
  const add = (list: readonly string[]) => {
    for (const id of list) if (byId.has(id) && !ids.includes(id)) ids.push(id);
  };
  for (const f of entity.facts) {
    add(f.sources);
    add(f.contested?.sources ?? []);
  }
  for (const e of entity.timeline ?? []) add(e.sources);
  return {
    list: ids.map((id) => byId.get(id)!),
    num: (id) => ids.indexOf(id) + 1,
  };
}

/** Only https links are ever made clickable (the dataset promises https; we check anyway). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
