/**
 * The tab the popup acts on. Opened from the toolbar, it is the active tab of the window, whose
 * address the popup may read (the click grants `activeTab`). Opened as a page in a tab (tests,
 * or a user who opens it that way), `?tab=<id>` names the tab; where the extension may not read
 * that tab's address yet (a site it has no access to), `&host=<hostname>` supplies it, since
 * without it the popup could not offer to switch the site on.
 */
import browser from 'webextension-polyfill';
import { isValidHost } from '../shared/sites.ts';

export interface Target {
  tabId: number;
  url: string | undefined;
  host: string | undefined;
  /** The popup is a page in a tab, not the toolbar popup (it must not close itself). */
  inTab: boolean;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

export async function findTarget(): Promise<Target | undefined> {
  const params = new URLSearchParams(location.search);
  const tabParam = params.get('tab');
  if (tabParam !== null) {
    const tabId = Number(tabParam);
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (!tab) return undefined;
    const hinted = params.get('host') ?? '';
    const host = hostOf(tab.url) ?? (isValidHost(hinted) ? hinted.toLowerCase() : undefined);
    return { tabId, url: tab.url ?? (host ? `http://${host}/` : undefined), host, inTab: true };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined || tab.url === location.href) return undefined;
  return { tabId: tab.id, url: tab.url, host: hostOf(tab.url), inTab: false };
}
