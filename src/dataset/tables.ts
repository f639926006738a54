/**
 * Compiled tables: the small, matching-only view of the dataset that ships in the content script.
 *
 * Owns: the `MatchTables` shape and `compileTables` (dataset → tables). Facts, sources and
 * summaries stay out of the tables so the script loaded on every page stays small; the card
 * loads the full dataset on first use.
 * Never: builds RegExps or automata (that is the matcher's job) or touches the DOM.
 */
import type { ContextRule, Entity, EntityKind, StampedDataset } from './schema.ts';

export interface TableEntity {
  id: string;
  name: string;
  kind: EntityKind;
}

export interface TableAlias {
  text: string;
  /** Index into `MatchTables.entities`. */
  entity: number;
  caseSensitive: boolean;
  suffixes: string[];
  /** Absent for unambiguous aliases. */
  context?: Required<ContextRule>;
  exclude: string[];
}

export interface MatchTables {
  version: string;
  hash: string;
  entities: TableEntity[];
  aliases: TableAlias[];
}

function aliasesOf(entity: Entity, index: number): TableAlias[] {
  return entity.aliases.map((a) => ({
    text: a.text,
    entity: index,
    caseSensitive: a.caseSensitive ?? false,
    suffixes: a.suffixes ?? [],
    ...(a.context
      ? {
          context: {
            cues: a.context.cues,
            window: a.context.window,
            longForm: a.context.longForm ?? true,
          },
        }
      : {}),
    exclude: a.exclude ?? [],
  }));
}

export function compileTables(dataset: StampedDataset): MatchTables {
  return {
    version: dataset.meta.version,
    hash: dataset.hash,
    entities: dataset.entities.map(({ id, name, kind }) => ({ id, name, kind })),
    aliases: dataset.entities.flatMap(aliasesOf),
  };
}
