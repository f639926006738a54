/**
 * Helpers for the reliability tests (issue 7): baselines without the extension, init scripts and
 * frames in both drivers, extension storage from an extension page, waiting for marking to
 * settle, and snapshots of our highlights and of the page's DOM.
 *
 * Everything here drives the browsers from outside; nothing reaches into our closed shadow root.
 */
import type { CDPSession } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { launch, type BrowserName, type Session, type TestPage } from './browsers.ts';
import type { TestServer } from './server.ts';

/** A browser of the same build and network setup, without the extension: the baseline. */
export function launchPlain(name: BrowserName, server: TestServer): Promise<Session> {
  return launch(name, { server, extension: false });
}

/**
 * `page.goto`, tolerating Firefox's BiDi reporting "Address rejected" for a top-level load when a
 * subresource or subframe of the page was refused by the test proxy (it happens without the
 * extension too): then it waits for the document itself.
 */
export async function gotoTolerant(page: TestPage, url: string): Promise<void> {
  try {
    await page.goto(url);
  } catch (e) {
    if (!/Address rejected/.test(String(e))) throw e;
    await page.waitFor(
      (u) => location.href === u && document.readyState === 'complete',
      url,
      20_000,
    );
  }
}

/** Runs `fn` in every document of the page (and its frames) before any of the page's scripts. */
export async function addInitScript<A>(page: TestPage, fn: (arg: A) => void, arg: A) {
  if (page.raw.driver === 'playwright') await page.raw.page.addInitScript(fn as never, arg);
  else await page.raw.page.evaluateOnNewDocument(fn as never, arg);
}

/** Every console message (any level) and every uncaught exception of a page, from now on. */
export function recordConsole(page: TestPage) {
  const log = { console: [] as { type: string; text: string }[], uncaught: [] as string[] };
  if (page.raw.driver === 'playwright') {
    page.raw.page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
    page.raw.page.on('pageerror', (e) => log.uncaught.push(String(e)));
  } else {
    page.raw.page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
    page.raw.page.on('pageerror', (e) => log.uncaught.push(String(e)));
  }
  return log;
}

/** Evaluates `fn` in the first frame whose URL contains `urlPart` (any origin). */
export async function evaluateInFrame<R, A = undefined>(
  page: TestPage,
  urlPart: string,
  fn: (arg: A) => R | Promise<R>,
  arg?: A,
): Promise<R> {
  const frames = page.raw.driver === 'playwright' ? page.raw.page.frames() : page.raw.page.frames();
  const frame = frames.find((f) => f.url().includes(urlPart));
  if (!frame) throw new Error(`no frame at ${urlPart} (have ${frames.map((f) => f.url())})`);
  return (frame as { evaluate: (f: unknown, a: unknown) => Promise<R> }).evaluate(fn, arg);
}

/** A CDP session on a Chromium page. */
export async function cdp(page: TestPage): Promise<CDPSession> {
  if (page.raw.driver !== 'playwright') throw new Error('CDP is for Chromium pages');
  return page.raw.page.context().newCDPSession(page.raw.page);
}

/** One range of our highlights as the page sees it. */
export interface MarkInfo {
  highlight: string;
  text: string;
  /** Both ends are in the document (a stale range points at removed nodes). */
  connected: boolean;
  /** `tag#id` of the element holding the range's start. */
  where: string;
  /** Centre of the range's first box, in its document's viewport (0, 0 when it has none). */
  x: number;
  y: number;
}

/**
 * Reads our highlights from the page's world (the registry is per document and shared between
 * worlds). Runs in the page; `doc` defaults to the page's document.
 */
export function readMarks(prefix = 'context-cards-'): MarkInfo[] {
  const out: MarkInfo[] = [];
  for (const [name, h] of CSS.highlights.entries()) {
    if (!name.startsWith(prefix) || name === `${prefix}active`) continue;
    for (const r of h as unknown as Iterable<AbstractRange>) {
      const connected = r.startContainer.isConnected && r.endContainer.isConnected;
      let text: string;
      let box: DOMRect | undefined;
      try {
        const range = new Range();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        text = range.toString();
        box = range.getClientRects()[0];
      } catch {
        text = '<invalid range>';
      }
      const el =
        r.startContainer.nodeType === 1
          ? (r.startContainer as Element)
          : r.startContainer.parentElement;
      out.push({
        highlight: name,
        text,
        connected,
        where: el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : '?',
        x: box ? box.x + box.width / 2 : 0,
        y: box ? box.y + box.height / 2 : 0,
      });
    }
  }
  return out;
}

/**
 * Waits until our highlights exist and their total size has not changed for `quietMs`. Marking
 * may be chunked or incremental, so "some marks" is not "done"; a page with no mentions settles
 * at zero once the engine has registered its (empty) highlight.
 */
export async function waitForMarkingIdle(
  page: TestPage,
  { quietMs = 400, timeoutMs = 15_000, min = 0 } = {},
): Promise<number> {
  const end = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const size = await page.evaluate(() => {
      let registered = false;
      let n = 0;
      for (const [name, h] of CSS.highlights.entries())
        if (name.startsWith('context-cards-') && name !== 'context-cards-active') {
          registered = true;
          n += h.size;
        }
      return registered ? n : -1;
    });
    if (size !== last) {
      last = size;
      since = Date.now();
    } else if (size >= min && Date.now() - since >= quietMs) return size;
    if (Date.now() > end)
      throw new Error(`marking did not settle in ${timeoutMs} ms (highlight size ${size})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A serialisation of the page's DOM, one token per node (an element's opening tag with its
 * attributes, its closing tag, a text node, a comment), that also shows text-node boundaries (outerHTML hides a
 * split or merged text node, which is exactly what a careless highlighter does) and open shadow
 * roots. Runs in the page. Elements named `context-cards-*` (our card host, which exists only
 * while a card is open) are left out so the fingerprint is the page's own DOM. `dropBlankText`
 * leaves out whitespace-only text nodes, for pages whose parser races (document.write) move them
 * from run to run.
 */
export function domFingerprint({ dropBlankText = false } = {}): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        if (!dropBlankText || /\S/.test((c as Text).data)) out.push(`"${(c as Text).data}"`);
      } else if (c.nodeType === 8) out.push(`<!--${(c as Comment).data}-->`);
      else if (c.nodeType === 1) {
        const el = c as Element;
        const tag = el.tagName.toLowerCase();
        if (tag.startsWith('context-cards')) continue;
        const attrs = [...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`);
        out.push(`<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>`);
        if (el.shadowRoot) {
          out.push('#shadow{');
          walk(el.shadowRoot);
          out.push('}');
        }
        if (tag === 'template') walk((el as HTMLTemplateElement).content);
        walk(el);
        out.push(`</${tag}>`);
      }
    }
  };
  walk(document);
  return out;
}

/**
 * An extension page (the glossary) used to act as the extension's own parts do: read and write
 * `storage.sync`, list a tab's frames, and send typed tab calls to any frame. Functions evaluated
 * there find the API as `globalThis.browser ?? globalThis.chrome` (the page's CSP forbids eval,
 * so no helper can be passed in).
 */
export class ExtensionPage {
  private constructor(readonly page: TestPage) {}

  static async open(session: Session): Promise<ExtensionPage> {
    const page = await session.newPage();
    await page.goto(session.extensionUrl('src/glossary/index.html'));
    return new ExtensionPage(page);
  }

  setSync(items: Record<string, unknown>): Promise<void> {
    return this.page.evaluate(async (items) => {
      const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
      await (g.browser ?? g.chrome).storage.sync.set(items);
    }, items);
  }
  getSync(): Promise<Record<string, unknown>> {
    return this.page.evaluate(async () => {
      const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
      return (await (g.browser ?? g.chrome).storage.sync.get(null)) as Record<string, unknown>;
    });
  }
  clearSync(): Promise<void> {
    return this.page.evaluate(async () => {
      const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
      await (g.browser ?? g.chrome).storage.sync.clear();
    });
  }

  /** The frames of the first tab whose URL starts with `urlPrefix`, with their URLs. */
  frames(urlPrefix: string): Promise<{ frameId: number; url: string }[]> {
    return this.page.evaluate(async (urlPrefix) => {
      const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
      const api = g.browser ?? g.chrome;
      const tabs = await api.tabs.query({});
      const tab = tabs.find((t) => t.url?.startsWith(urlPrefix));
      if (!tab?.id) throw new Error(`no tab at ${urlPrefix}`);
      const results = await api.scripting.executeScript({
        target: { tabId: tab.id, allFrames: true },
        func: () => location.href,
      });
      return results.map((r) => ({ frameId: r.frameId, url: String(r.result) }));
    }, urlPrefix);
  }

  /** Sends a tab call to one frame of the first tab whose URL starts with `urlPrefix`. */
  call<T>(urlPrefix: string, name: string, frameId = 0, data?: unknown): Promise<T> {
    return this.page.evaluate(
      async ({ urlPrefix, name, data, frameId }) => {
        const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
        const api = g.browser ?? g.chrome;
        const tabs = await api.tabs.query({});
        const tab = tabs.find((t) => t.url?.startsWith(urlPrefix));
        if (!tab?.id) throw new Error(`no tab at ${urlPrefix}`);
        return (await api.tabs.sendMessage(tab.id, { cc: name, data }, { frameId })) as T;
      },
      { urlPrefix, name, data, frameId },
    );
  }

  close() {
    return this.page.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Init script (runs in the page's world before its own scripts): records every DOM mutation
 * from the start as a signature `type target-path attribute +added -removed`, in
 * `window.__ccFixtureMutations`. A main-world observer sees every change, whoever makes it, so
 * comparing the signatures of a run with the extension against a run without it shows any
 * change the extension caused, even one it later undid.
 */
export function installMutationRecorder(): void {
  const w = window as unknown as { __ccFixtureMutations: string[] };
  w.__ccFixtureMutations = [];
  const name = (n: Node) =>
    n.nodeType === 1
      ? (n as Element).tagName.toLowerCase() + ((n as Element).id ? `#${(n as Element).id}` : '')
      : n.nodeType === 3
        ? '#text'
        : n.nodeName;
  // Tag names (and ids) from the root, without sibling indices: a page's own parser races
  // (document.write, async scripts) shift indices from run to run.
  const path = (n: Node | null): string => {
    const parts: string[] = [];
    for (let c = n; c && c.nodeType !== 9; c = c.parentNode) {
      if (c.nodeType === 11) {
        parts.push('#shadow');
        c = (c as ShadowRoot).host;
      }
      parts.push(name(c));
    }
    return parts.reverse().join('>');
  };
  // While the document is loading, the parser appends text in network-sized chunks (a
  // characterData mutation wherever a chunk ends): noise that differs from run to run, and
  // nothing of ours runs before the document is parsed. Records are queued when the mutation
  // happens but delivered later, so the ones queued while parsing are taken at the moment the
  // parser finishes (readystatechange), not judged by the state at delivery.
  let parsing = document.readyState === 'loading';
  const record = (list: MutationRecord[]) => {
    for (const m of list) {
      if (m.type === 'characterData' && parsing) continue;
      w.__ccFixtureMutations.push(
        [
          m.type,
          path(m.target),
          m.attributeName ?? '',
          `+${[...m.addedNodes].map(name).join(',')}`,
          `-${[...m.removedNodes].map(name).join(',')}`,
        ].join(' '),
      );
    }
  };
  const observer = new MutationObserver(record);
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  document.addEventListener('readystatechange', () => {
    if (!parsing || document.readyState === 'loading') return;
    record(observer.takeRecords());
    parsing = false;
  });
  // Mutations not yet delivered when a test reads the log.
  Object.defineProperty(w, '__ccFixtureFlushMutations', {
    value: () => record(observer.takeRecords()),
  });
}

/** Reads (and flushes) the log written by `installMutationRecorder`. */
export function readMutations(page: TestPage): Promise<string[]> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __ccFixtureMutations?: string[];
      __ccFixtureFlushMutations?: () => void;
    };
    w.__ccFixtureFlushMutations?.();
    return w.__ccFixtureMutations ?? [];
  });
}
