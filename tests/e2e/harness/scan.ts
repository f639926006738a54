/**
 * Scanning a page with the shipped extension, shared by the curator's scan tool
 * (`scripts/scan.ts`) and the corpus tests (`tests/e2e/corpus*.e2e.ts`): set the marking density
 * before pages load, let the extension run on any host (real pages are served under the host
 * they were published on, so site rules apply), then ask the page's content script for every
 * mention, whether the page touches the story, and what it held back, once marking has settled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'webextension-polyfill';
import { loadDataset } from '../../../src/dataset/load.ts';
import type { Settings } from '../../../src/shared/settings.ts';
import type { HeldBackDetail, MentionDetail, TopicDetail } from '../../../src/shared/messages.ts';
import type { Session, TestPage } from './browsers.ts';
import type { ExtensionBridge } from './ext.ts';
import type { TestServer } from './server.ts';

/** One mention as the scan reports it: entity, matched text, context snippet and the rule. */
export interface ScanMention {
  entity: string;
  name: string;
  text: string;
  context: string;
  /** Which rule marked it: a plain alias, cues near an ambiguous alias, or a long form on the page. */
  rule: MentionDetail['reason']['rule'];
  /** The alias as written in the dataset. */
  alias: string;
  /** Cues found near the mention (rule "cues"). */
  cues: string[];
}

/** Whether the page touches the story, by which mention or site (names from the dataset). */
export interface ScanTopic {
  touches: boolean;
  /** The first story mention (`text`), the story body's own site (`site`), or, for a frame,
   * the page around it (`outer`). */
  by?: { entity: string; name: string; text?: string; site?: string } | { outer: true };
}

/** A mention found but not marked, and why (`matcher/topic.ts` `HeldReason`). */
export interface ScanHeld {
  entity: string;
  name: string;
  text: string;
  reason: HeldBackDetail['reason'];
}

export class ScanError extends Error {}

/** Every site, as a pattern the extension asks for ("every site you allow"). */
export const ALL_SITES = '*://*/*';

/**
 * Lets the extension run on every host, as a user does in the options ("every site you allow",
 * then access to every site, granted by a real click). The session must be launched with
 * `grantable: [ALL_SITES]`. Resolves once the content script is registered for every site.
 */
export async function runEverywhere(session: Session): Promise<void> {
  const page = await session.newPage();
  try {
    await page.goto(session.extensionUrl('src/glossary/index.html'));
    await page.evaluate(async (origin) => {
      const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
      const api = g.browser ?? g.chrome;
      await api.storage.sync.set({ sites: { mode: 'allowed', rules: {} } });
      const b = document.createElement('button');
      b.id = 'cc-grant-all';
      b.textContent = 'grant';
      b.style.cssText = 'position:fixed;left:0;top:0;width:80px;height:40px;z-index:9';
      b.onclick = () => void api.permissions.request({ origins: [origin] });
      document.body.prepend(b);
    }, ALL_SITES);
    await clickCentre(page, '#cc-grant-all');
    const end = Date.now() + 15_000;
    for (;;) {
      const registered = await page.evaluate(async (origin) => {
        const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
        const api = g.browser ?? g.chrome;
        if (!(await api.permissions.contains({ origins: [origin] }))) return false;
        const scripts = await api.scripting.getRegisteredContentScripts();
        return scripts.some((s) => s.matches?.includes(origin));
      }, ALL_SITES);
      if (registered) return;
      if (Date.now() > end)
        throw new ScanError('the extension was not allowed to run on every site');
      await sleep(100);
    }
  } finally {
    await page.close();
  }
}

async function clickCentre(page: TestPage, selector: string): Promise<void> {
  const r = await page.evaluate((s) => {
    const b = document.querySelector(s)!.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }, selector);
  await page.click(r.x, r.y);
}

/** A real page of a corpus, with the address it was published at. */
export interface CorpusPage {
  /** File name in the corpus folder. */
  page: string;
  file: string;
  /** Its original address, as `expected.json` gives it. */
  source: string;
  /** Where it is served in tests: the same host and path, over http. */
  url: string;
  host: string;
  expected: Record<string, unknown>;
}

/**
 * A host the browsers always reach over https (HSTS preload list: www.nuffieldtrust.org.uk) cannot
 * be served by the plain test server: its page is served under this stand-in instead.
 */
export const standIn = (url: string) => {
  const u = new URL(url);
  u.hostname = `${u.hostname}.https-only.test`;
  return u.href;
};

/** Every host a corpus page may be served under: its own, and its stand-in. */
export const corpusHosts = (pages: readonly { url: string }[]) => [
  ...new Set(pages.flatMap((p) => [new URL(p.url).hostname, new URL(standIn(p.url)).hostname])),
];

/**
 * Opens a corpus page at its own address in a new tab; where the browser insists on https for
 * that host (the plain test server cannot answer), at its stand-in, unless the host is some
 * entity's own site (then the site rules would not apply, and it throws). A tab whose navigation
 * failed is still loading its error page, so the stand-in gets a tab of its own.
 */
export async function openAt(
  session: Session,
  url: string,
  isEntitySite: (host: string) => boolean,
): Promise<{ tab: TestPage; url: string }> {
  const tab = await session.newPage();
  try {
    await tab.goto(url);
    return { tab, url };
  } catch (e) {
    await tab.close();
    const msg = String((e as Error).message);
    if (!/SSL_PROTOCOL_ERROR|PROXY_FORBIDDEN|ERR_CONNECTION_REFUSED/.test(msg)) throw e;
    const host = new URL(url).hostname;
    if (isEntitySite(host))
      throw new ScanError(`${host} is reached only over https, and it is an entity's own site`);
    const other = await session.newPage();
    await other.goto(standIn(url));
    return { tab: other, url: standIn(url) };
  }
}

/** The pages of a corpus folder (`expected.json`), each with the address it is served at. */
export function corpusPages(dir: string): CorpusPage[] {
  const doc = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
    pages: ({ page: string; url: string } & Record<string, unknown>)[];
  };
  return doc.pages.map((p) => {
    const u = new URL(p.url);
    u.protocol = 'http:';
    return {
      page: p.page,
      file: join(dir, p.page),
      source: p.url,
      url: u.href,
      host: u.hostname,
      expected: p,
    };
  });
}

/**
 * Serves each file at its address (and at its stand-in), the file's bytes as they are. The server
 * must have been started with those hosts (`corpusHosts`).
 */
export function serveAt(server: TestServer, pages: { url: string; file: string }[]): void {
  const byUrl = new Map(
    pages.flatMap((p) => [[p.url, p.file] as const, [standIn(p.url), p.file] as const]),
  );
  server.route((_req, res, url) => {
    const file = byUrl.get(url.href);
    if (!file) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
    return true;
  });
}

/**
 * Writes `marking` settings to `storage.sync` from an extension page, where the full extension
 * API is available in both browsers. A partial object is fine: the extension repairs missing
 * fields to their defaults. Content scripts of pages opened afterwards start with these settings.
 */
export async function setMarking(
  session: Session,
  marking: Partial<Settings['marking']>,
): Promise<void> {
  const page = await session.newPage();
  try {
    await page.goto(session.extensionUrl('src/glossary/index.html'));
    const stored = await page.evaluate(async (m) => {
      const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
      const api = g.browser ?? g.chrome;
      await api.storage.sync.set({ marking: m });
      return (await api.storage.sync.get('marking')).marking as unknown;
    }, marking);
    const back = (stored ?? {}) as Record<string, unknown>;
    const differs = Object.entries(marking).some(
      ([k, v]) => JSON.stringify(back[k]) !== JSON.stringify(v),
    );
    if (differs)
      throw new ScanError(
        `could not store the marking settings (read back ${JSON.stringify(stored)})`,
      );
  } finally {
    await page.close();
  }
}

export interface SettleOptions {
  /** How long the mention count must stay the same to count as settled. Default 600 ms. */
  quietMs?: number;
  /** Give up waiting for a stable count after this long and return what there is. Default 20 s. */
  timeoutMs?: number;
  /** How long the content script may take to answer at all. Default 10 s. */
  answerTimeoutMs?: number;
  pollMs?: number;
}

export interface Settled {
  markMs: number;
  mentions: ScanMention[];
  topic: ScanTopic;
  heldBack: ScanHeld[];
  /** Time from the first poll until the count was stable. */
  settleMs: number;
  /** False when the count was still changing at `timeoutMs`. */
  stable: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls the content script of the tab at `urlPrefix` (typed `tab/mention-details` call) until
 * the number of mentions, and of mentions held back, has not changed for `quietMs`. Marking may
 * run in chunks or re-run as the page changes, so one answer is not enough. Throws `ScanError`
 * when the content script never answers (the site is not one the extension runs on, or the page
 * has no document).
 */
export async function settledDetails(
  bridge: ExtensionBridge,
  urlPrefix: string,
  opts: SettleOptions = {},
): Promise<Settled> {
  const { quietMs = 600, timeoutMs = 20_000, answerTimeoutMs = 10_000, pollMs = 150 } = opts;
  const started = Date.now();
  let last: Details | undefined;
  let stableSince = 0;
  const count = (d: Details) => `${d.mentions.length}/${d.heldBack.length}`;
  for (;;) {
    const now = Date.now();
    try {
      const d = await bridge.details(urlPrefix);
      if (!last || count(d) !== count(last)) stableSince = Date.now();
      last = d;
    } catch (e) {
      const error = ((e as Error).message.split('\n')[0] ?? String(e)).replace(
        /^page\.evaluate: (Error: )?/,
        '',
      );
      if (now - started > answerTimeoutMs)
        throw new ScanError(
          `Context Cards did not answer on ${urlPrefix} within ${answerTimeoutMs / 1000} s ` +
            `(is the site in the extension's site list?): ${error}`,
        );
    }
    if (last && Date.now() - stableSince >= quietMs)
      return { ...toScan(last), settleMs: Date.now() - started, stable: true };
    if (last && now - started > timeoutMs)
      return { ...toScan(last), settleMs: Date.now() - started, stable: false };
    await sleep(pollMs);
  }
}

let names: Map<string, string> | undefined;
/** An entity's display name, from the dataset folder (the content script reports ids only). */
function nameOf(id: string): string {
  names ??= new Map(loadDataset().entities.map((e) => [e.id, e.name]));
  return names.get(id) ?? id;
}

interface Details {
  markMs: number;
  mentions: MentionDetail[];
  topic: TopicDetail;
  heldBack: HeldBackDetail[];
}

function toScan(d: Details) {
  const by = d.topic.by;
  return {
    markMs: d.markMs,
    topic: {
      touches: d.topic.touches,
      ...(by
        ? {
            by:
              'outer' in by
                ? by
                : { entity: by.entityId, name: nameOf(by.entityId), text: by.text, site: by.site },
          }
        : {}),
    },
    heldBack: d.heldBack.map((h): ScanHeld => ({
      entity: h.entityId,
      name: nameOf(h.entityId),
      text: h.text,
      reason: h.reason,
    })),
    mentions: d.mentions.map((m): ScanMention => ({
      entity: m.entityId,
      name: nameOf(m.entityId),
      // The page's own line breaks and indentation say nothing; show the words.
      text: m.text.replace(/\s+/g, ' '),
      context: m.context,
      rule: m.reason.rule,
      alias: m.reason.alias,
      cues: m.reason.cues,
    })),
  };
}
