/**
 * Reliability (issue 7): page integrity, in Chromium and Firefox.
 *
 * Proves, on every page of `../shared/corpus/news/` and on React 19 and Vue 3 pages that hydrate
 * after our marking has run: in highlight mode the page's own DOM is unchanged, frameworks report
 * no hydration error, and the page's scripts throw nothing they did not throw without the
 * extension.
 *
 * Method. Each page is loaded twice at the same time: in the browser with the extension and in
 * the same browser build without it (the baseline), same URL, same network. In both, a
 * main-world MutationObserver installed before any page script records every DOM mutation from
 * the start (whoever makes it), so a change we made and later undid still shows. When our
 * marking has settled, both pages are snapshotted together:
 * - a DOM fingerprint that also shows text-node boundaries and open shadow roots (outerHTML hides
 *   a split or merged text node, the classic highlighter bug);
 * - the mutation log, compared as a multiset of signatures (type, tag path, attribute, nodes
 *   added and removed);
 * - uncaught exceptions.
 * Any difference is first checked against the page's own nondeterminism: a second baseline run
 * is taken and only then are run-to-run variations (cache-busting random numbers, parser races
 * around document.write) tolerated, and only where the two baselines themselves differ.
 *
 * Corpus pages are served as saved, plus one sentence naming three of our terms prepended inside
 * the first paragraph, so that the engine really marks something on real-world markup (almost
 * none of these pages mentions SIM). The files themselves are never modified.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type Session, type TestPage } from './harness/browsers.ts';
import { serveHydrationFixtures, type HydrationFixtures } from './harness/hydration.ts';
import {
  addInitScript,
  domFingerprint,
  gotoTolerant,
  installMutationRecorder,
  launchPlain,
  readMarks,
  readMutations,
  recordConsole,
  sleep,
  waitForMarkingIdle,
} from './harness/reliability.ts';
import { CORPUS_DIR, startServer, type TestServer } from './harness/server.ts';

const CORPUS = existsSync(CORPUS_DIR)
  ? readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith('.html'))
      .sort()
  : [];
if (CORPUS.length === 0)
  console.warn(`reliability-integrity: no corpus at ${CORPUS_DIR}; corpus pages are skipped`);

/** The sentence added to each corpus page, and the marks it must produce. */
const SENTENCE =
  'Campaigners from StopSIM wrote to NHS England about Serenity Integrated Mentoring. ';
const SENTENCE_MARKS = ['NHS England', 'Serenity Integrated Mentoring', 'StopSIM'];

const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr path'.split(' '),
);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/**
 * A corpus page with SENTENCE prepended inside its first paragraph of prose: the first `<p>` in
 * the body that starts with 60 characters of text and is not inside `<noscript>`, `<template>`,
 * or a `hidden` or `aria-hidden="true"` subtree, all of which the engine rightly skips (one
 * saved page has its whole app under `aria-hidden`). A small tag scanner keeps the stack of open
 * elements; it falls back to the start of the body.
 */
function corpusWithMentions(file: string): string {
  const html = readFileSync(join(CORPUS_DIR, file), 'utf8');
  const body = Math.max(0, html.search(/<body[\s>]/i));
  let at = html.indexOf('>', body) + 1;
  const stack: { tag: string; skip: boolean }[] = [];
  const tags = /<(\/?)([a-zA-Z][\w:-]*)([^>]*)>/g;
  tags.lastIndex = at;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    const [whole, close, rawTag, attrs] = m as unknown as [string, string, string, string];
    const tag = rawTag.toLowerCase();
    if (close) {
      const i = stack.map((e) => e.tag).lastIndexOf(tag);
      if (i >= 0) stack.length = i;
      continue;
    }
    if (RAW_TEXT.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, tags.lastIndex);
      tags.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    const skip =
      tag === 'noscript' ||
      tag === 'template' ||
      /\shidden(\s|=|\/?$)/i.test(attrs) ||
      /aria-hidden\s*=\s*["']?true/i.test(attrs);
    if (tag === 'p' && !stack.some((e) => e.skip) && /^[^<]{60}/.test(html.slice(tags.lastIndex))) {
      at = m.index + whole.length;
      break;
    }
    if (!VOID.has(tag) && !attrs.endsWith('/')) stack.push({ tag, skip });
  }
  let out = html.slice(0, at) + SENTENCE + html.slice(at);
  // ChartBeat's flicker control hides the body until its script removes the style, or after
  // 1 s at most; in this snapshot that script is a syntax error (a CDATA section), so the page
  // would stay blank for ever. Do what its 1 s timeout does, as a reader's browser would.
  if (out.includes('id="chartbeat-flicker-control-style"'))
    out = out.replace(
      /<\/body>/i,
      "<script>setTimeout(() => document.getElementById('chartbeat-flicker-control-style')?.remove(), 1000)</script></body>",
    );
  return out;
}

interface Visit {
  /** `domFingerprint` tokens. */
  fingerprint: string[];
  mutations: string[];
  uncaught: string[];
  console: { type: string; text: string }[];
  /** Errors the hydration fixtures' frameworks reported (`window.__ccFixtureErrors`). */
  frameworkErrors: string[];
  /** Our marks' texts, sorted; a stale one (on removed nodes) is suffixed " (stale)". */
  marks: string[];
}

/** Opens `url`, waits for `ready`, then snapshots the page. */
async function visit(
  session: Session,
  url: string,
  ready: (page: TestPage) => Promise<unknown>,
  after?: (page: TestPage) => Promise<void>,
): Promise<Visit> {
  const page = await session.newPage();
  const log = recordConsole(page);
  await addInitScript(page, installMutationRecorder, undefined);
  await gotoTolerant(page, url);
  await ready(page);
  // The flicker control's 1 s timer (`corpusWithMentions`) has run in every visit before it is
  // snapshotted: a snapshot taken near that second would otherwise differ by the page's own style.
  await page.waitFor(() => !document.getElementById('chartbeat-flicker-control-style'));
  await after?.(page);
  const snapshot: Visit = {
    fingerprint: await page.evaluate(domFingerprint),
    mutations: await readMutations(page),
    uncaught: [...log.uncaught],
    console: [...log.console],
    frameworkErrors: await page.evaluate(
      () => (window as never as { __ccFixtureErrors?: string[] }).__ccFixtureErrors ?? [],
    ),
    marks: (await page.evaluate(readMarks))
      .map((m) => m.text + (m.connected ? '' : ' (stale)'))
      .sort(),
  };
  await page.close();
  return snapshot;
}

const digits = (s: string) => s.replace(/\d{6,}/g, '#');
const counts = (list: string[]) => {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};

/**
 * DOM differences. Exact token sequences first; where they differ, the page may have raced with
 * itself (async scripts inserting ad tags in a different order from run to run), so the tokens
 * are compared as multisets (numbers of 6+ digits, cache-busters, folded; whitespace-only text
 * left out): a node we added, removed, split, merged or changed still shows there, and a node we
 * merely moved would show in the mutation log.
 */
function domDifference(base: string[], ext: string[]): string | undefined {
  if (base.length === ext.length && base.every((t, i) => t === ext[i])) return undefined;
  const bag = (tokens: string[]) => counts(tokens.filter((t) => !/^"\s*"$/.test(t)).map(digits));
  const b = bag(base);
  const e = bag(ext);
  const missing: string[] = [];
  const added: string[] = [];
  for (const [t, n] of b) if ((e.get(t) ?? 0) < n) missing.push(t);
  for (const [t, n] of e) if ((b.get(t) ?? 0) < n) added.push(t);
  if (!missing.length && !added.length) return undefined;
  const show = (l: string[]) =>
    l.slice(0, 8).map((t) => (t.length > 160 ? `${t.slice(0, 160)}…` : t));
  return `DOM differs:\n  only without the extension: ${show(missing).join(' ')}\n  only with it: ${show(added).join(' ')}`;
}

/**
 * Differences between the extension's run and the baseline(s) that the page's own
 * nondeterminism (seen between two baselines) does not explain.
 */
function compare(ext: Visit, base: Visit, base2?: Visit) {
  const problems: string[] = [];
  const dom = domDifference(base.fingerprint, ext.fingerprint);
  if (dom && (!base2 || domDifference(base2.fingerprint, ext.fingerprint))) problems.push(dom);
  // Mutations: none beyond the page's own (a signature's count may vary only as much as it
  // varies between two baselines).
  const e = counts(ext.mutations.map(digits));
  const b = counts(base.mutations.map(digits));
  const b2 = base2 ? counts(base2.mutations.map(digits)) : undefined;
  const extra: string[] = [];
  for (const [sig, n] of e) {
    const n1 = b.get(sig) ?? 0;
    const n2 = b2?.get(sig) ?? n1;
    if (n > Math.max(n1, n2) + Math.abs(n1 - n2)) extra.push(`${n - Math.max(n1, n2)}× ${sig}`);
  }
  if (extra.length)
    problems.push(`mutations not made by the page:\n  ${extra.slice(0, 12).join('\n  ')}`);
  // Uncaught exceptions: none that the page does not also throw without us.
  const known = new Set([...base.uncaught, ...(base2?.uncaught ?? [])].map(digits));
  const thrown = ext.uncaught.map(digits).filter((x) => !known.has(x));
  if (thrown.length) problems.push(`exceptions only with the extension: ${thrown.join(' | ')}`);
  return problems;
}

/** Loads a page with and without the extension at once; retries the baseline on a difference. */
async function withAndWithout(
  ext: Session,
  plain: Session,
  url: string,
  minMarks: number,
  after?: (page: TestPage) => Promise<void>,
) {
  let settled!: () => void;
  const marked = new Promise<void>((r) => (settled = r));
  let elapsed = 0;
  const [withExt, base] = await Promise.all([
    visit(
      ext,
      url,
      async (page) => {
        const t0 = Date.now();
        try {
          await waitForMarkingIdle(page, { min: minMarks, quietMs: 300 });
        } finally {
          elapsed = Date.now() - t0;
          settled();
        }
      },
      after,
    ),
    visit(plain, url, () => marked, after),
  ]);
  let problems = compare(withExt, base);
  if (problems.length) {
    const base2 = await visit(plain, url, () => sleep(elapsed), after);
    problems = compare(withExt, base, base2);
  }
  return { withExt, base, problems };
}

/** Our own console lines (the content script and card log with this prefix). */
const ours = (v: Visit) => v.console.filter((m) => /context.?cards/i.test(m.text));

describe.each(BROWSERS)('%s: reliability: page integrity', (name) => {
  let server: TestServer;
  let ext: Session;
  let plain: Session;
  let hydration: HydrationFixtures;
  beforeAll(async () => {
    server = await startServer();
    server.route((_req, res, url) => {
      const m = /^\/corpus-marked\/([\w.-]+\.html)$/.exec(url.pathname);
      if (!m || !CORPUS.includes(m[1]!)) return false;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(corpusWithMentions(m[1]!));
      return true;
    });
    hydration = await serveHydrationFixtures(server);
    [ext, plain] = await Promise.all([launch(name, { server }), launchPlain(name, server)]);
  });
  afterAll(async () => {
    await ext?.close();
    await plain?.close();
    await server?.close();
    hydration?.dispose();
  });

  it.each(CORPUS)('corpus %s: DOM unchanged, no new exceptions', async (file) => {
    const { withExt, problems } = await withAndWithout(
      ext,
      plain,
      server.url(`/corpus-marked/${file}`),
      1,
    );
    // Soft: one run reports every broken point.
    expect
      .soft(withExt.marks, 'marks of the added sentence')
      .toEqual(expect.arrayContaining(SENTENCE_MARKS));
    expect.soft(problems).toEqual([]);
    expect.soft(ours(withExt)).toEqual([]);
  });

  for (const framework of ['react', 'vue'] as const) {
    it(`${framework}: hydrates after marking without a mismatch, and keeps its marks`, async () => {
      const url = server.url(hydration.paths[framework]);
      const hydrate = async (page: TestPage) => {
        await page.evaluate(() =>
          (window as never as { __ccFixtureHydrate: () => void }).__ccFixtureHydrate(),
        );
        await page.waitFor(
          () => (window as never as { __ccFixtureHydrated?: boolean }).__ccFixtureHydrated === true,
        );
        // The app is live: its state drives the DOM it took over from the server.
        await page.evaluate(() => document.getElementById('counter')!.click());
        await page.waitFor(
          () => document.getElementById('counter')!.textContent === 'Clicked 1 times',
        );
      };
      let marksBefore: string[] = [];
      const { withExt, base, problems } = await withAndWithout(ext, plain, url, 3, async (page) => {
        const marks = await page.evaluate(readMarks);
        if (marks.length) marksBefore = marks.map((m) => m.text).sort();
        await hydrate(page);
      });
      const frameworkErrors = (v: Visit) => [
        ...v.frameworkErrors,
        ...v.console
          .filter(
            (m) => m.type === 'error' || /mismatch|did not match|hydration failed/i.test(m.text),
          )
          .map((m) => `console.${m.type}: ${m.text}`),
      ];
      // The fixture itself hydrates cleanly: otherwise this test proves nothing.
      expect(frameworkErrors(base), 'baseline').toEqual([]);
      expect.soft(frameworkErrors(withExt), 'with the extension').toEqual([]);
      expect.soft(problems).toEqual([]);
      // Marking ran before hydration, and survived it: same ranges, still in the document.
      expect(marksBefore).toEqual(['NHS England', 'Serenity Integrated Mentoring', 'StopSIM']);
      expect(withExt.marks).toEqual(marksBefore);
    });
  }
});
