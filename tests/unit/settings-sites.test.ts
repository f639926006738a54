/** Sites: site keys, match patterns, the default list, and the one "does it run here?" rule. */
import { describe, expect, it } from 'vitest';
import type { SitesSettings } from '../../src/shared/settings.ts';
import {
  decide,
  isListed,
  parseSite,
  patternMatchesHost,
  patternsForHosts,
  ruleFor,
  siteKey,
  sitePattern,
  switchRules,
} from '../../src/shared/sites.ts';
import manifest from '../../manifest.json';
import { citedHosts, manifestFor } from '../../vite.config.ts';
import { loadDataset } from '../../src/dataset/load.ts';

const LISTED = manifest.content_scripts[0]!.matches;

describe('sites', () => {
  it('derives site keys and patterns', () => {
    expect(siteKey('WWW.Inews.co.uk.')).toBe('inews.co.uk');
    expect(siteKey('news.bbc.co.uk')).toBe('news.bbc.co.uk');
    expect(sitePattern('example.org')).toBe('*://*.example.org/*');
    expect(sitePattern('127.0.0.1')).toBe('*://127.0.0.1/*');
    expect(sitePattern('localhost')).toBe('*://localhost/*');
    expect(parseSite('https://www.Example.org/a?b')).toBe('example.org');
    expect(parseSite('example.org:8080/x')).toBe('example.org');
    expect(parseSite('not a host')).toBeUndefined();
    expect(parseSite('')).toBeUndefined();
  });

  it('matches hosts against patterns, subdomains included', () => {
    expect(patternMatchesHost('*://*.bbc.co.uk/*', 'bbc.co.uk')).toBe(true);
    expect(patternMatchesHost('*://*.bbc.co.uk/*', 'www.bbc.co.uk')).toBe(true);
    expect(patternMatchesHost('*://*.bbc.co.uk/*', 'notbbc.co.uk')).toBe(false);
    expect(patternMatchesHost('*://news.sky.com/*', 'sky.com')).toBe(false);
    expect(patternMatchesHost('*://*/*', 'anything.org')).toBe(true);
  });

  it('keeps the hosts the tests use on the default list, and not the unlisted one', () => {
    expect(isListed('www.inews.co.uk', LISTED)).toBe(true);
    expect(isListed('www.onthewight.com', LISTED)).toBe(true);
    expect(isListed('www.example-unlisted.org', LISTED)).toBe(false);
    expect(manifest.host_permissions).not.toContain('<all_urls>');
    expect(manifest.host_permissions).not.toContain('*://*/*');
    expect(manifest.host_permissions).toEqual(LISTED);
  });

  it('picks the most specific rule', () => {
    const rules = { 'bbc.co.uk': 'off', 'news.bbc.co.uk': 'on' } as const;
    expect(ruleFor(rules, 'www.bbc.co.uk')?.rule).toBe('off');
    expect(ruleFor(rules, 'live.news.bbc.co.uk')).toEqual({ site: 'news.bbc.co.uk', rule: 'on' });
    expect(ruleFor(rules, 'example.org')).toBeUndefined();
  });

  const sites = (mode: SitesSettings['mode'], rules: SitesSettings['rules'] = {}) => ({
    mode,
    rules,
  });
  const listed = { listed: true, granted: true };
  const unlisted = { listed: false, granted: false };
  const allowed = { listed: false, granted: true };

  it('decides where the extension runs, for every mode', () => {
    expect(decide(sites('default-list'), 'www.inews.co.uk', listed).runs).toBe(true);
    expect(decide(sites('default-list'), 'x.org', unlisted).reason).toBe('no-access');
    expect(decide(sites('default-list'), 'x.org', allowed).reason).toBe('not-listed');
    expect(decide(sites('allowed'), 'x.org', allowed).reason).toBe('allowed');
    expect(decide(sites('manual'), 'www.inews.co.uk', listed).reason).toBe('manual');
    expect(decide(sites('manual', { 'inews.co.uk': 'on' }), 'www.inews.co.uk', listed).runs).toBe(
      true,
    );
    expect(decide(sites('allowed', { 'inews.co.uk': 'off' }), 'www.inews.co.uk', listed)).toEqual({
      runs: false,
      reason: 'blocked',
    });
  });

  it('switches a listed site off with a block, and on again by removing it', () => {
    const off = switchRules(sites('default-list'), 'www.inews.co.uk', false, listed);
    expect(off).toEqual({ 'inews.co.uk': 'off' });
    expect(switchRules(sites('default-list', off), 'www.inews.co.uk', true, listed)).toEqual({});
  });

  it('switches an unlisted site on with a rule, and off without leaving a block', () => {
    const on = switchRules(sites('default-list'), 'www.example-unlisted.org', true, unlisted);
    expect(on).toEqual({ 'example-unlisted.org': 'on' });
    const off = switchRules(sites('default-list', on), 'www.example-unlisted.org', false, unlisted);
    expect(off).toEqual({});
  });

  it('in manual mode, switching a listed site on adds an "on" rule', () => {
    expect(switchRules(sites('manual'), 'www.inews.co.uk', true, listed)).toEqual({
      'inews.co.uk': 'on',
    });
  });

  it('blocks a site that runs because of a broader grant', () => {
    expect(switchRules(sites('allowed'), 'x.org', false, allowed)).toEqual({ 'x.org': 'off' });
  });

  it('extends the default list to cited hosts: one pattern per site, registries host by host', () => {
    const listed = ['*://*.bbc.co.uk/*'];
    expect(
      patternsForHosts(
        [
          'www.bbc.co.uk',
          'www.england.nhs.uk',
          'england.nhs.uk',
          'www.gov.uk',
          'gov.uk',
          'issuu.com.',
        ],
        listed,
      ),
    ).toEqual(['*://*.england.nhs.uk/*', '*://*.issuu.com/*', '*://gov.uk/*', '*://www.gov.uk/*']);
    expect(patternsForHosts(['news.bbc.co.uk', 'not a host'], listed)).toEqual([]);
  });
});

describe('the default list as built', () => {
  const dataset = loadDataset();
  const cited = dataset.sources.flatMap((s) => (s.url ? [new URL(s.url).hostname] : []));

  it('covers every https host the dataset cites, in both builds, as content script and permission', () => {
    expect(cited.length).toBeGreaterThan(0);
    expect([...new Set(citedHosts())].sort()).toEqual([...new Set(cited)].sort());
    for (const browser of ['chrome', 'firefox'] as const) {
      const m = manifestFor(browser) as unknown as typeof manifest;
      const matches = m.content_scripts[0]!.matches;
      const uncovered = cited.filter((h) => !isListed(h.replace(/\.$/, ''), matches));
      expect({ browser, uncovered }).toEqual({ browser, uncovered: [] });
      expect(m.host_permissions).toEqual(matches);
      expect(new Set(matches).size).toBe(matches.length);
      for (const p of matches) expect(p).toMatch(/^\*:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
    }
  });

  it('keeps the curated list first and adds no registry-wide pattern', () => {
    const m = manifestFor('chrome') as unknown as typeof manifest;
    expect(m.content_scripts[0]!.matches.slice(0, LISTED.length)).toEqual(LISTED);
    expect(m.content_scripts[0]!.matches).not.toContain('*://*.gov.uk/*');
    expect(m.content_scripts[0]!.matches).not.toContain('*://*.nhs.uk/*');
  });
});
