/**
 * Per-file e2e setup: one server and one browser session per browser, shared by the file's tests.
 * Use inside `describe.each(BROWSERS)`.
 */
import { afterAll, beforeAll } from 'vitest';
import {
  launch,
  type BrowserName,
  type LaunchOptions,
  type Session,
  type TestPage,
} from './browsers.ts';
import { ExtensionBridge } from './ext.ts';
import { startServer, type TestServer } from './server.ts';

export interface E2E {
  server: TestServer;
  session: Session;
  bridge: ExtensionBridge;
}

/** `options`: extra launch options for this file's session (a test build, media features). */
export function useBrowser(name: BrowserName, options: Omit<LaunchOptions, 'server'> = {}): E2E {
  const ctx = {} as E2E;
  beforeAll(async () => {
    ctx.server = await startServer();
    ctx.session = await launch(name, { ...options, server: ctx.server });
    ctx.bridge = await ExtensionBridge.open(ctx.session);
  });
  afterAll(async () => {
    await ctx.session?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/** Text and viewport rect of every range in our highlights, read from the page's own world. */
export function highlighted(page: TestPage) {
  return page.evaluate(() =>
    [...CSS.highlights.entries()]
      .filter(([name]) => name.startsWith('context-cards-') && name !== 'context-cards-active')
      .flatMap(([, h]) =>
        [...h].map((r) => {
          const range = new Range();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          const b = range.getClientRects()[0]!;
          return { text: range.toString(), x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }),
      ),
  );
}

/** Waits until our highlights hold at least `n` ranges. */
export async function waitForMarks(page: TestPage, n = 1): Promise<void> {
  await page.waitFor(
    (min) =>
      [...CSS.highlights.entries()].some(
        ([name, h]) => name.startsWith('context-cards-') && h.size >= min,
      ),
    n,
  );
}

export async function poll<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 8000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await fn();
  }
  return v;
}
