/**
 * Smaller views of the dataset for the extension's own pages, made at build time so that a page
 * parses only what its first screen needs.
 *
 * Owns: `virtual:cc-entries`, the entry list the popup shows and searches (id, name, kind, role,
 * summary and alias texts: a sixth of the full dataset), emitted as `JSON.parse("…")`, which a
 * browser parses far faster than the same data as a JavaScript literal. Never: validates the
 * dataset (the dataset plugin does, first) or changes what the card loads.
 */
import type { Plugin } from 'vite';
import { loadDataset } from '../src/dataset/load.ts';
import type { Entity } from '../src/dataset/schema.ts';

/** What the popup knows of an entry before one is opened. */
export type EntryView = Pick<Entity, 'id' | 'name' | 'kind' | 'role' | 'summary'> & {
  aliases: { text: string }[];
};

export function entryViews(entities: readonly Entity[]): EntryView[] {
  return entities.map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    role: e.role,
    summary: e.summary,
    aliases: e.aliases.map((a) => ({ text: a.text })),
  }));
}

const ID = 'virtual:cc-entries';
const RESOLVED = `\0${ID}`;

export function pagesData(): Plugin {
  return {
    name: 'context-cards:pages-data',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const json = JSON.stringify(entryViews(loadDataset().entities));
      return `export default JSON.parse(${JSON.stringify(json)});\n`;
    },
  };
}
