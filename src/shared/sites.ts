/**
 * Sites: where the extension runs. Pure functions shared by the content script (run gating), the
 * popup (the site switch), the options page and the background (per-site registration).
 *
 * Owns: what a "site" is (a hostname without a leading `www.`; a rule for a site covers its
 * subdomains), the match patterns we request and register for a site, reading the curated
 * default list from match patterns, the patterns that extend it to every host the dataset cites
 * (added at build time, `vite.config.ts`), and the one decision "does the extension run on this
 * host?".
 * Never: calls browser APIs or touches the DOM; callers pass in what the browser told them.
 */
import type { SiteMode, SiteRule, SitesSettings } from './settings.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** The site a hostname belongs to: lower case, no trailing dot, no leading `www.`. */
export function siteKey(host: string): string {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  return h.startsWith('www.') && h.length > 4 ? h.slice(4) : h;
}

/** True for a hostname we can write a match pattern for (no ports, paths or wildcards). */
export function isValidHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h.length > 0 && h.length <= 253 && (HOST.test(h) || IPV4.test(h));
}

/**
 * Turns what a user typed ("https://www.Example.org/news", "example.org") into a site key, or
 * undefined when it is not a hostname.
 */
export function parseSite(input: string): string | undefined {
  let s = input.trim();
  if (!s) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    try {
      s = new URL(s).hostname;
    } catch {
      return undefined;
    }
  } else s = s.split(/[/?#]/)[0]!.replace(/:\d+$/, '');
  return isValidHost(s) ? siteKey(s) : undefined;
}

/** The match pattern that covers a site and its subdomains, over http and https. */
export function sitePattern(key: string): string {
  return IPV4.test(key) || !key.includes('.') ? `*://${key}/*` : `*://*.${key}/*`;
}

/** The host part of a match pattern (`*.bbc.co.uk`, `news.sky.com`, `*`), if it has one. */
export function patternHost(pattern: string): string | undefined {
  const m = /^(\*|https?|wss?):\/\/([^/]+)\//.exec(pattern);
  return m?.[2];
}

/** Whether a match pattern's host part covers `host` (ports and paths are not considered). */
export function patternMatchesHost(pattern: string, host: string): boolean {
  if (pattern === '<all_urls>') return true;
  const ph = patternHost(pattern);
  if (!ph) return false;
  const h = host.toLowerCase();
  if (ph === '*') return true;
  if (ph.startsWith('*.')) {
    const base = ph.slice(2);
    return h === base || h.endsWith(`.${base}`);
  }
  return h === ph;
}

/**
 * Two-label names that are registries of many sites ("gov.uk" holds every council), where a
 * pattern for the site and its subdomains would cover far more than the one site cited.
 */
const REGISTRIES = /^(ac|co|gov|ltd|me|mod|net|nhs|org|plc|police|sch)\.uk$/;

/**
 * The match patterns to add to the default list so that it covers every host in `hosts` (the
 * hosts the dataset's sources cite): one pattern per site not yet covered, its subdomains
 * included, except a registry name ("gov.uk"), which gets its bare and `www.` hosts only.
 * Sorted; none already in `listed`.
 */
export function patternsForHosts(hosts: readonly string[], listed: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of hosts) {
    const host = raw.toLowerCase().replace(/\.$/, '');
    if (!isValidHost(host) || isListed(host, listed)) continue;
    const key = siteKey(host);
    if (REGISTRIES.test(key)) for (const h of [key, `www.${key}`]) out.add(`*://${h}/*`);
    else out.add(sitePattern(key));
  }
  return [...out].filter((p) => !listed.includes(p)).sort();
}

/** Whether `host` is on the curated default list (the manifest's static content-script matches). */
export function isListed(host: string, listed: readonly string[]): boolean {
  return listed.some((p) => patternMatchesHost(p, host));
}

/** The most specific rule covering `host`: its own site's, else the nearest parent site's. */
export function ruleFor(
  rules: Readonly<Record<string, SiteRule>>,
  host: string,
): { site: string; rule: SiteRule } | undefined {
  let k = siteKey(host);
  for (;;) {
    const rule = rules[k];
    if (rule) return { site: k, rule };
    const dot = k.indexOf('.');
    if (dot < 0) return undefined;
    k = k.slice(dot + 1);
  }
}

export type RunReason =
  /** A rule switched the site off (also how the blocked list is kept). */
  | 'blocked'
  /** The browser gives the extension no access to the host. */
  | 'no-access'
  /** Switched on by hand. */
  | 'switched-on'
  /** On the curated default list. */
  | 'listed'
  /** Mode "every site you allow", and the user has allowed this one. */
  | 'allowed'
  /** Mode "only sites switched on by hand". */
  | 'manual'
  /** Mode "default list", and the host is not on it. */
  | 'not-listed';

export interface SiteFacts {
  /** On the curated default list. */
  listed: boolean;
  /** The extension has host access here (a content script that is running has it). */
  granted: boolean;
}

/** Does the extension run on `host`? The one rule every part applies. */
export function decide(
  sites: Pick<SitesSettings, 'mode' | 'rules'>,
  host: string,
  facts: SiteFacts,
): { runs: boolean; reason: RunReason } {
  const rule = ruleFor(sites.rules, host)?.rule;
  if (rule === 'off') return { runs: false, reason: 'blocked' };
  if (!facts.granted) return { runs: false, reason: 'no-access' };
  if (rule === 'on') return { runs: true, reason: 'switched-on' };
  const mode: SiteMode = sites.mode;
  if (mode === 'manual') return { runs: false, reason: 'manual' };
  if (facts.listed) return { runs: true, reason: 'listed' };
  if (mode === 'allowed') return { runs: true, reason: 'allowed' };
  return { runs: false, reason: 'not-listed' };
}

/**
 * What the site switch does to the rules. Switching on removes a block and adds an "on" rule only
 * where the mode would not run the site anyway; switching off adds a block only where the site
 * would otherwise run, so turning off a site you turned on leaves no trace in the blocked list.
 * `facts.granted` is the access the extension will have once any permission change is made.
 */
export function switchRules(
  sites: Pick<SitesSettings, 'mode' | 'rules'>,
  host: string,
  on: boolean,
  facts: SiteFacts,
): Record<string, SiteRule> {
  const key = siteKey(host);
  const rules = { ...sites.rules };
  delete rules[key];
  const byDefault = decide({ mode: sites.mode, rules }, host, { ...facts, granted: true }).runs;
  if (on && !byDefault) rules[key] = 'on';
  if (!on && byDefault && facts.granted) rules[key] = 'off';
  return rules;
}

/** Sites with a given rule, sorted for display. */
export function sitesWith(rules: Readonly<Record<string, SiteRule>>, rule: SiteRule): string[] {
  return Object.keys(rules)
    .filter((k) => rules[k] === rule)
    .sort();
}
