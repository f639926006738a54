/**
 * Accessibility of the live card, in both browsers: axe-core run inside the extension's own
 * isolated world, against the open card in its closed shadow root, light and dark, with every
 * layer open (More, sources, "Why highlighted", an evidence legend, the actions menu); plus the
 * dialog's structure and its live-region announcement.
 *
 * How axe gets there, honestly: axe is never shipped. This file copies the built extension to a
 * temporary folder and adds `axe.min.js` to that copy only; the test installs the copy. From an
 * extension page it injects axe with `scripting.executeScript({files})` into the tab's top frame,
 * which runs in the same isolated world as our content script and card. There the closed root is
 * reachable through the browsers' extension-only APIs (`chrome.dom.openOrClosedShadowRoot` in
 * Chromium, `Element.openOrClosedShadowRoot` in Firefox content scripts); the test exposes it to
 * axe as the host's `shadowRoot` in that world only (the page's world never sees it) and runs
 * `axe.run(host)`.
 */
import { copyFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSERS, DIST, type TestPage } from './harness/browsers.ts';
import { useBrowser } from './harness/fixture.ts';
import { REPO } from './harness/server.ts';
import {
  cardState,
  clickControl,
  hoverOpen,
  mark,
  setSettings,
  sleep,
  waitForCard,
  useCardArticle,
} from './card-support.ts';

/** A copy of the build with axe added: for this test only. */
function buildWithAxe(name: 'chromium' | 'firefox'): string {
  const dir = mkdtempSync(join(tmpdir(), `cc-axe-${name}-`));
  cpSync(DIST[name], dir, { recursive: true });
  copyFileSync(join(REPO, 'node_modules/axe-core/axe.min.js'), join(dir, 'axe.min.js'));
  return dir;
}

interface AxeReport {
  error?: string;
  via?: string;
  elements?: number;
  passes?: string[];
  incomplete?: string[];
  violations?: { id: string; impact: string; help: string; targets: string[] }[];
}

/** Injects axe into the tab's isolated world and runs it against the open card. */
function runAxe(ext: TestPage, url: string): Promise<AxeReport> {
  return ext.evaluate(async (u) => {
    type Api = import('webextension-polyfill').Browser;
    const g = globalThis as unknown as { browser?: Api; chrome: Api };
    const api = g.browser ?? g.chrome;
    const tab = (await api.tabs.query({})).find((t) => t.url?.startsWith(u));
    if (!tab?.id) return { error: `no tab at ${u}` };
    const target = { tabId: tab.id, frameIds: [0] };
    // An absolute path: Firefox resolves `files` against the calling page's folder.
    await api.scripting.executeScript({ target, files: ['/axe.min.js'] });
    const [out] = await api.scripting.executeScript({
      target,
      func: async () => {
        type AxeResult = {
          violations: { id: string; impact: string; help: string; nodes: { target: unknown }[] }[];
          passes: { id: string }[];
          incomplete: { id: string; nodes: { target: unknown }[] }[];
        };
        type Axe = {
          run(ctx: Element, opts: object): Promise<AxeResult>;
        };
        // axe sets `window.axe`; in a Firefox content script `window` is not the global object.
        const w = window as unknown as {
          axe: Axe;
          chrome?: { dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null } };
        };
        try {
          const host = document.querySelector('context-cards-card');
          if (!host) return { error: 'no card host' };
          const viaChrome = w.chrome?.dom?.openOrClosedShadowRoot;
          const root = viaChrome
            ? viaChrome(host)
            : (host as unknown as { openOrClosedShadowRoot: ShadowRoot | null })
                .openOrClosedShadowRoot;
          if (!root) return { error: 'closed root not reachable' };
          Object.defineProperty(host, 'shadowRoot', { configurable: true, get: () => root });
          // axe lays out its hit-test grid (used by color-contrast) with a TreeWalker from
          // document.body, assuming all content is there; our host is a child of <html>, where a
          // page's body styles cannot reach it. So, in this isolated world and for this run only,
          // a walker asked for at <body> starts at <html>'s first child and covers all of <html>.
          const createTreeWalker = document.createTreeWalker;
          document.createTreeWalker = function (
            this: Document,
            rootNode: Node,
            ...rest: [number?, NodeFilter?]
          ) {
            if (rootNode !== document.body) return createTreeWalker.call(this, rootNode, ...rest);
            const walker = createTreeWalker.call(this, document.documentElement, ...rest);
            walker.currentNode = document.documentElement.firstElementChild!;
            return walker;
          };
          let r: AxeResult;
          try {
            r = await w.axe.run(host, { resultTypes: ['violations'], iframes: false });
          } finally {
            document.createTreeWalker = createTreeWalker;
          }
          return {
            via: viaChrome ? 'chrome.dom.openOrClosedShadowRoot' : 'Element.openOrClosedShadowRoot',
            elements: root.querySelectorAll('*').length,
            passes: r.passes.map((p) => p.id),
            incomplete: r.incomplete.map(
              (p) => `${p.id} ${p.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`,
            ),
            violations: r.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              targets: v.nodes.map((n) => JSON.stringify(n.target)),
            })),
          };
        } catch (e) {
          return { error: `${String(e)} ${(e as Error).stack ?? ''}` };
        }
      },
    });
    return (out?.result ?? { error: `no result: ${JSON.stringify(out)}` }) as AxeReport;
  }, url);
}

describe.each(BROWSERS)('%s: card accessibility (axe in the e2e browser)', (name) => {
  const e2e = useBrowser(name, { dist: buildWithAxe(name) });
  const article = useCardArticle(e2e);

  /**
   * Opens the StopSIM card (pinned, so it stays while we click) with every layer open: More, the
   * sources, "Why highlighted", the evidence legend under the first fact, and the actions menu.
   */
  const openExpanded = async () => {
    const page = await article.open();
    await hoverOpen(e2e, page, article.url, await mark(page, 'StopSIM'), 'stopsim');
    await clickControl(e2e, page, article.url, /^Keep this card open$/);
    for (const name of [/^Source kind:/, /^More/, /^Sources \(\d+\)$/, /^Why highlighted$/]) {
      await clickControl(e2e, page, article.url, name);
      await sleep(150);
    }
    await clickControl(e2e, page, article.url, /^More actions$/); // last: a press elsewhere closes it
    await sleep(150);
    // Back to the top of the body (More scrolled it), the same place in both browsers.
    const s = (await cardState(e2e, article.url))!;
    for (let i = 0; i < 12; i++)
      await page.wheel(s.rect.x + s.rect.width / 2, s.rect.y + s.rect.height / 3, -1000);
    await sleep(300);
    return (await cardState(e2e, article.url))!;
  };

  for (const theme of ['light', 'dark'] as const)
    it(`reports no violations on the open card (${theme})`, async () => {
      if (theme === 'dark') await setSettings(article.ext, { card: { theme: 'dark' } });
      const s = await openExpanded();
      expect(s.theme).toBe(theme);
      // Every layer open; of the evidence chips, one legend is open at a time.
      const closed = s.controls.filter((c) => c.expanded === false);
      expect(closed.filter((c) => !c.name.startsWith('Source kind:'))).toEqual([]);
      expect(s.controls.filter((c) => c.expanded).length).toBe(5);
      const report = await runAxe(article.ext, article.url);
      console.log(
        `[axe ${name} ${theme}] via ${report.via}: ${report.elements} elements, ` +
          `${report.passes?.length} rules passed, ${report.violations?.length} violations, ` +
          `${report.incomplete?.length} incomplete ${report.error ?? ''} ${report.incomplete?.join(' ') ?? ''}`,
      );
      expect(report.error).toBeUndefined();
      expect(report.elements).toBeGreaterThan(50);
      expect(report.passes).toContain('color-contrast');
      expect(report.passes).toContain('aria-dialog-name');
      expect(report.violations).toEqual([]);
      expect(report.incomplete).toEqual([]); // nothing axe could not decide
    });

  it('is a labelled non-modal dialog that announces its name and kind when it opens', async () => {
    const page = await article.open();
    await page.press('Alt+Shift+Period');
    const s = await waitForCard(e2e, article.url);
    expect(s.role).toBe('dialog');
    expect(s.labelledBy).toBeTruthy();
    expect(s.text.split('\n')[0]).toBeTruthy();
    await sleep(300);
    const now = (await cardState(e2e, article.url))!;
    expect(now.announcement).toMatch(/^.+, [A-Z][a-z -]+\. Mention 1 of \d+\./);
    // The card is already open: the announcement says what Enter does now.
    expect(now.announcement).toContain('Its card is open: press Enter to move into it');
    // The page sees one element of ours and nothing inside it.
    expect(
      await page.evaluate(() => {
        const host = document.querySelector('context-cards-card')!;
        return [host.shadowRoot, host.childNodes.length, host.getAttribute('popover')];
      }),
    ).toEqual([null, 0, 'manual']);
  });
});
