/**
 * Launches the shipped builds in real browsers and gives both the same small interface, so every
 * scenario runs unchanged in Chromium (playwright-core, `--load-extension`) and Firefox ESR
 * (puppeteer-core over WebDriver BiDi, `installExtension`).
 *
 * No browser is downloaded: both come from the system (`scripts/ensure-browsers.mjs`). A missing
 * browser throws: e2e tests fail, never skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { REPO, TEST_HOSTS, type TestServer } from './server.ts';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

export const DIST = { chromium: join(REPO, 'dist/chrome'), firefox: join(REPO, 'dist/firefox') };
/** Fixed so tests can open moz-extension:// pages (Firefox gives each install a random one). */
export const FIREFOX_UUID = '6f1d2c3b-4a5e-4f60-9b7a-0c1d2e3f4a5b';
const GECKO_ID = 'context-cards@context-cards.example';

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
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Console errors and uncaught exceptions seen on this page. */
  errors: string[];
  /** The driver's own page (playwright-core in Chromium, puppeteer-core in Firefox), for
   * what the common interface does not cover: init scripts, frames, CDP sessions. */
  raw: RawPage;
  close(): Promise<void>;
}

export type RawPage =
  { driver: 'playwright'; page: PwPage } | { driver: 'puppeteer'; page: PpPage };

export interface Session {
  name: BrowserName;
  /** URL of a page inside the extension, e.g. `src/popup/index.html`. */
  extensionUrl(path: string): string;
  newPage(): Promise<TestPage>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  server: TestServer;
  headless?: boolean;
  /** Extra `storage.sync` content written before any page opens. */
  dist?: string;
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
    screenshot: async (path) => void (await page.screenshot({ path })),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
}

export async function launchChromium(
  opts: LaunchOptions,
): Promise<Session & { context: BrowserContext; worker: Worker }> {
  const dist = opts.dist ?? DIST.chromium;
  const rules = [
    ...TEST_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${opts.server.port}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
  const context = await chromium.launchPersistentContext(opts.userDataDir ?? '', {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: opts.bfcache ? ['--disable-back-forward-cache'] : undefined,
    args: [
      ...(opts.extension === false
        ? []
        : [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`]),
      `--host-resolver-rules=${rules}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,MediaRouter',
    ],
  });
  const worker =
    opts.extension === false
      ? (undefined as unknown as Worker)
      : (context.serviceWorkers()[0] ??
        (await context.waitForEvent('serviceworker', { timeout: 15_000 })));
  const id = worker ? new URL(worker.url()).host : 'no-extension';
  // The persistent context opens one blank page; close it so tests own every page.
  for (const p of context.pages()) await p.close();
  return {
    name: 'chromium',
    context,
    worker,
    extensionUrl: (path) => `chrome-extension://${id}/${path.replace(/^\//, '')}`,
    newPage: async () => wrapPlaywright(await context.newPage()),
    close: () => context.close(),
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
    press: (key) => page.keyboard.press(key as never),
    type: (text) => page.keyboard.type(text),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    setViewport: (width, height) => page.setViewport({ width, height }),
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
    },
  });
  if (opts.extension !== false) await browser.installExtension(dist);
  return {
    name: 'firefox',
    browser,
    extensionUrl: (path) => `moz-extension://${FIREFOX_UUID}/${path.replace(/^\//, '')}`,
    newPage: async () => wrapPuppeteer(await browser.newPage()),
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function launch(name: BrowserName, opts: LaunchOptions): Promise<Session> {
  return name === 'chromium' ? launchChromium(opts) : launchFirefox(opts);
}
