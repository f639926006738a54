/**
 * Build-time validation: the Vite dataset plugin refuses a broken dataset with the same precise
 * lines as `check:data`, and stamps a good one with its version and content hash.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DatasetError,
  hashDataset,
  loadDataset,
  readDatasetFiles,
} from '../../src/dataset/load.ts';
import {
  compileTables,
  packTables,
  unpackTables,
  type PackedTables,
} from '../../src/dataset/tables.ts';
import { datasetPlugin, generateDatasetModules } from '../../src/dataset/vite-plugin.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/dataset/', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'cc-dataset-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('dataset at build time', () => {
  it('fails the build on a broken dataset, naming file, entity and field', () => {
    const plugin = datasetPlugin(join(FIXTURES, 'summary-too-long'));
    const config = plugin.config as () => unknown;
    expect(() => config()).toThrow(DatasetError);
    expect(() => config()).toThrow(
      'The dataset has 1 problem(s):\nentities/alpha.json: entity "alpha": field summary: is 291 characters; the limit is 280',
    );
  });

  it('stamps the version and a content hash into the generated tables and dataset', () => {
    const dir = join(FIXTURES, 'valid');
    const paths = generateDatasetModules(dir, out);
    const tables = unpackTables(JSON.parse(readFileSync(paths.tables, 'utf8')) as PackedTables);
    const full = JSON.parse(readFileSync(paths.dataset, 'utf8')) as { hash: string };
    const hash = hashDataset(readDatasetFiles(dir));
    expect(tables.version).toBe('fixture');
    expect(tables.hash).toBe(hash);
    expect(full.hash).toBe(hash);
    // The matching tables carry no facts, sources or summaries.
    expect(JSON.stringify(tables)).not.toContain('Publisher One');
  });

  it('packs the real tables for the content script losslessly, and smaller', () => {
    const tables = compileTables(loadDataset());
    const packed = JSON.stringify(packTables(tables));
    expect(unpackTables(JSON.parse(packed) as PackedTables)).toEqual(tables);
    expect(packed.length).toBeLessThan(JSON.stringify(tables).length * 0.6);
  });

  it('hashes content, not formatting', () => {
    const files = readDatasetFiles(join(FIXTURES, 'valid'));
    const reformatted = files.map((f) => ({ ...f, text: JSON.stringify(JSON.parse(f.text)) }));
    expect(hashDataset(reformatted)).toBe(hashDataset(files));
    const edited = files.map((f) =>
      f.path === 'meta.json' ? { ...f, text: '{"version":"fixture-2"}' } : f,
    );
    expect(hashDataset(edited)).not.toBe(hashDataset(files));
  });
});
