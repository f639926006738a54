/**
 * Background service worker (an event page in Firefox).
 *
 * Owns: injecting the card UI into a frame on first use, the toolbar badge, and (later) context
 * menus, commands and per-site registration. Keeps no state that matters in memory: anything that
 * must outlive the worker goes to `storage`.
 * Never: reads page content; imports nothing from the page layer, card or pages.
 */
import browser from 'webextension-polyfill';
import cardScript from '../card/main.iife.tsx?script';
import { onCalls, type BackgroundCalls } from '../shared/messages.ts';
import './card.ts';

onCalls<BackgroundCalls>({
  'page/report': async ({ mentions }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0) return;
    const text = mentions.length > 0 ? String(mentions.length) : '';
    await browser.action.setBadgeText({ tabId, text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#0b5c74' });
  },
  'card/load': async (_req, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { ok: false, error: 'no tab' };
    try {
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [sender.frameId ?? 0] },
        files: [cardScript],
      });
      return { ok: true };
    } catch (e) {
      return { ok: false, error: String(e) };
    }
  },
});
