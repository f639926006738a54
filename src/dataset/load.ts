/**
 * Dataset loading for Node (build, scripts, tests): reads the data folder, validates it and stamps
 * it with a content hash.
 *
 * Owns: file-system access to `src/dataset/data/` and the hash. Never imported by code that runs
 * in the browser (the build turns the result into virtual modules; see `vite-plugin.ts`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StampedDataset } from './schema.ts';
import { formatProblem, validateDataset, type Problem, type RawFile } from './validate.ts';

export const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

export function readDatasetFiles(dir: string = DATA_DIR): RawFile[] {
  const out: RawFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        out.push({
          path: relative(dir, full).split(sep).join('/'),
          text: readFileSync(full, 'utf8'),
        });
    }
  };
  walk(dir);
  return out;
}

/** A stable hash of the dataset's content: the same data always gives the same hash. */
export function hashDataset(files: RawFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    h.update(f.path)
      .update('\0')
      .update(JSON.stringify(JSON.parse(f.text)))
      .update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

export class DatasetError extends Error {
  constructor(public problems: Problem[]) {
    super(
      `The dataset has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`,
    );
  }
}

/** Reads, validates and stamps the dataset; throws `DatasetError` listing every problem. */
export function loadDataset(dir: string = DATA_DIR): StampedDataset {
  const files = readDatasetFiles(dir);
  const { dataset, problems } = validateDataset(files);
  if (!dataset) throw new DatasetError(problems);
  return { ...dataset, hash: hashDataset(files) };
}
