/**
 * `npm run check:data` as a curator runs it: one precise line per problem on stderr and a
 * non-zero exit for a broken folder; a one-line summary and exit 0 for the real dataset.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const checkData = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-data.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('check:data', () => {
  it('passes on the shipped dataset and prints its counts, version and hash', () => {
    const r = checkData();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^check:data: OK: \d+ entities, \d+ facts, \d+ timeline events, \d+ sources \(version [\w.-]+, hash [0-9a-f]{12}\)\n$/,
    );
  });

  it('fails on a broken folder with one line per problem', () => {
    const r = checkData('--dir', 'tests/fixtures/dataset/unknown-related');
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'entities/alpha.json: entity "alpha": field related[0].id: unknown related id "gamma"',
      expect.stringMatching(/^check:data: 1 problem\(s\) in .*unknown-related$/),
    ]);
  });

  it('fails clearly on a folder that does not exist', () => {
    const r = checkData('--dir', 'tests/fixtures/dataset/no-such-folder');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^check:data: cannot read .*no-such-folder: /);
  });
});
