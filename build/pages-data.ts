/**
 * Smaller views of the dataset for the extension's own pages, made at build time so that a page
 * parses only what its first screen needs.
 *
 * Owns: `virtual:cc-entries`, the entry list the popup shows and searches (id, name, kind, role,
 * summary and alias texts: a sixth of the full dataset), `virtual:cc-story`, what the glossary's
 * first screen shows (`src/glossary/brief.ts`), the popup's first screen written into its HTML
 * (`src/popup/shell.ts`), and the form of the full dataset in the
 * extension's pages: both are emitted as `JSON.parse("…")`, which a browser parses, compiles and
 * caches far faster than the same data as a JavaScript literal. Never: validates the dataset (the
 * dataset plugin does, first) or changes what the card's content-script bundle holds (its
 * sub-build runs no plugins).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { loadDataset } from '../src/dataset/load.ts';
import type { Entity } from '../src/dataset/schema.ts';
import { storyBrief } from '../src/glossary/brief.ts';
import { popupShell } from '../src/popup/shell.ts';
import { byName } from '../src/shared/search.ts';

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
/** A path rather than a "\0" id: its chunk gets a name Chrome accepts (files may not start "_"). */
const RESOLVED = fileURLToPath(
  new URL('../node_modules/.context-cards/entries.js', import.meta.url),
);

const STORY = 'virtual:cc-story';
const STORY_RESOLVED = fileURLToPath(
  new URL('../node_modules/.context-cards/story.js', import.meta.url),
);

/** The generated full dataset (`virtual:cc-dataset`, see src/dataset/vite-plugin.ts). */
const FULL = /[\\/]\.context-cards[\\/]dataset\.json$/;

const AS_JS = '.js';
const parsed = (json: string) => `export default JSON.parse(${JSON.stringify(json)});\n`;

type Messages = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** A message from the English locale, as `browser.i18n.getMessage` would give it. */
function messageFrom(messages: Messages) {
  return (key: string, substitutions: string[] = []) => {
    const m = messages[key];
    if (!m) throw new Error(`pages-data: no message ${key}`);
    return m.message.replace(/\$([A-Za-z_]+)\$/g, (_, name: string) => {
      const content = m.placeholders?.[name.toLowerCase()]?.content ?? '';
      return substitutions[Number(content.slice(1)) - 1] ?? '';
    });
  };
}

export function pagesData(): Plugin {
  return {
    name: 'context-cards:pages-data',
    enforce: 'pre',
    // The full dataset's file is taken over before the JSON plugin sees it, under an id that
    // does not end in ".json".
    resolveId(id) {
      if (id === ID) return RESOLVED;
      if (id === STORY) return STORY_RESOLVED;
      return FULL.test(id) ? `${id}${AS_JS}` : undefined;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        if (!/[\\/]src[\\/]popup[\\/]index\.html$/.test(ctx.filename)) return html;
        const file = new URL('../public/_locales/en/messages.json', import.meta.url);
        const message = messageFrom(JSON.parse(readFileSync(file, 'utf8')) as Messages);
        const shell = popupShell(byName(loadDataset().entities), message, (kind) =>
          message(`kind_${kind.replace(/-/g, '_')}`),
        );
        return html.replace('<div id="app"></div>', `<div id="app">${shell}</div>`);
      },
    },
    load(id) {
      if (id === RESOLVED) return parsed(JSON.stringify(entryViews(loadDataset().entities)));
      if (id === STORY_RESOLVED) return parsed(JSON.stringify(storyBrief(loadDataset())));
      if (id.endsWith(AS_JS) && FULL.test(id.slice(0, -AS_JS.length)))
        return parsed(readFileSync(id.slice(0, -AS_JS.length), 'utf8'));
      return undefined;
    },
  };
}
