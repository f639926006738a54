/**
 * The curator's scan tool (`npm run scan`), run as a curator runs it, against the shipped
 * Chromium build: JSON and human output, `--all`, whether the page touches the story and what was
 * held back, `--as` (a file served at its own address), and the one-line errors for an unreadable
 * file, a bad URL, and pages that never load or that the extension does not run on.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './harness/server.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function scan(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/scan.ts', ...args],
      { cwd: REPO, timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const ARTICLE = 'tests/fixtures/scan-article.html';
const OFF_TOPIC = 'tests/fixtures/topic/off-topic.html';
const OWN_SITE = 'tests/fixtures/topic/own-site.html';

describe('chromium: scan tool', () => {
  let local: Server;
  let base: string;
  beforeAll(async () => {
    // A host the extension does not run on, with a page that loads and one that never answers.
    local = createServer((req, res) => {
      if (req.url?.startsWith('/hang')) return;
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>Serenity Integrated Mentoring (SIM) and the StopSIM campaign.</p>');
    });
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    local.closeAllConnections();
    local.close();
  });

  it('--json prints exactly one JSON document: the first mention per entity', async () => {
    const r = await scan(ARTICLE, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      url: string;
      mentions: { entity: string; name: string; text: string; context: string; rule: string }[];
      timings: { markMs: number };
    };
    expect(doc.url).toBe('http://www.inews.co.uk/scan/scan-article.html');
    expect(typeof doc.timings.markMs).toBe('number');
    expect(doc.mentions.map((m) => `${m.text} → ${m.entity}`)).toEqual([
      'Serenity Integrated Mentoring → sim',
      'StopSIM Coalition → stopsim',
      'High Intensity Network → high-intensity-network',
      'NHS England → nhs-england',
      'Tim Kendall → tim-kendall',
      'section 136 → section-136',
    ]);
    for (const m of doc.mentions) {
      expect(m.name).toBeTruthy();
      expect(m.context).toContain(m.text.split(' ')[0]);
    }
    // It touches the story, by its first story mention; nothing was held back.
    expect((doc as unknown as { topic: unknown }).topic).toEqual({
      touches: true,
      by: { entity: 'sim', name: expect.any(String), text: 'Serenity Integrated Mentoring' },
    });
    expect((doc as unknown as { heldBack: unknown[] }).heldBack).toEqual([]);
  });

  it('says when a page does not touch the story, and what it held back and why', async () => {
    const r = await scan(OFF_TOPIC, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      mentions: unknown[];
      topic: { touches: boolean };
      heldBack: { entity: string; name: string; text: string; reason: string }[];
    };
    expect(doc.mentions).toEqual([]);
    expect(doc.topic).toEqual({ touches: false });
    expect(doc.heldBack.slice(0, 2)).toEqual([
      { entity: 'nhs-england', name: 'NHS England', text: 'NHS England', reason: 'off-topic' },
      {
        entity: 'rcn',
        name: expect.any(String),
        text: 'Royal College of Nursing',
        reason: 'off-topic',
      },
    ]);
    // The generic terms (A&E, "NIA Fellow") need a cue in their block: not even held back.
    expect(doc.heldBack.map((h) => h.text)).not.toContain('A&E');
    expect(doc.heldBack.map((h) => h.text)).not.toContain('NIA Fellow');
    const human = await scan(OFF_TOPIC);
    expect(human.stdout).toContain('touches the SIM story: no');
    expect(human.stdout).toContain(
      '\nHeld back (4):\n  - "NHS England": NHS England [nhs-england]: related term; the page does not touch the story\n',
    );
  });

  it('serves a file at its own address with --as, so the site rules apply', async () => {
    const r = await scan(OWN_SITE, '--as', 'https://www.hsj.co.uk/our-work/', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      url: string;
      heldBack: { entity: string; text: string; reason: string }[];
    };
    expect(doc.url).toBe('http://www.hsj.co.uk/our-work/');
    expect(doc.heldBack).toEqual([
      { entity: 'hsj', name: expect.any(String), text: 'HSJ', reason: 'own-site' },
    ]);
  });

  it('--all reports every mention with the rule and cues that fired', async () => {
    const r = await scan(ARTICLE, '--all', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      mentions: { entity: string; text: string; rule: string; alias: string; cues: string[] }[];
    };
    const sims = doc.mentions.filter((m) => m.entity === 'sim');
    // NHS England's letter's phrase "SIM or similar models" names the models: an alias of SIM.
    expect(sims.map((m) => m.text)).toEqual([
      'Serenity Integrated Mentoring',
      'SIM',
      'SIM',
      'SIM or similar models',
    ]);
    const hin = doc.mentions.filter((m) => m.text === 'HIN');
    expect(hin).toHaveLength(2);
    expect(hin[0]).toMatchObject({ entity: 'high-intensity-network', rule: 'cues', alias: 'HIN' });
    expect(hin[0]!.cues).toContain('High Intensity');
    // "SIM card" and the bare "CPN" never mark.
    expect(doc.mentions.length).toBe(13);
    expect(doc.mentions.some((m) => m.text === 'CPN')).toBe(false);
  });

  it('prints a readable report without --json', async () => {
    const r = await scan(ARTICLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^http:\/\/www\.inews\.co\.uk\/scan\/scan-article\.html: 6 mention\(s\) of 6 entities/,
    );
    expect(r.stdout).toContain('rule:    cues near alias "Tim Kendall": NHS, clinical director');
    expect(r.stdout).toContain(
      'touches the SIM story: yes, by "Serenity Integrated Mentoring": Serenity Integrated Mentoring (SIM) [sim]',
    );
  });

  it.each([
    [
      'an unreadable file',
      ['tests/fixtures/no-such-page.html'],
      /^scan: cannot read tests\/fixtures\/no-such-page\.html: no such file$/,
    ],
    ['a folder', ['tests/fixtures'], /^scan: cannot read tests\/fixtures: not a file$/],
    ['a bad URL', ['http://'], /^scan: bad URL "http:\/\/"$/],
    [
      'a non-web URL',
      ['ftp://example.org/a'],
      /^scan: bad URL "ftp:\/\/example\.org\/a": only http and https pages can be scanned$/,
    ],
    [
      'a host that does not resolve',
      ['http://no-such-host.invalid/'],
      /^scan: could not load http:\/\/no-such-host\.invalid\/: net::ERR_NAME_NOT_RESOLVED/,
    ],
  ])('fails in one line on %s', async (_name, args, line) => {
    const r = await scan(...args, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(line);
  });

  it('fails in one line on a page that never loads', async () => {
    const r = await scan(`${base}/hang`, '--timeout', '2000', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toBe(`scan: ${base}/hang did not load within 2 s`);
  });

  it('fails in one line on a site the extension does not run on', async () => {
    const r = await scan(`${base}/page.html`, '--timeout', '2000', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^scan: Context Cards did not answer on http:\/\/127\.0\.0\.1:\d+\/page\.html within 2 s \(is the site in the extension's site list\?\)/,
    );
  });

  it('explains its usage', async () => {
    const r = await scan('--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^scan: unknown option --bogus\nusage: npm run -s scan -- <file-or-url>/,
    );
  });
});
