/**
 * Look-ups: the context-menu item "Look up ‘%s’ in Context Cards" on a selection, and the same
 * look-up for other parts (`lookup/open`). A look-up opens the glossary in a new tab beside the
 * reader's, at the best match for the text (the glossary does the matching, over the bundled
 * dataset, so the worker does not load it).
 *
 * The glossary rather than the toolbar popup: it opens the same way in both browsers from any
 * context (`action.openPopup` needs a focused window in Chrome and user activation in Firefox),
 * and it has room for the whole entry with its timeline and sources.
 */
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { onCalls, type BackgroundCalls } from '../shared/messages.ts';

export const MENU_ID = 'context-cards-lookup';
const MAX_LOOKUP = 200;

/** The glossary URL for a look-up of `text`. */
export function lookupUrl(text: string): string {
  const q = text.replace(/\s+/g, ' ').trim().slice(0, MAX_LOOKUP);
  return browser.runtime.getURL(`src/glossary/index.html?lookup=${encodeURIComponent(q)}`);
}

export async function openLookup(text: string, openerTabId?: number): Promise<{ url: string }> {
  const url = lookupUrl(text);
  let index: number | undefined;
  if (openerTabId !== undefined) index = (await browser.tabs.get(openerTabId)).index + 1;
  await browser.tabs.create({ url, ...(openerTabId !== undefined ? { openerTabId, index } : {}) });
  return { url };
}

/** The menu item; `%s` is replaced by the browser with the selected text. */
export function menuItem(): browser.Menus.CreateCreatePropertiesType {
  return { id: MENU_ID, title: t('menuLookup'), contexts: ['selection'] };
}

async function createMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create(menuItem());
}

browser.runtime.onInstalled.addListener(() => void createMenu());
browser.runtime.onStartup.addListener(() => void createMenu());
browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return;
  void openLookup(info.selectionText, tab?.id);
});

onCalls<BackgroundCalls>({
  'lookup/open': ({ text, openerTabId }) => openLookup(text, openerTabId),
});
