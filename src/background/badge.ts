/**
 * The toolbar badge: how many entities the content script found in a tab's top frame.
 *
 * Owns: the badge text and colour per tab. The browser keeps per-tab badge state itself (and
 * clears it when the tab closes), so nothing here lives in the worker's memory.
 */
import browser from 'webextension-polyfill';
import { onCalls, type BackgroundCalls } from '../shared/messages.ts';

const BADGE_COLOUR = '#0b5c74';

onCalls<BackgroundCalls>({
  'page/report': async ({ mentions }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0) return;
    const text = mentions.length > 0 ? String(mentions.length) : '';
    await browser.action.setBadgeText({ tabId, text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR });
  },
});
