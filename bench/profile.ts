/**
 * `npx tsx bench/profile.ts PAGE [--wrap] [--all] [--runs=N] [--cpu] [--trace] [--alloc]`: the
 * engine's time per phase on one bench page (fresh loads; min and median), with the floor for
 * scale; `--cpu` adds the
 * functions with the most self time (CDP profiler; `CC_TOP=N` lists N, `CC_INTERVAL=µs` sets the
 * sampling interval); `--trace` lists the longest main-thread tasks of the last run and what ran
 * in them (Chromium trace events; `CC_TRACE_FILE=F` also writes the trace); `--alloc`, the bytes each function allocated in the last run
 * (sampled, garbage included). A development aid, not part of `npm run bench`.
 */
import { writeFileSync } from 'node:fs';
import { loadDataset } from '../src/dataset/load.ts';
import { compileTables } from '../src/dataset/tables.ts';
import { densePage } from './lib/generate.ts';
import { CORPUS, benchData, buildBundle, call, launch, open } from './lib/harness.ts';
import { longTasks } from './lib/trace.ts';
import { startBenchServer } from './lib/server.ts';

const name = process.argv[2] ?? 'dense';
const all = process.argv.includes('--all') || name === 'dense';
const tables = compileTables(loadDataset());
// Unminified: the profiles name our functions.
const bundle = await buildBundle({ file: 'bench-dev.js', minify: false });
const server = await startBenchServer({ corpus: CORPUS, dense: densePage(tables) });
const browser = await launch();
const marking = {
  ...(all ? { density: 'all', capPerPage: 100000 } : {}),
  renderer: process.argv.includes('--wrap') ? 'wrap' : 'highlight',
};
const url = server.url(name === 'dense' ? '/dense.html' : `/corpus/${name}.html`);
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const rows: Record<string, number>[] = [];
const data = benchData(tables);
for (let r = 0; r < runs; r++) {
  const page = await open(browser, bundle, url, server.origin, data);
  const floor = (await call(page, 'floor')).ms;
  await page.close();
  const p2 = await open(browser, bundle, url, server.origin, data);
  const cpu = process.argv.includes('--cpu');
  const cdp = cpu ? await p2.context().newCDPSession(p2) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', {
      interval: Number(process.env.CC_INTERVAL ?? 100),
    });
    await cdp.send('Profiler.start');
  }
  const alloc = process.argv.includes('--alloc') && r === runs - 1;
  const heap = alloc ? await p2.context().newCDPSession(p2) : undefined;
  if (heap) {
    await heap.send('HeapProfiler.enable');
    await heap.send('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const tracing = process.argv.includes('--trace') && r === runs - 1;
  if (tracing)
    await browser.startTracing(p2, {
      categories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'disabled-by-default-v8.gc',
      ],
    });
  const m = await call(p2, 'engine', marking);
  if (heap) {
    const { profile } = await heap.send('HeapProfiler.stopSampling');
    type N = (typeof profile)['head'];
    const bytes = new Map<string, number>();
    const visit = (n: N) => {
      const f = n.callFrame;
      const k = `${f.functionName || '(anon)'} :${f.lineNumber}`;
      bytes.set(k, (bytes.get(k) ?? 0) + n.selfSize);
      for (const c of n.children) visit(c);
    };
    visit(profile.head);
    const top = Number(process.env.CC_TOP ?? 20);
    const all = [...bytes.values()].reduce((a, b) => a + b, 0);
    console.log(`allocated (sampled, KB; ${(all / 1024).toFixed(0)} KB in all), by function:`);
    for (const [k, v] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log((v / 1024).toFixed(0).padStart(7), k);
  }
  if (tracing) {
    await p2.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    if (process.env.CC_TRACE_FILE) writeFileSync(process.env.CC_TRACE_FILE, JSON.stringify(trace));
    console.log('longest tasks (ms) and what ran in them (ms, summed by event name):');
    for (const t of longTasks(trace, 5))
      console.log(
        t.ms.toFixed(1).padStart(7),
        t.inside.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '),
      );
  }
  rows.push({
    floor,
    engine: m.ms ?? 0,
    work: m.workMs ?? 0,
    longestSlice: m.longestSliceMs ?? 0,
    ...m.phases,
  });
  if (cdp && r === runs - 1) {
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = (id: number) => {
      const f = byId.get(id)!.callFrame;
      return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    };
    const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
    // Self time goes to the sampled function; total time once to each distinct function on
    // the sample's stack.
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    const dt = profile.timeDeltas ?? [];
    profile.samples!.forEach((id, i) => {
      const ms = (dt[i] ?? 0) / 1000;
      add(self, keyOf(id), ms);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const k = keyOf(at);
        if (seen.has(k)) continue;
        seen.add(k);
        add(total, k, ms);
      }
    });
    const top = Number(process.env.CC_TOP ?? 20);
    console.log('self ms:');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(v.toFixed(1).padStart(7), k);
    console.log('total ms (self and callees):');
    for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(v.toFixed(1).padStart(7), k);
  }
  await p2.close();
}
const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
const stat = (k: string) => {
  const xs = rows.map((r) => r[k] ?? 0).sort((a, b) => a - b);
  return `${k} ${xs[0]!.toFixed(2)}/${xs[xs.length >> 1]!.toFixed(2)}`;
};
console.log(`${name} (min/median of ${runs}):`, keys.map(stat).join('  '));
await browser.close();
await server.close();
