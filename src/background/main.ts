/**
 * Background service worker (an event page in Firefox).
 *
 * Owns, one module each: the toolbar badge (`badge.ts`), per-site content-script registration
 * (`sites.ts`), the context-menu look-up (`lookup.ts`) and keyboard commands (`commands.ts`);
 * here, injecting the page layer's on-demand chunks into a frame (`page/chunks.ts`: the card UI on
 * first use, the marker where a page may hold a mention, the wrap renderer where used). Keeps no
 * state that matters in memory: every listener is registered at the top level of its module on
 * each start, and anything that must outlive the worker is in `storage` or derived again from
 * settings and permissions.
 * Never: reads page content; imports nothing from the page layer, card or pages.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import cardScript from '../card/main.iife.tsx?script';
import markerScript from '../page/marker.iife.ts?script';
import wrapScript from '../page/wrap.iife.ts?script';
import { onCalls, type BackgroundCalls } from '../shared/messages.ts';
import './card.ts';
import './badge.ts';
import './sites.ts';
import './lookup.ts';
import './commands.ts';
import './topic.ts';

/** Injects one of the page layer's on-demand chunks into the frame that asked for it. */
async function inject(file: string, sender: Runtime.MessageSender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false, error: 'no tab' };
  try {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [sender.frameId ?? 0] },
      files: [file],
    });
    return { ok: true };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

onCalls<BackgroundCalls>({
  'card/load': (_req, sender) => inject(cardScript, sender),
  'marker/load': (_req, sender) => inject(markerScript, sender),
  'wrap/load': (_req, sender) => inject(wrapScript, sender),
});
