/**
 * Reliability (issue 7): hostile dataset text, at build time.
 *
 * Proves: a dataset whose text fields are full of markup (`tests/fixtures/reliability/
 * xss-dataset/`) is valid data (markup in text is only text; the card renders it inert, see
 * `tests/dom/reliability-xss.test.ts`), while any source URL that is not https (`javascript:`,
 * `data:`, `http:`, protocol-relative, odd case or leading space) is rejected with one precise
 * line naming file, source and field, and that rejection fails the build (the Vite plugin the
 * build runs) and `check:data`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDatasetFiles } from '../../src/dataset/load.ts';
import { formatProblem, validateDataset, type RawFile } from '../../src/dataset/validate.ts';
import { generateDatasetModules } from '../../src/dataset/vite-plugin.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const FIXTURE = join(REPO, 'tests/fixtures/reliability/xss-dataset');

/** The fixture's files with the first source's URL replaced. */
function withUrl(url: string): RawFile[] {
  return readDatasetFiles(FIXTURE).map((f) => {
    if (f.path !== 'sources.json') return f;
    const sources = JSON.parse(f.text) as { url?: string }[];
    sources[0]!.url = url;
    return { ...f, text: JSON.stringify(sources, null, 2) };
  });
}

const BAD_URLS = [
  "javascript:window.__ccFixtureXss='url'",
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'http://example.org/',
  '//example.org/',
  'https:example.org',
  'HTTPS://EXAMPLE.ORG/',
];

describe('hostile dataset text at build time', () => {
  const tmp: string[] = [];
  afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('accepts markup in text fields as plain text (rendering, not validation, makes it inert)', () => {
    const { dataset, problems } = validateDataset(readDatasetFiles(FIXTURE));
    expect(problems).toEqual([]);
    expect(dataset!.entities[0]!.name).toContain('<img src=x onerror=');
  });

  it.each(BAD_URLS)('rejects the source URL %j with one precise line', (url) => {
    const { dataset, problems } = validateDataset(withUrl(url));
    expect(dataset).toBeUndefined();
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p).toMatchObject({ file: 'sources.json', entity: 'S-XSS-ONE', field: '[0].url' });
    expect(p!.message).toContain(url);
    expect(p!.message).toMatch(/https/);
    expect(formatProblem(p!)).toMatch(/^sources\.json: source "S-XSS-ONE": field \[0\]\.url: /);
  });

  it('fails the build and check:data, naming file, source and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-xss-dataset-'));
    tmp.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    const sources = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8'));
    sources[0].url = 'javascript:alert(1)';
    writeFileSync(join(dir, 'sources.json'), JSON.stringify(sources, null, 2));
    const line = 'sources.json: source "S-XSS-ONE": field [0].url: "javascript:alert(1)"';
    // The build: what the dataset plugin runs at config time throws (its output goes to a
    // temporary folder here, never over the real generated modules).
    const out = join(dir, 'out');
    expect(() => generateDatasetModules(dir, out)).toThrow(line);
    // The curator's check exits 1 with the same line.
    const r = spawnSync('npx', ['tsx', 'scripts/check-data.ts', '--dir', dir], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(line);
  }, 30_000);
});
