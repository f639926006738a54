/**
 * Browser-level keyboard shortcuts (`commands` in the manifest; users change them on the
 * browser's shortcut page, linked from the options page). `_execute_action` (open the popup) is
 * handled by the browser itself.
 * - `toggle-site`: switch marking on this site on or off. Where the extension has no access yet,
 *   it opens the popup instead, which asks for it (a permission needs a click in the popup).
 * - `open-glossary`: open the glossary in a tab.
 */
import browser, { type Tabs } from 'webextension-polyfill';
import { canRunOn, siteStatus, switchSite } from '../shared/site-control.ts';

async function activeTab(tab?: Tabs.Tab): Promise<Tabs.Tab | undefined> {
  if (tab) return tab;
  const [t] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return t;
}

async function toggleSite(tab?: Tabs.Tab): Promise<void> {
  const t = await activeTab(tab);
  if (!t?.url || !canRunOn(t.url)) return;
  const status = await siteStatus(new URL(t.url).hostname);
  if (!status.runs && !status.granted) {
    await browser.action.openPopup().catch(() => undefined);
    return;
  }
  await switchSite(status.host, !status.runs);
}

browser.commands.onCommand.addListener((command, tab) => {
  if (command === 'toggle-site') void toggleSite(tab);
  else if (command === 'open-glossary')
    void browser.tabs.create({ url: browser.runtime.getURL('src/glossary/index.html') });
});
