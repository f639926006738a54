/**
 * Launches the shipped builds in real browsers and gives both the same small interface, so every
 * scenario runs unchanged in Chromium (playwright-core, `--load-extension`) and Firefox ESR
 * (puppeteer-core over WebDriver BiDi, `installExtension`).
 *
 * No browser is downloaded: both come from the system (`scripts/ensure-browsers.mjs`). A missing
 * browser throws: e2e tests fail, never skip.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type BrowserContext,
  type CDPSession,
  type Page as PwPage,
  type Request,
  type Worker,
} from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { REPO, type TestServer } from './server.ts';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

export const DIST = { chromium: join(REPO, 'dist/chrome'), firefox: join(REPO, 'dist/firefox') };
/** Fixed so tests can open moz-extension:// pages (Firefox gives each install a random one). */
export const FIREFOX_UUID = '6f1d2c3b-4a5e-4f60-9b7a-0c1d2e3f4a5b';
const GECKO_ID = 'context-cards@context-cards.example';

/**
 * Flags every Chromium we start takes (tests, DOM tests, benches): no sandbox (containers), no
 * GPU, and nothing of its own on the network (no first-run, component, sync or background fetches).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found)
    throw new Error('Chromium not found: install it (npm run browsers) or set CHROME_PATH');
  return found;
}

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found)
    throw new Error(
      'Firefox not found: install firefox-esr (npm run browsers) or set FIREFOX_PATH',
    );
  return found;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The subset of a page both drivers offer, with one signature. */
export interface TestPage {
  goto(url: string): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  hover(x: number, y: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  /** A key, or a chord such as "Alt+Shift+Period" (modifiers held while the last key is pressed). */
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  /** A touch tap (pointerType "touch", then the click the browser derives from it). */
  tap(x: number, y: number): Promise<void>;
  /** Turns the mouse wheel with the pointer at (x, y). */
  wheel(x: number, y: number, deltaY: number): Promise<void>;
  screenshot(path: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Makes this page its window's active tab (as if the user clicked its tab). */
  bringToFront(): Promise<void>;
  /**
   * Evaluates `expression` in our content script's isolated world in the top frame. Chromium
   * only (through CDP); Firefox's WebDriver BiDi does not expose extension worlds, so it rejects.
   */
  evaluateInContentScript(expression: string): Promise<unknown>;
  /** Console errors and uncaught exceptions seen on this page. */
  errors: string[];
  /** The driver's own page (playwright-core in Chromium, puppeteer-core in Firefox), for
   * what the common interface does not cover: init scripts, frames, CDP sessions. */
  raw: RawPage;
  close(): Promise<void>;
}

/** One network request seen by the recorder (see `Session.requests`). */
export interface RecordedRequest {
  url: string;
  method: string;
  /**
   * Who made it, as far as the recorder can tell: Chromium reports `service-worker` or
   * `page <frame URL>`; in Firefox every request is seen by the test server as its proxy
   * (`proxy`), without its origin.
   */
  by: string;
}
export type RawPage =
  { driver: 'playwright'; page: PwPage } | { driver: 'puppeteer'; page: PpPage };

export interface Session {
  name: BrowserName;
  /**
   * Every request the browser made since launch, recorded outside the extension: Chromium's
   * context request events (pages, their frames, and the service worker), Firefox's proxy log
   * (the test server is its HTTP and HTTPS proxy).
   */
  requests(): RecordedRequest[];
  /** URL of a page inside the extension, e.g. `src/popup/index.html`. */
  extensionUrl(path: string): string;
  newPage(): Promise<TestPage>;
  /**
   * Runs `action` (a reader's click) and returns the address of the tab it opens, as the browser
   * was asked to load it (also when the load then fails: tests reach no real host).
   */
  openedTab(action: () => Promise<void>, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** Polls `read` until it gives an address other than about:blank. */
async function addressOf(read: () => string | undefined, timeoutMs: number): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const url = read();
    if (url && url !== 'about:blank') return url;
    if (Date.now() > end) throw new Error(`the new tab did not navigate (${url})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface LaunchOptions {
  server: TestServer;
  headless?: boolean;
  /** Extra `storage.sync` content written before any page opens. */
  dist?: string;
  /**
   * Chromium only: let every host resolve normally instead of mapping the test hosts to the test
   * server and failing the rest. For the scan tool opening a live URL; tests leave it off.
   */
  openNetwork?: boolean;
  /** Media features for every page of the session (Firefox: through prefs at launch). */
  media?: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' };
  /**
   * Origins the user will accept when the extension asks for them (`permissions.request` from a
   * click). Browsers' permission prompts are native UI no driver can click, so each browser is
   * put in the state in which it grants without showing one; the user-gesture check stays:
   * - Chromium skips the prompt for permissions the user granted before (its
   *   `PermissionsRequestFunction` subtracts "runtime granted" permissions from those it asks
   *   about). The profile is seeded with these origins as granted before, then launched again.
   * - Firefox skips it when `extensions.webextOptionalPermissionPrompts` is false (the pref its
   *   own tests use); this grants any optional permission requested, not only these origins.
   */
  grantable?: string[];
  /** False launches the browser without the extension (baselines); default true. */
  extension?: boolean;
  /** Keeps Chromium's back/forward cache on (playwright switches it off by default). */
  bfcache?: boolean;
  /** Chromium profile folder, to relaunch with the same profile (default: a fresh temporary one). */
  userDataDir?: string;
}

// ---------------------------------------------------------------- Chromium (playwright-core)

function wrapPlaywright(page: PwPage): TestPage {
  const errors: string[] = [];
  // Touch through CDP on this page only: a context-wide `hasTouch` would change every page.
  let touch: Promise<CDPSession> | undefined;
  const tap = async (x: number, y: number) => {
    touch ??= page
      .context()
      .newCDPSession(page)
      .then(async (cdp) => {
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
        return cdp;
      });
    const cdp = await touch;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    errors,
    raw: { driver: 'playwright', page },
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeoutMs = 10_000) =>
      void (await page.waitForFunction(fn as never, arg, { timeout: timeoutMs, polling: 50 })),
    hover: (x, y) => page.mouse.move(x, y, { steps: 4 }),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    tap,
    wheel: async (x, y, deltaY) => {
      await page.mouse.move(x, y);
      await page.mouse.wheel(0, deltaY);
    },
    screenshot: async (path) => void (await page.screenshot({ path })),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    bringToFront: () => page.bringToFront(),
    evaluateInContentScript: (expression) => evaluateInIsolatedWorld(page, expression),
    close: () => page.close(),
  };
}

/** Runs `expression` in the extension's isolated world of the page's top frame, over CDP. */
async function evaluateInIsolatedWorld(page: PwPage, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: { id: number; origin: string; auxData?: { isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context as never));
    await cdp.send('Runtime.enable');
    const world = worlds.find(
      (w) => w.origin.startsWith('chrome-extension://') && w.auxData?.isDefault === false,
    );
    if (!world) throw new Error('no content-script world in this page');
    const r = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
    return r.result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Marks `origins` as granted before in a Chromium profile's preferences for extension `id`. */
function seedGrantedOrigins(userDataDir: string, id: string, origins: string[]): void {
  const file = join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8'));
  const ext = prefs.extensions?.settings?.[id];
  if (!ext) throw new Error(`extension ${id} not found in ${file}`);
  for (const key of ['granted_permissions', 'runtime_granted_permissions']) {
    ext[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] };
    ext[key].explicit_host = [...new Set([...(ext[key].explicit_host ?? []), ...origins])];
  }
  writeFileSync(file, JSON.stringify(prefs));
}

export async function launchChromium(
  opts: LaunchOptions,
): Promise<Session & { context: BrowserContext; worker: Worker }> {
  const dist = opts.dist ?? DIST.chromium;
  const rules = [
    ...opts.server.hosts.map((h) => `MAP ${h} 127.0.0.1:${opts.server.port}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
  const start = (userDataDir: string) =>
    chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: opts.headless ?? true,
      viewport: { width: 1280, height: 900 },
      ...(opts.media?.colorScheme ? { colorScheme: opts.media.colorScheme } : {}),
      ...(opts.media?.reducedMotion ? { reducedMotion: opts.media.reducedMotion } : {}),
      ignoreDefaultArgs: opts.bfcache ? ['--disable-back-forward-cache'] : undefined,
      args: [
        ...(opts.extension === false
          ? []
          : [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`]),
        ...(opts.openNetwork ? [] : [`--host-resolver-rules=${rules}`]),
        ...CHROMIUM_ARGS,
        '--disable-quic',
        '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,MediaRouter',
      ],
    });
  const serviceWorker = async (c: BrowserContext) =>
    c.serviceWorkers()[0] ?? (await c.waitForEvent('serviceworker', { timeout: 15_000 }));
  let profile = opts.userDataDir ?? '';
  /** Only a profile made here is deleted on close; a caller's is kept for its relaunch. */
  let ownProfile = false;
  let context: BrowserContext;
  if (opts.grantable?.length && opts.extension !== false) {
    // Install once, record the origins as granted before, start again on the same profile.
    if (!profile) {
      profile = mkdtempSync(join(tmpdir(), 'cc-chromium-'));
      ownProfile = true;
    }
    const first = await start(profile);
    const firstId = new URL((await serviceWorker(first)).url()).host;
    await first.close();
    seedGrantedOrigins(profile, firstId, opts.grantable);
    context = await start(profile);
  } else context = await start(profile);
  const requests: RecordedRequest[] = [];
  context.on('request', (r) => {
    let by = 'page';
    if (r.serviceWorker()) by = 'service-worker';
    else
      try {
        by = `page ${r.frame().url()}`;
      } catch {
        // A navigation whose frame is not created yet.
      }
    requests.push({ url: r.url(), method: r.method(), by });
  });
  const worker =
    opts.extension === false ? (undefined as unknown as Worker) : await serviceWorker(context);
  const id = worker ? new URL(worker.url()).host : 'no-extension';
  // The persistent context opens one blank page; close it so tests own every page.
  for (const p of context.pages()) await p.close();
  return {
    name: 'chromium',
    context,
    worker,
    requests: () => [...requests],
    extensionUrl: (path) => `chrome-extension://${id}/${path.replace(/^\//, '')}`,
    newPage: async () => wrapPlaywright(await context.newPage()),
    openedTab: async (action, timeoutMs = 15_000) => {
      // A failed load shows chrome-error://chromewebdata/ as the page's URL: the address asked
      // for is the new tab's first top-level navigation request.
      const known = new Set(context.pages());
      const asked: { page: PwPage | undefined; url: string }[] = [];
      const onRequest = (r: Request) => {
        if (!r.isNavigationRequest()) return;
        let page: PwPage | undefined;
        try {
          if (r.frame().parentFrame()) return;
          page = r.frame().page();
        } catch {
          // The new tab's frame is not created yet.
        }
        if (!page || !known.has(page)) asked.push({ page, url: r.url() });
      };
      context.on('request', onRequest);
      try {
        const opened = context.waitForEvent('page', {
          predicate: (p) => !known.has(p),
          timeout: timeoutMs,
        });
        opened.catch(() => undefined); // awaited below, unless `action` throws first
        await action();
        const page = await opened;
        return await addressOf(
          () => asked.find((a) => a.page === page || a.page === undefined)?.url,
          timeoutMs,
        );
      } finally {
        context.off('request', onRequest);
      }
    },
    close: async () => {
      await context.close();
      if (ownProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- Firefox (puppeteer-core)

function wrapPuppeteer(page: PpPage): TestPage {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const goto = async (url: string) => {
    if (!url.startsWith('moz-extension:'))
      return void (await page.goto(url, { waitUntil: 'load' }));
    // BiDi navigates to extension pages but never reports the navigation as done (Firefox 153):
    // start it, then wait for the document itself.
    await page.goto(url, { timeout: 1000 }).catch(() => undefined);
    const end = Date.now() + 10_000;
    for (;;) {
      const ready = await page
        .evaluate((u) => location.href === u && document.readyState === 'complete', url)
        .catch(() => false);
      if (ready) return;
      if (Date.now() > end) throw new Error(`extension page did not load: ${url}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    errors,
    raw: { driver: 'puppeteer', page },
    goto,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeoutMs = 10_000) =>
      void (await page.waitForFunction(fn as never, { timeout: timeoutMs, polling: 50 }, arg)),
    hover: (x, y) => page.mouse.move(x, y, { steps: 4 }),
    click: (x, y) => page.mouse.click(x, y),
    press: async (key) => {
      // puppeteer presses one key at a time: hold the chord's modifiers around the last key.
      const keys = key.length > 1 ? key.split('+') : [key];
      const last = keys.pop()!;
      for (const k of keys) await page.keyboard.down(k as never);
      await page.keyboard.press(last as never);
      for (const k of keys.reverse()) await page.keyboard.up(k as never);
    },
    type: (text) => page.keyboard.type(text),
    tap: (x, y) => page.touchscreen.tap(x, y),
    wheel: async (x, y, deltaY) => {
      await page.mouse.move(x, y);
      await page.mouse.wheel({ deltaY });
    },
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    setViewport: (width, height) => page.setViewport({ width, height }),
    bringToFront: () => page.bringToFront(),
    evaluateInContentScript: () =>
      Promise.reject(new Error('WebDriver BiDi does not expose extension worlds in Firefox')),
    close: () => page.close(),
  };
}

export async function launchFirefox(
  opts: LaunchOptions,
): Promise<Session & { browser: PpBrowser }> {
  const dist = opts.dist ?? DIST.firefox;
  const profile = mkdtempSync(join(tmpdir(), 'cc-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: opts.headless ?? true,
    userDataDir: profile,
    defaultViewport: { width: 1280, height: 900 },
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    // Release builds honour `services.settings.server` (below) only with this set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': opts.server.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': opts.server.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.share_proxy_settings': false,
      'dom.security.https_first': false,
      'dom.security.https_first_pbm': false,
      'dom.security.https_only_mode': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'extensions.autoDisableScopes': 0,
      'browser.shell.checkDefaultBrowser': false,
      'browser.startup.homepage_override.mstone': 'ignore',
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.reportingpolicy.firstRun': false,
      'app.normandy.enabled': false,
      'browser.newtabpage.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'captivedetect.canonicalURL': '',
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      ...(opts.media?.colorScheme
        ? {
            'layout.css.prefers-color-scheme.content-override':
              opts.media.colorScheme === 'dark' ? 0 : 1,
          }
        : {}),
      ...(opts.media?.reducedMotion
        ? { 'ui.prefersReducedMotion': opts.media.reducedMotion === 'reduce' ? 1 : 0 }
        : {}),
      // Remote settings (blocklists, etc.) poll firefox.settings.services.mozilla.com; a data:
      // URL keeps that traffic off the wire (as Firefox's own test profiles do). With it, an
      // idle session makes no request at all.
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      // Downloads (settings export) land in the throwaway profile, never in the user's folder.
      'browser.download.folderList': 2,
      'browser.download.dir': join(profile, 'downloads'),
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      ...(opts.grantable?.length ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
    },
  });
  mkdirSync(join(profile, 'downloads'), { recursive: true });
  if (opts.extension !== false) await browser.installExtension(dist);
  return {
    name: 'firefox',
    browser,
    requests: () => [
      ...opts.server.log.map((line) => {
        const [method = '', url = ''] = line.split(' ');
        return { url, method, by: 'proxy' };
      }),
      ...opts.server.blocked
        .filter((b) => b.startsWith('CONNECT '))
        .map((b) => ({ url: `https://${b.slice(8)}`, method: 'CONNECT', by: 'proxy' })),
    ],
    extensionUrl: (path) => `moz-extension://${FIREFOX_UUID}/${path.replace(/^\//, '')}`,
    newPage: async () => wrapPuppeteer(await browser.newPage()),
    openedTab: async (action, timeoutMs = 15_000) => {
      const before = new Set(browser.targets());
      const opened = browser.waitForTarget((t) => t.type() === 'page' && !before.has(t), {
        timeout: timeoutMs,
      });
      opened.catch(() => undefined); // awaited below, unless `action` throws first
      await action();
      const target = await opened;
      // A failed load shows about:neterror?…&u=<the address asked for>.
      return addressOf(() => {
        const url = target.url();
        if (!url.startsWith('about:neterror?')) return url;
        return new URLSearchParams(url.slice(url.indexOf('?'))).get('u') ?? undefined;
      }, timeoutMs);
    },
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function launch(name: BrowserName, opts: LaunchOptions): Promise<Session> {
  return name === 'chromium' ? launchChromium(opts) : launchFirefox(opts);
}
