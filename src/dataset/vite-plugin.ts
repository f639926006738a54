/**
 * Build-time bridge from the dataset folder to the bundles. At config time it validates the
 * dataset (a broken one fails the build with one line per problem: file, entity, field), then
 * writes two generated modules and aliases them:
 * - `virtual:cc-tables`: the compiled matching tables, packed (content script, on every page;
 *   `unpackTables` restores them);
 * - `virtual:cc-dataset`: the full stamped dataset (card, popup, glossary; loaded on use).
 * Aliases rather than virtual-module hooks, because crxjs builds IIFE content scripts in a
 * sub-build that runs no plugins but does inherit `resolve.alias`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { DATA_DIR, loadDataset } from './load.ts';
import { compileTables, packTables } from './tables.ts';

const OUT_DIR = fileURLToPath(new URL('../../node_modules/.context-cards/', import.meta.url));

/** Validates the dataset and writes the generated modules; returns their paths. */
export function generateDatasetModules(dir: string = DATA_DIR, outDir: string = OUT_DIR) {
  const dataset = loadDataset(dir);
  mkdirSync(outDir, { recursive: true });
  const tables = join(outDir, 'tables.json');
  const full = join(outDir, 'dataset.json');
  writeFileSync(tables, JSON.stringify(packTables(compileTables(dataset))));
  writeFileSync(full, JSON.stringify(dataset));
  return { tables, dataset: full, stamped: dataset };
}

export function datasetPlugin(dir: string = DATA_DIR): Plugin {
  return {
    name: 'context-cards:dataset',
    enforce: 'pre',
    config() {
      const out = generateDatasetModules(dir);
      return {
        resolve: {
          alias: [
            { find: /^virtual:cc-tables$/, replacement: out.tables },
            { find: /^virtual:cc-dataset$/, replacement: out.dataset },
          ],
        },
      };
    },
  };
}
