/**
 * Citation numbering for one entry as shown: every source cited by what is visible, in order of
 * first citation, numbered from 1. The default view's parts come first (key facts and the notes on
 * them, then "since this article"), then, with More open, the other facts, the timeline. So the
 * numbers the default view shows stay the same when More opens, and the card, the copied text
 * and the Markdown all number from this one list: "[2]" means the same source everywhere.
 *
 * Owns: the order and numbers. Never: renders, formats dates, or names sources (see
 * `shared/source-names.ts`).
 */
import type { Entity, Source, StampedDataset } from '../dataset/schema.ts';
import type { SinceArticle } from '../shared/since.ts';
import { layersOf, sinceShown } from './view.ts';

/** `shown`: the default view; `full`: everything (More open, or "Copy full entry"). */
export type Scope = 'shown' | 'full';

export interface Citations {
  /** Cited sources, in number order (number = index + 1). Unknown ids are skipped. */
  list: Source[];
  /** The number of a source id, or 0 when it is not cited in this scope or not in the dataset. */
  num(id: string): number;
}

export function citationsFor(
  entity: Entity,
  dataset: StampedDataset,
  scope: Scope = 'full',
  since?: SinceArticle,
): Citations {
  const byId = new Map(dataset.sources.map((s) => [s.id, s]));
  const ids: string[] = [];
  const add = (list: readonly string[]) => {
    for (const id of list) if (byId.has(id) && !ids.includes(id)) ids.push(id);
  };
  const layers = layersOf(entity);
  const facts = scope === 'full' ? [layers.key, layers.events, layers.background] : [layers.key];
  for (const f of facts[0]!) {
    add(f.sources);
    add(f.contested?.sources ?? []);
  }
  for (const e of sinceShown(since)) add(e.sources);
  for (const f of facts.slice(1).flat()) {
    add(f.sources);
    add(f.contested?.sources ?? []);
  }
  if (scope === 'full') for (const e of entity.timeline ?? []) add(e.sources);
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
