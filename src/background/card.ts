/**
 * Background work for the card: "Open full entry" (the glossary page at an entity, in a new tab
 * next to the reader's) and the keyboard `commands` from the manifest, relayed to the active tab's
 * top frame as `tab/card-command` (the content script there moves its cursor or announces).
 *
 * Owns: those two calls. Never: reads page content, keeps state, or opens anything but our own
 * extension page.
 */
import browser from 'webextension-polyfill';
import { onCalls, sendToTab, type BackgroundCalls } from '../shared/messages.ts';
import { isCardCommand } from '../shared/shortcuts.ts';

export const GLOSSARY_PAGE = 'src/glossary/index.html';

export function glossaryUrl(entityId: string): string {
  return `${browser.runtime.getURL(GLOSSARY_PAGE)}#${encodeURIComponent(entityId)}`;
}

onCalls<BackgroundCalls>({
  'card/open-entry': async ({ entityId }, sender) => {
    const tab = sender.tab;
    await browser.tabs.create({
      url: glossaryUrl(entityId),
      ...(tab?.id !== undefined ? { openerTabId: tab.id, index: tab.index + 1 } : {}),
      ...(tab?.windowId !== undefined ? { windowId: tab.windowId } : {}),
    });
  },
});

browser.commands?.onCommand.addListener(async (command, tab) => {
  if (!isCardCommand(command)) return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  try {
    await sendToTab(tabId, 'tab/card-command', { command });
  } catch {
    // No content script in that tab (not a listed site, or an extension page): nothing to move.
  }
});
