/**
 * The site switch, as the popup and the keyboard command run it: what the browser says about a
 * host (on the list? access granted?), and switching a site on or off.
 *
 * Owns: turning "switch this site on/off" into settings rules (`sites.ts` decides which) and, for
 * sites outside the default list, giving back the host permission when a site is switched off
 * (least privilege: the extension keeps no access it does not use).
 * Never: *requests* a permission. That needs a user gesture and must be called synchronously from
 * the click handler (see the popup); this module only records the user's choice.
 */
import { browser } from './browser.ts';
import type { SiteRule, SitesSettings } from './settings.ts';
import { loadSettings, updateSettings } from './settings-store.ts';
import {
  decide,
  isListed,
  ruleFor,
  sitePattern,
  siteKey,
  switchRules,
  type RunReason,
} from './sites.ts';

export interface SiteStatus {
  host: string;
  site: string;
  /** The pattern the extension requests and registers for this site. */
  pattern: string;
  listed: boolean;
  /** The extension has host access here (listed hosts unless revoked, or granted by the user). */
  granted: boolean;
  rule: SiteRule | undefined;
  runs: boolean;
  reason: RunReason;
  mode: SitesSettings['mode'];
}

/** The curated default list: the manifest's static content-script matches. */
export function listedPatterns(): string[] {
  return browser.runtime.getManifest().content_scripts?.[0]?.matches ?? [];
}

/** Pages an extension can never run on (browser pages, other extensions, stores). */
export function canRunOn(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    return !/^(chrome\.google\.com|chromewebstore\.google\.com|addons\.mozilla\.org)$/.test(
      u.hostname,
    );
  } catch {
    return false;
  }
}

export async function siteStatus(host: string): Promise<SiteStatus> {
  const { settings } = await loadSettings();
  const site = siteKey(host);
  const listed = isListed(host, listedPatterns());
  const granted = await browser.permissions.contains({ origins: [`*://${host}/*`] });
  const { runs, reason } = decide(settings.sites, host, { listed, granted });
  return {
    host,
    site,
    pattern: sitePattern(site),
    listed,
    granted,
    rule: ruleFor(settings.sites.rules, host)?.rule,
    runs,
    reason,
    mode: settings.sites.mode,
  };
}

/**
 * Records a site switched on or off. Switching on assumes access is granted (or being requested
 * by the caller); switching off a site outside the default list also gives back its permission.
 */
export async function switchSite(host: string, on: boolean): Promise<void> {
  const listed = isListed(host, listedPatterns());
  let granted = on;
  if (!on) {
    const own = sitePattern(siteKey(host));
    const ownListed = listedPatterns().includes(own);
    if (!listed && !ownListed && (await browser.permissions.contains({ origins: [own] })))
      await browser.permissions.remove({ origins: [own] });
    granted = await browser.permissions.contains({ origins: [`*://${host}/*`] });
  }
  await updateSettings('sites', (sites) => ({
    ...sites,
    rules: switchRules(sites, host, on, { listed, granted }),
  }));
}
