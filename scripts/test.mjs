#!/usr/bin/env node
/**
 * `npm test`: everything CI checks, in order, then one summary line `N passed, N failed`.
 *
 *   browsers present (installs them on Debian/Ubuntu as root) → dataset check → type-check → lint
 *   → unit tests (Node) and DOM tests (real Chromium) → build both targets → web-ext lint
 *   → end-to-end tests in Chromium and Firefox against the built extension.
 *
 * Static checks count as one test each. A skipped test counts as failed: a run that skips the
 * browser tests is a failed run. Pass `--fast` to stop after the unit and DOM tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'reports');
mkdirSync(reports, { recursive: true });
const fast = process.argv.includes('--fast');
/** The e2e tests that measure CPU: run on their own, with nothing else on the machine's cores. */
const LOAD_TESTS = 'tests/e2e/reliability-load.e2e.ts';

/** name → { passed, failed } */
const tally = new Map();
const add = (suite, passed, failed) => {
  const t = tally.get(suite) ?? { passed: 0, failed: 0 };
  t.passed += passed;
  t.failed += failed;
  tally.set(suite, t);
};

function run(label, cmd, args) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args);
  add('checks', ok ? 1 : 0, ok ? 0 : 1);
  return ok;
}

/** Runs Vitest with a JSON report and tallies each test into a suite chosen by `suiteOf`. */
function vitest(label, args, file, suiteOf) {
  const out = join(reports, file);
  rmSync(out, { force: true });
  run(label, 'npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ]);
  if (!existsSync(out)) {
    add(label, 0, 1);
    console.log(`✘ ${label}: no report was written (the run crashed)`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  for (const f of report.testResults) {
    if (f.assertionResults.length === 0 && f.status === 'failed') add(suiteOf(f.name, ''), 0, 1);
    for (const t of f.assertionResults) {
      const suite = suiteOf(f.name, t.fullName ?? t.title);
      if (t.status === 'passed') add(suite, 1, 0);
      else add(suite, 0, 1);
    }
  }
}

if (!run('browsers', 'node', ['scripts/ensure-browsers.mjs'])) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
check('dataset check', 'npx', ['tsx', 'scripts/check-data.ts']);
check('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['eslint', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
vitest('unit + dom', [], 'unit.json', (file) =>
  file.includes('/tests/dom/') ? 'dom (chromium)' : 'unit (node)',
);
if (!fast) {
  const built = check('build', 'node', ['scripts/build.mjs']);
  if (built) {
    check('web-ext lint', 'npx', [
      'web-ext',
      'lint',
      '--source-dir',
      'dist/firefox',
      '--self-hosted',
      '--warnings-as-errors',
    ]);
    const byBrowser = (_file, name) =>
      name.startsWith('firefox')
        ? 'e2e (firefox)'
        : name.startsWith('chromium')
          ? 'e2e (chromium)'
          : 'e2e (other)';
    // Two files at a time (most of an e2e test is waiting on a browser), except the load tests,
    // which measure our share of the main thread and our longest task: alone, afterwards.
    vitest(
      'e2e',
      [
        '--config',
        'vitest.e2e.config.ts',
        '--exclude',
        LOAD_TESTS,
        '--fileParallelism',
        '--maxWorkers=2',
      ],
      'e2e.json',
      byBrowser,
    );
    vitest(
      'e2e (load, alone)',
      ['--config', 'vitest.e2e.config.ts', LOAD_TESTS],
      'e2e-load.json',
      byBrowser,
    );
  } else {
    add('e2e (chromium)', 0, 1);
    add('e2e (firefox)', 0, 1);
  }
}

let passed = 0;
let failed = 0;
console.log('\nSummary:');
for (const [suite, t] of tally) {
  console.log(`  ${suite.padEnd(16)} ${t.passed} passed, ${t.failed} failed`);
  passed += t.passed;
  failed += t.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
