/**
 * `npm run check:data [-- --dir PATH]`: validates the dataset (or a fixture folder) and prints one
 * precise line per problem (file, entity, field). Exit code 1 when there is any problem.
 */
import { resolve } from 'node:path';
import { DATA_DIR, hashDataset, readDatasetFiles } from '../src/dataset/load.ts';
import { formatProblem, validateDataset } from '../src/dataset/validate.ts';

const i = process.argv.indexOf('--dir');
const dir = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]!) : DATA_DIR;

let files;
try {
  files = readDatasetFiles(dir);
} catch (e) {
  console.error(`check:data: cannot read ${dir}: ${(e as Error).message}`);
  process.exit(1);
}
const { dataset, problems } = validateDataset(files);
if (!dataset) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`check:data: ${problems.length} problem(s) in ${dir}`);
  process.exit(1);
}
const facts = dataset.entities.reduce((n, e) => n + e.facts.length, 0);
const timeline = dataset.entities.reduce((n, e) => n + (e.timeline?.length ?? 0), 0);
console.log(
  `check:data: OK: ${dataset.entities.length} entities, ${facts} facts, ${timeline} timeline events, ` +
    `${dataset.sources.length} sources (version ${dataset.meta.version}, hash ${hashDataset(files)})`,
);
