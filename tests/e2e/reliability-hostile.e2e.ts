/**
 * Reliability (issue 7): hostile pages, strict CSP and our own pages' CSP, in Chromium and
 * Firefox.
 *
 * Proves:
 * - A page that replaces `Array.prototype.push`, `JSON.parse`, `Element.prototype.attachShadow`,
 *   `EventTarget.prototype.addEventListener` and `MutationObserver` with tampering spies before we
 *   run still gets its marks and cards, and its spies never see one call of ours (isolated world
 *   in Chromium, Xray wrappers in Firefox).
 * - The page can never read the card or the dataset: the card's shadow root is closed (the
 *   page's forced-open `attachShadow` is never reached), its text is in neither `innerText` nor a
 *   select-all, nothing of ours appears on `window` (names or symbols) or in the custom-element
 *   registry, our files cannot be fetched, no message is posted to the page, and page markup shown
 *   as text next to a mention never runs.
 * - Page CSS cannot hide the card; a page that removes our host as soon as it appears and fires
 *   synthetic events at it gets no error, and the next hover opens a card again.
 * - A page served with `Content-Security-Policy: default-src 'none'; style-src 'none'` still gets
 *   marks that paint and a styled card, with no CSP violation caused by us.
 * - Extension pages run under a strict CSP: no inline script, no eval, in the built manifests and
 *   HTML and in the running browser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardState } from '../../src/shared/card-bridge.ts';
import { BROWSERS, DIST, launch, type Session, type TestPage } from './harness/browsers.ts';
import { poll } from './harness/fixture.ts';
import { countColour, screenshotPixels } from './harness/png.ts';
import {
  ExtensionPage,
  addInitScript,
  readMarks,
  recordConsole,
  sleep,
  waitForMarkingIdle,
} from './harness/reliability.ts';
import { REPO, startServer, type TestServer } from './harness/server.ts';

const FIXTURES = join(REPO, 'tests/fixtures/reliability');
const UNDERLINE_RGB: [number, number, number] = [0xb0, 0x7d, 0x00];
/** Text every card shows (its footer's actions), and that no page text contains. */
const CARD_TEXT = 'Open full entry';

interface Spy {
  shadowHosts: string[];
  listeners: string[];
  observers: number;
  parsed: string[];
  removed: number;
  removing: boolean;
}

/** Hovers the mark in `#id` and waits for its card (`entity`), or returns the state at `ms`. */
async function hoverMark(
  ext: ExtensionPage,
  page: TestPage,
  url: string,
  id: string,
  entity: string,
  ms = 6000,
) {
  const mark = (await page.evaluate(readMarks)).find((m) => m.where === `p#${id}`);
  if (!mark) throw new Error(`no mark in #${id}`);
  await page.hover(5, 5);
  await page.hover(mark.x, mark.y);
  return poll(
    () => ext.call<CardState | null>(url, 'tab/card-state'),
    (s) => s?.entityId === entity,
    ms,
  );
}

/** What a page can find of us from its own world. */
function whatThePageSees(cardText: string) {
  const host = document.querySelector('context-cards-card');
  const sel = getSelection()!;
  sel.selectAllChildren(document.documentElement);
  const selected = sel.toString();
  sel.removeAllRanges();
  return {
    hostInDocument: !!host,
    shadowRoot: host ? host.shadowRoot !== null : false,
    hostText: host ? host.textContent + host.innerHTML : '',
    inInnerText: document.documentElement.innerText.includes(cardText),
    inSelection: selected.includes(cardText),
    bridgeSymbol: Symbol.for('context-cards.card') in window,
    customElement: customElements.get('context-cards-card') !== undefined,
    symbols: Object.getOwnPropertySymbols(window).map(String),
  };
}

describe.each(BROWSERS)('%s: reliability: hostile pages and CSP', (name) => {
  let server: TestServer;
  let session: Session;
  let ext: ExtensionPage;
  beforeAll(async () => {
    server = await startServer();
    // The CSP page, on a listed news site and (for its own violations) on an unlisted one.
    server.route((_req, res, url) => {
      if (url.pathname !== '/reliability/csp.html') return false;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'none'",
      });
      res.end(readFileSync(join(FIXTURES, 'csp.html')));
      return true;
    });
    session = await launch(name, { server });
    ext = await ExtensionPage.open(session);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('keeps working under tampered built-ins, which never see a call of ours', async () => {
    const page = await session.newPage();
    const log = recordConsole(page);
    // The page's own globals before we run, to tell ours apart afterwards.
    await addInitScript(
      page,
      () => {
        const w = window as unknown as { __ccFixtureGlobals: string[] };
        w.__ccFixtureGlobals = Object.getOwnPropertyNames(window);
        window.addEventListener('message', (e) =>
          ((w as unknown as { __ccFixtureMessages: string[] }).__ccFixtureMessages ??= []).push(
            String(e.data).slice(0, 80),
          ),
        );
      },
      undefined,
    );
    // A URL of its own per test: the extension page finds the tab by URL.
    const url = server.url('/fixtures/reliability/hostile.html?builtins');
    await page.goto(url);
    await waitForMarkingIdle(page, { min: 3 });
    const before = await page.evaluate(
      () => (window as never as { __ccFixtureHostile: Spy }).__ccFixtureHostile,
    );
    const marks = (await page.evaluate(readMarks)).map((m) => `${m.where}:${m.text}`);
    expect(marks.sort()).toEqual([
      'p#h1:StopSIM',
      'p#h2:NHS England',
      'p#h3:Serenity Integrated Mentoring',
    ]);

    const state = await hoverMark(ext, page, url, 'h2', 'nhs-england');
    expect(state?.entityId).toBe('nhs-england');
    // Page CSS (`display: none !important` on our host and everything in it) cannot hide it.
    expect(state!.rect.width).toBeGreaterThan(200);
    expect(state!.text).toContain(CARD_TEXT);

    const spy = await page.evaluate(
      () => (window as never as { __ccFixtureHostile: Spy }).__ccFixtureHostile,
    );
    // Nothing of ours went through the page's spies: no shadow root, no listener, no observer,
    // no parse beyond what the page did before we marked.
    expect(spy.shadowHosts).toEqual([]);
    expect(spy.listeners.filter((l) => !before.listeners.includes(l))).toEqual([]);
    expect(spy.observers).toBe(0);
    expect(spy.parsed).toEqual(before.parsed);

    const seen = await page.evaluate(whatThePageSees, CARD_TEXT);
    expect(seen).toEqual({
      hostInDocument: true,
      shadowRoot: false,
      hostText: '',
      inInnerText: false,
      inSelection: false,
      bridgeSymbol: false,
      customElement: false,
      symbols: [],
    });
    const newGlobals = await page.evaluate(() => {
      const w = window as unknown as { __ccFixtureGlobals: string[] };
      return Object.getOwnPropertyNames(window).filter(
        (n) => !w.__ccFixtureGlobals.includes(n) && !n.startsWith('__ccFixture'),
      );
    });
    expect(newGlobals).toEqual([]);
    // Markup shown as text beside a mention stays text; nothing is posted to the page.
    expect(
      await page.evaluate(() => ({
        pwned: (window as never as { __ccFixturePwned?: number }).__ccFixturePwned ?? null,
        messages: (window as never as { __ccFixtureMessages?: string[] }).__ccFixtureMessages ?? [],
      })),
    ).toEqual({ pwned: null, messages: [] });

    // Our files are not reachable from the page (no web-accessible resources).
    const fetched = await page.evaluate(async (base) => {
      const out: string[] = [];
      for (const path of ['manifest.json', 'src/card/main.iife.js', 'src/page/main.iife.js'])
        try {
          const r = await fetch(base + path);
          out.push(`${path}: ${r.status}`);
        } catch {
          out.push(`${path}: refused`);
        }
      return out;
    }, session.extensionUrl(''));
    expect(
      fetched.every((f) => f.endsWith('refused')),
      fetched.join(', '),
    ).toBe(true);

    expect(log.uncaught).toEqual([]);
    expect(log.console.filter((m) => /context.?cards/i.test(m.text))).toEqual([]);
    await page.close();
  });

  it('survives its host being removed on sight and synthetic events fired at it', async () => {
    const page = await session.newPage();
    const log = recordConsole(page);
    const url = server.url('/fixtures/reliability/hostile.html?removal');
    await page.goto(url);
    await waitForMarkingIdle(page, { min: 3 });
    await page.evaluate(() => {
      (window as never as { __ccFixtureHostile: Spy }).__ccFixtureHostile.removing = true;
    });
    // Each hover opens a card, which the page removes at once; the next hover must work again.
    for (const [id, entity] of [
      ['h1', 'stopsim'],
      ['h3', 'sim'],
      ['h2', 'nhs-england'],
    ] as const) {
      const state = await hoverMark(ext, page, url, id, entity);
      expect(state?.entityId, id).toBe(entity);
      // Synthetic events at our host (if it is in the document) and at the document.
      await page.evaluate(() => {
        const targets = [document.querySelector('context-cards-card'), document.body].filter(
          (t): t is Element => !!t,
        );
        for (const t of targets)
          for (const type of [
            'pointerenter',
            'pointerleave',
            'pointerdown',
            'click',
            'keydown',
            'focusin',
          ])
            t.dispatchEvent(
              type.startsWith('pointer')
                ? new PointerEvent(type, { bubbles: true, composed: true })
                : type === 'keydown'
                  ? new KeyboardEvent(type, { key: 'Escape', bubbles: true, composed: true })
                  : new Event(type, { bubbles: true, composed: true }),
            );
      });
    }
    const spy = await page.evaluate(
      () => (window as never as { __ccFixtureHostile: Spy }).__ccFixtureHostile,
    );
    expect(spy.removed).toBeGreaterThanOrEqual(3);
    // Marks are untouched by all this.
    expect((await page.evaluate(readMarks)).filter((m) => m.connected)).toHaveLength(3);
    expect(log.uncaught).toEqual([]);
    expect(log.console.filter((m) => /context.?cards/i.test(m.text))).toEqual([]);
    await page.close();
  });

  it('ignores synthetic pointer events: a page cannot open a card by script', async () => {
    // Hover and interaction listeners act only on trusted events (`event.isTrusted`), so a page
    // cannot drive our UI (open, hold or close cards).
    const page = await session.newPage();
    const url = server.url('/fixtures/reliability/hostile.html?synthetic');
    await page.goto(url);
    await waitForMarkingIdle(page, { min: 3 });
    const mark = (await page.evaluate(readMarks)).find((m) => m.where === 'p#h1')!;
    await page.evaluate(
      ({ x, y }) => {
        for (let i = 0; i < 5; i++)
          document.elementFromPoint(x, y)!.dispatchEvent(
            new PointerEvent('pointermove', {
              clientX: x + i,
              clientY: y,
              bubbles: true,
              composed: true,
              pointerType: 'mouse',
            }),
          );
      },
      { x: mark.x, y: mark.y },
    );
    await sleep(1500);
    expect(await ext.call<CardState | null>(url, 'tab/card-state')).toBeNull();
    await page.close();
  });

  it("strict CSP (default-src 'none'; style-src 'none'): marks paint, the card opens styled, no violation", async () => {
    // Every CSP violation the page reports, with what was blocked; the page's own (its blocked
    // style element and attribute, its favicon) are known from the same page on an unlisted
    // site, where no content script runs.
    const violations = async (host?: string) => {
      const page = await session.newPage();
      await addInitScript(
        page,
        () => {
          const w = window as unknown as { __ccFixtureViolations: string[] };
          w.__ccFixtureViolations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            w.__ccFixtureViolations.push(
              `${e.effectiveDirective} ${e.blockedURI.replace(/^https?:\/\/[^/]+/, '')} ${e.sample}`,
            ),
          );
        },
        undefined,
      );
      const log = recordConsole(page);
      await page.goto(server.url('/reliability/csp.html', host));
      return { page, log };
    };
    const read = (page: TestPage) =>
      page.evaluate(
        () => (window as never as { __ccFixtureViolations: string[] }).__ccFixtureViolations,
      );
    const { page: plain, log: plainLog } = await violations('www.example-unlisted.org');
    const { page, log } = await violations();
    const url = server.url('/reliability/csp.html');
    await waitForMarkingIdle(page, { min: 2 });
    // The page's own style element and style attribute are blocked: the CSP is in force.
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).not.toBe(
      'rgb(255, 0, 0)',
    );
    const marks = await page.evaluate(readMarks);
    expect(marks.map((m) => m.text).sort()).toEqual(['NHS England', 'StopSIM']);
    // Marks paint: underline-coloured pixels under the first mark.
    const box = await page.evaluate(() => {
      const p = document.getElementById('c1')!;
      const t = p.firstChild!;
      const i = t.textContent!.indexOf('StopSIM');
      const r = new Range();
      r.setStart(t, i);
      r.setEnd(t, i + 7);
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height + 8 };
    });
    expect(countColour(await screenshotPixels(page, box), UNDERLINE_RGB, 48)).toBeGreaterThan(5);
    const state = await hoverMark(ext, page, url, 'c1', 'stopsim');
    expect(state?.entityId).toBe('stopsim');
    // Styled: the card's stylesheet (adopted, not a <style> the CSP would block) gives it its
    // width (at most 380 px) instead of an unstyled block's.
    expect(state!.rect.width).toBeGreaterThan(250);
    expect(state!.rect.width).toBeLessThanOrEqual(400);
    expect(state!.text).toContain(CARD_TEXT);
    await sleep(300);
    const own = new Set(await read(plain));
    expect(
      (await read(page)).filter((v) => !own.has(v)),
      'violations only with us',
    ).toEqual([]);
    expect(own.size, 'violations the page causes itself').toBeGreaterThan(0);
    // Firefox reports the page's own CSP violations as errors too: only new ones count.
    const noHost = (e: string) => e.replace(/https?:\/\/[^/\s]+/g, '');
    const known = plainLog.uncaught.map(noHost);
    expect(log.uncaught.filter((e) => !known.includes(noHost(e)))).toEqual([]);
    await plain.close();
    await page.close();
  });

  it('extension pages forbid inline script and eval, in the build and in the browser', async () => {
    const dist = DIST[name];
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
    const csp: string = manifest.content_security_policy?.extension_pages ?? '';
    const scriptSrc = /script-src([^;]*)/.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
    expect(scriptSrc).toEqual(["'self'"]);
    expect(csp).toMatch(/object-src 'none'/);
    // Every built HTML page: scripts only by src, no inline handlers, no javascript: URLs.
    const html = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? html(p) : p.endsWith('.html') ? [p] : [];
      });
    for (const file of html(dist)) {
      const text = readFileSync(file, 'utf8');
      for (const tag of text.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
        expect(tag, file).toMatch(/^<script\b[^>]*\bsrc=[^>]*>\s*<\/script>$/i);
      expect(text, file).not.toMatch(/\son[a-z]+\s*=/i);
      expect(text, file).not.toMatch(/javascript:/i);
    }
    // And the browser enforces it.
    const page = await session.newPage();
    await page.goto(session.extensionUrl('src/popup/index.html'));
    const result = await page.evaluate(async () => {
      const tryIt = (f: () => unknown) => {
        try {
          f();
          return 'ran';
        } catch (e) {
          return (e as Error).name;
        }
      };
      const w = window as unknown as { __ccFixtureInline?: number };
      const s = document.createElement('script');
      s.textContent = 'window.__ccFixtureInline = 1';
      document.head.append(s);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__ccFixtureInline = 2');
      img.src = 'data:,x';
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 200));
      return {
        eval: tryIt(() => (0, eval)('1 + 1')),
        function: tryIt(() => new Function('return 1')()),
        inline: w.__ccFixtureInline ?? null,
      };
    });
    expect(result).toEqual({ eval: 'EvalError', function: 'EvalError', inline: null });
    await page.close();
  });
});
