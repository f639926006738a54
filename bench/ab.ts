/**
 * `npm run bench:ab -- REV [--runs N] [--pages a,b]`: the engine of the working tree (A) against
 * the engine at git revision REV (B), in one run, on the bench's pages (`bench/run.ts`).
 *
 * The machine's speed drifts from one run to the next (an engine / floor median of 3.2 to 4.6 for
 * the same code), so two builds measured in separate runs cannot be told apart. Here every round
 * loads each page fresh three times: the floor, then A and B in turns (A first in even rounds, B
 * first in odd ones), so a change of machine load hits both alike. B is built from a git worktree
 * at REV (in the system's temporary folder, removed at the end) with its own `bench/page/entry.ts`, dataset
 * and gate patterns; the pages are the same for both.
 *
 * Prints, per page, the floor and each engine's median (ms and × floor), and B / A; then the
 * median × floor of each across the real pages, the median and spread of B / A, and the median
 * and highest A / B (this tree's cost over REV's: docs/perf.md#targets).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDataset } from '../src/dataset/load.ts';
import { compileTables } from '../src/dataset/tables.ts';
import { densePage } from './lib/generate.ts';
import {
  CORPUS,
  ROOT,
  args,
  benchData,
  benchPages,
  buildBundle,
  call,
  fmt,
  launch,
  load,
  median,
  open,
  option,
  type BenchData,
} from './lib/harness.ts';
import { startBenchServer } from './lib/server.ts';

const rev = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!rev) {
  console.error('usage: npm run bench:ab -- REV [--runs N] [--pages a,b]');
  process.exit(2);
}
const RUNS = Math.max(1, Number(option('--runs') ?? 7));
const git = (...a: string[]) =>
  execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const commit = git('rev-parse', '--short', `${rev}^{commit}`);
const tree = join(tmpdir(), `context-cards-ab-${commit}`);
if (existsSync(tree)) git('worktree', 'remove', '--force', tree);
git('worktree', 'add', '--detach', tree, commit);
try {
  // The worktree builds with this checkout's packages.
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
  await compare(commit, tree);
} finally {
  git('worktree', 'remove', '--force', tree);
}

/** The tables and gate patterns of the tree at `root`, made by its own code. */
async function dataOf(root: string): Promise<BenchData> {
  const mod = (path: string) => import(pathToFileURL(join(root, path)).href);
  const [{ loadDataset: loadB }, { compileTables: compileB, packTables: packB }, gates] =
    await Promise.all([
      mod('src/dataset/load.ts'),
      mod('src/dataset/tables.ts'),
      mod('src/matcher/gate-sources.ts'),
    ]);
  const tables = compileB(loadB());
  return { packed: packB(tables), gate: gates.gateSources(tables, { modifiers: true }) };
}

async function compare(commit: string, tree: string): Promise<void> {
  console.log(`Context Cards A/B: working tree (A) against ${commit} (B); load average ${load()}`);
  const tables = compileTables(loadDataset());
  const a = {
    bundle: await buildBundle({ file: 'ab-a.js' }),
    data: benchData(tables),
  };
  const b = {
    bundle: await buildBundle({ root: tree, file: 'ab-b.js' }),
    data: await dataOf(tree),
  };
  const dense = densePage(tables);
  const server = await startBenchServer({ corpus: CORPUS, dense });
  const list = benchPages(server, dense, option('--pages')?.split(','));
  const browser = await launch();
  const started = Date.now();
  const rows: { page: string; floor: number; a: number; b: number }[] = [];
  for (const p of list) {
    const marking = p.name === 'dense-1mb' ? { density: 'all', capPerPage: 100000 } : {};
    const t = { floor: [] as number[], a: [] as number[], b: [] as number[] };
    const engine = async (side: 'a' | 'b') => {
      const s = side === 'a' ? a : b;
      const page = await open(browser, s.bundle, p.url, server.origin, s.data);
      t[side].push((await call(page, 'engine', marking)).ms);
      await page.close();
    };
    for (let r = 0; r < RUNS; r++) {
      const page = await open(browser, a.bundle, p.url, server.origin, a.data);
      t.floor.push((await call(page, 'floor')).ms);
      await page.close();
      for (const side of r % 2 ? (['b', 'a'] as const) : (['a', 'b'] as const)) await engine(side);
    }
    const row = { page: p.name, floor: median(t.floor), a: median(t.a), b: median(t.b) };
    rows.push(row);
    console.log(
      `  ${row.page.padEnd(18)} floor ${fmt(row.floor, 2).padStart(6)}  A ${fmt(row.a, 2).padStart(7)} (×${fmt(row.a / row.floor, 2)})  B ${fmt(row.b, 2).padStart(7)} (×${fmt(row.b / row.floor, 2)})  B/A ${fmt(row.b / row.a, 2)}`,
    );
  }
  await browser.close();
  await server.close();
  const real = rows.filter((r) => r.page !== 'dense-1mb');
  const ratios = rows.map((r) => r.b / r.a);
  console.log(
    `\nMedians over ${RUNS} fresh loads each; ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${load()} at end.`,
  );
  if (real.length > 0)
    console.log(
      `  engine / floor, median across real pages: A ${fmt(median(real.map((r) => r.a / r.floor)), 2)}, B ${fmt(median(real.map((r) => r.b / r.floor)), 2)}`,
    );
  console.log(
    `  B / A per page: median ${fmt(median(ratios), 2)}, from ${fmt(Math.min(...ratios), 2)} to ${fmt(Math.max(...ratios), 2)}`,
  );
  // The other way round, as a change's cost is read: this tree's time over REV's.
  const costs = rows.map((r) => r.a / r.b);
  const worst = rows[costs.indexOf(Math.max(...costs))]!.page;
  console.log(
    `  A / B per page: median ${fmt(median(costs), 2)}, highest ${fmt(Math.max(...costs), 2)} (${worst})`,
  );
}
