/**
 * Helpers for the pages e2e tests (`pages-*.e2e.ts`): calling the extension's own APIs from one of
 * its pages (which has the full `browser.*` API in both browsers), and clicking elements.
 */
import type { Browser } from 'webextension-polyfill';
import type { Session, TestPage } from './harness/browsers.ts';

/**
 * The extension API inside an extension page. `chrome` exists in both browsers' MV3 extension
 * pages and returns promises in both; the polyfill's types describe it.
 */
declare const chrome: Browser;

/** An extension page used to call extension APIs the way the extension's own pages do. */
export class ApiPage {
  private constructor(readonly page: TestPage) {}

  static async open(session: Session): Promise<ApiPage> {
    const page = await session.newPage();
    await page.goto(session.extensionUrl('src/glossary/index.html'));
    return new ApiPage(page);
  }

  /** Runs `fn(arg)` in the extension page; `fn` must be self-contained and use `chrome`. */
  run<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn, arg);
  }

  /** The tab of the active page (call `bringToFront()` on it first). */
  async activeTabId(): Promise<number> {
    return this.run(async () => {
      const [t] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return t!.id!;
    });
  }

  sync(): Promise<Record<string, unknown>> {
    return this.run(() => chrome.storage.sync.get(null));
  }

  async setSync(items: Record<string, unknown>, clear = true): Promise<void> {
    await this.run(
      async ({ items, clear }) => {
        if (clear) await chrome.storage.sync.clear();
        await chrome.storage.sync.set(items);
      },
      { items, clear },
    );
  }

  async reset(): Promise<void> {
    await this.run(async () => {
      await chrome.storage.sync.clear();
      await chrome.storage.local.clear();
    });
  }

  badge(tabId: number): Promise<string> {
    return this.run((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
  }

  /** Sends a background call, as the extension's pages do. */
  background<T>(name: string, data?: unknown): Promise<T> {
    return this.run((msg) => chrome.runtime.sendMessage(msg) as Promise<T>, { cc: name, data });
  }

  registered(): Promise<string[]> {
    return this.run(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []),
    );
  }

  hasOrigin(origin: string): Promise<boolean> {
    return this.run((origin) => chrome.permissions.contains({ origins: [origin] }), origin);
  }
}

/** Clicks the centre of the first element matching `selector` (a real, trusted click). */
export async function clickOn(page: TestPage, selector: string): Promise<void> {
  await page.waitFor((s) => !!document.querySelector(s), selector);
  const r = await page.evaluate((s) => {
    const el = document.querySelector(s)!;
    el.scrollIntoView({ block: 'center' });
    const b = el.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }, selector);
  await page.click(r.x, r.y);
}

/** Number of ranges in our highlights on a page. */
export function markCount(page: TestPage): Promise<number> {
  return page.evaluate(() =>
    [...CSS.highlights.entries()]
      .filter(([n]) => n.startsWith('context-cards-') && n !== 'context-cards-active')
      .reduce((sum, [, h]) => sum + h.size, 0),
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
