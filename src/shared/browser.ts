/**
 * The WebExtension API object for everything that runs inside web pages (the content script and
 * the card it injects) and for the shared modules they use.
 *
 * Why not webextension-polyfill here: the content script loads on every listed page with a budget
 * of 20 KB gzip, and the polyfill is a tenth of it. Firefox exposes a promise-based `browser`;
 * Chrome's MV3 `chrome` returns promises from every call these modules make (storage,
 * `runtime.sendMessage`, `tabs.sendMessage`, `i18n`, `getManifest`). The one difference that
 * matters, a `runtime.onMessage` listener replying with a promise (Chrome ignores the returned
 * promise), is handled in `messages.ts` with `sendResponse`, which both browsers support. The
 * background worker and the extension pages keep using webextension-polyfill for their own calls.
 */
import type { Browser } from 'webextension-polyfill';

const g = globalThis as { browser?: Browser; chrome?: Browser };

export const browser: Browser = (g.browser?.runtime ? g.browser : g.chrome) as Browser;
