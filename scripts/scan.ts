/**
 * `npm run -s scan -- <file-or-url> [--all] [--json] [--as <url>] [--timeout <ms>]`: the curator's
 * scan tool.
 *
 * Opens one page in headless Chromium with the shipped build (`dist/chrome`), waits until marking
 * has settled, and reports every mention: entity, matched text, a context snippet and the rule
 * that fired (plain alias, cues near an ambiguous alias, a long form elsewhere on the page, the
 * page's own definition of an abbreviation, the site's own organisation, or the story); whether
 * the page touches the SIM story and by which mention (or its site); and what was held back, and
 * why (a related term on a page off the story, a publication on its own site, an abbreviation
 * the page defines as something else).
 *
 * - A file is served from a local server under a news domain of the default site list
 *   (`http://www.inews.co.uk/scan/<name>`), so the shipped build runs unchanged; files beside it
 *   are served too, and every other request is refused (no network). With `--as <url>`, or when
 *   the file's first comment names its `Source URL:` (the corpora's pages do), it is served at
 *   that address instead (over http), with the extension allowed on every site, so the site rules
 *   (a body's own site) apply as they would there.
 * - A URL (http or https) is opened as is, with normal name resolution.
 * - `--all` switches density to "every mention" (and lifts the per-page cap) before the page
 *   loads; without it the report shows what a reader sees by default: the first mention per entity.
 * - `--json`: stdout is exactly one JSON document,
 *   `{"url", "mentions": [{"entity", "name", "text", "context", "rule", "alias", "cues"}],
 *   "topic": {"touches", "by": {"entity", "name", "text" | "site"}},
 *   "heldBack": [{"entity", "name", "text", "reason"}], "timings": {"markMs", "loadMs",
 *   "settleMs"}, …}`. Use `npm run -s` (or `npx tsx scripts/scan.ts`) so npm's own banner stays
 *   off stdout.
 *
 * An unreadable file, a bad URL or a page that never loads gives one line on stderr and exit 1;
 * a usage mistake exits 2. Reuses the e2e harness (server, browsers, extension bridge).
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, normalize, resolve, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Response } from 'playwright-core';
import { hashDataset, readDatasetFiles } from '../src/dataset/load.ts';
import {
  ScanError,
  standIn,
  type ScanHeld,
  type ScanMention,
  type ScanTopic,
} from '../tests/e2e/harness/scan.ts';
import { NEWS_HOST, startServer } from '../tests/e2e/harness/server.ts';

// The browser drivers are heavy to load: they are imported only once the arguments are good, so
// a mistyped path or URL fails at once.
const DIST_CHROMIUM = fileURLToPath(new URL('../dist/chrome', import.meta.url));

const USAGE = `usage: npm run -s scan -- <file-or-url> [--all] [--json] [--as <url>] [--timeout <ms>]
  <file-or-url>  an HTML file (served under http://${NEWS_HOST}/scan/, or at its Source URL) or an
                 http(s) URL
  --all          report every mention, not just the first per entity
  --json         print one JSON document on stdout
  --as <url>     serve the file at this address, so that site rules apply as they would there
  --timeout <ms> how long the page may take to load (default 30000)`;

interface Args {
  target: string;
  all: boolean;
  json: boolean;
  as?: string;
  timeoutMs: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { target: '', all: false, json: false, timeoutMs: 30_000 };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--all') args.all = true;
    else if (a === '--json') args.json = true;
    else if (a === '--as') {
      const v = argv[++i];
      let url: URL | undefined;
      try {
        url = v ? new URL(v) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || !/^https?:$/.test(url.protocol) || !url.hostname)
        throw new UsageError('--as needs an http(s) address');
      args.as = url.href;
    } else if (a === '--timeout') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0)
        throw new UsageError('--timeout needs a whole number of milliseconds');
      args.timeoutMs = v;
    } else if (a === '--help' || a === '-h') throw new UsageError('');
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length !== 1)
    throw new UsageError(
      rest.length ? 'give exactly one file or URL' : 'give a file or URL to scan',
    );
  args.target = rest[0]!;
  return args;
}

type Target = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** Something with a scheme ("https://…", "ftp:…") is a URL; anything else is a file path. */
function resolveTarget(arg: string): Target {
  if (/^[a-z][a-z0-9+.-]*:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg)) {
    let url: URL;
    try {
      url = new URL(arg);
    } catch {
      throw new ScanError(`bad URL "${arg}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ScanError(`bad URL "${arg}": only http and https pages can be scanned`);
    if (!url.hostname) throw new ScanError(`bad URL "${arg}": it has no host`);
    return { kind: 'url', url: url.href };
  }
  const path = resolve(arg);
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.R_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (e as Error).message;
    throw new ScanError(`cannot read ${arg}: ${why}`);
  }
  return { kind: 'file', path };
}

/** The dataset hash baked into the build, to warn when it is older than the data folder. */
function builtHash(): string | undefined {
  const script = join(DIST_CHROMIUM, 'src/page/main.iife.js');
  if (!existsSync(script)) return undefined;
  return /hash:\s*[`'"]([0-9a-f]{12})[`'"]/.exec(readFileSync(script, 'utf8'))?.[1];
}

async function load(page: Page, url: string, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  let response: Response | null;
  try {
    response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0] ?? String(e);
    if ((e as Error).name === 'TimeoutError')
      throw new ScanError(`${url} did not load within ${timeoutMs / 1000} s`);
    throw new ScanError(`could not load ${url}: ${msg.replace(/^page\.goto: /, '')}`);
  }
  if (response && response.status() >= 400)
    throw new ScanError(`could not load ${url}: HTTP ${response.status()}`);
  return Date.now() - t0;
}

/** The file's own address, from its first comment ("Source URL: https://…"), if it names one. */
function sourceUrlOf(path: string): string | undefined {
  const head = readFileSync(path, 'utf8').slice(0, 2000);
  const m = /^\s*<!--[\s\S]*?Source URL:\s*(https?:\/\/\S+?)\s[\s\S]*?-->/.exec(head);
  return m?.[1];
}

const RULES: Record<ScanMention['rule'], (m: ScanMention) => string> = {
  alias: (m) => `alias "${m.alias}"`,
  cues: (m) => `cues near alias "${m.alias}": ${m.cues.join(', ')}`,
  'long-form': (m) => `alias "${m.alias}", long form elsewhere on the page`,
  defined: (m) => `alias "${m.alias}", as the page defines the abbreviation`,
  site: (m) => `alias "${m.alias}", the abbreviation of this site's own organisation`,
  story: (m) => `alias "${m.alias}", a story name on a page that touches the story`,
};

const HELD: Record<ScanHeld['reason'], string> = {
  'off-topic': 'related term; the page does not touch the story',
  'own-site': 'a publication on its own site',
  'defined-other': 'the page defines this abbreviation as something else',
};

function topicLine(topic: ScanTopic): string {
  const by = topic.by;
  if (!by) return 'touches the SIM story: no';
  if ('outer' in by) return 'touches the SIM story: yes, the page around this frame does';
  return by.site
    ? `touches the SIM story: yes, on the website of ${by.name} [${by.entity}] (${by.site})`
    : `touches the SIM story: yes, by ${JSON.stringify(by.text)}: ${by.name} [${by.entity}]`;
}

function printHuman(
  url: string,
  all: boolean,
  s: { mentions: ScanMention[]; markMs: number; topic: ScanTopic; heldBack: ScanHeld[] },
): void {
  const { mentions, markMs } = s;
  const entities = new Set(mentions.map((m) => m.entity)).size;
  const what = all ? 'every mention' : 'first mention per entity; --all for every mention';
  console.log(
    `${url}: ${mentions.length} mention(s) of ${entities} entit${entities === 1 ? 'y' : 'ies'} (${what}); marking took ${markMs.toFixed(1)} ms`,
  );
  console.log(topicLine(s.topic));
  mentions.forEach((m, i) => {
    console.log(`\n${i + 1}. ${m.name} [${m.entity}]`);
    console.log(`   text:    ${JSON.stringify(m.text)}`);
    console.log(`   rule:    ${RULES[m.rule](m)}`);
    console.log(`   context: …${m.context}…`);
  });
  if (s.heldBack.length === 0) return;
  console.log(`\nHeld back (${s.heldBack.length}):`);
  for (const h of s.heldBack)
    console.log(`  - ${JSON.stringify(h.text)}: ${h.name} [${h.entity}]: ${HELD[h.reason]}`);
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) console.error(`scan: ${e.message}`);
      console.error(USAGE);
      return e.message ? 2 : 0;
    }
    throw e;
  }
  const target = resolveTarget(args.target);
  if (!existsSync(join(DIST_CHROMIUM, 'manifest.json')))
    throw new ScanError(`no build at ${DIST_CHROMIUM}: run \`npm run build\` first`);
  const built = builtHash();
  const current = hashDataset(readDatasetFiles());
  if (built && built !== current)
    console.error(
      `scan: warning: dist/chrome holds dataset ${built} but the data folder is now ${current}; run \`npm run build\` to scan the current data`,
    );

  const { launchChromium } = await import('../tests/e2e/harness/browsers.ts');
  const { ExtensionBridge } = await import('../tests/e2e/harness/ext.ts');
  const { ALL_SITES, runEverywhere, setMarking, settledDetails } =
    await import('../tests/e2e/harness/scan.ts');
  // A file served at its own address: that host must be served, and the extension run there.
  const as = target.kind === 'file' ? (args.as ?? sourceUrlOf(target.path)) : undefined;
  const asUrl =
    as === undefined ? undefined : Object.assign(new URL(as), { protocol: 'http:' }).href;
  const server = await startServer({
    hosts: asUrl ? [new URL(asUrl).hostname, new URL(standIn(asUrl)).hostname] : [],
  });
  let url: string;
  if (target.kind === 'file' && asUrl) {
    const file = target.path;
    server.route((_req, res, u) => {
      if (u.href !== asUrl && u.href !== standIn(asUrl)) return false;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(readFileSync(file));
      return true;
    });
    url = asUrl;
  } else if (target.kind === 'file') {
    // The file and its neighbours (images, styles) under /scan/ on a listed news domain.
    const dir = dirname(target.path);
    server.route((_req, res, u) => {
      if (u.hostname !== NEWS_HOST || !u.pathname.startsWith('/scan/')) return false;
      const file = normalize(join(dir, decodeURIComponent(u.pathname.slice('/scan/'.length))));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return false;
      const type = /\.html?$/i.test(extname(file)) ? 'text/html; charset=utf-8' : undefined;
      res.writeHead(200, {
        ...(type ? { 'content-type': type } : {}),
        'cache-control': 'no-store',
      });
      res.end(readFileSync(file));
      return true;
    });
    url = server.url(`/scan/${encodeURIComponent(basename(target.path))}`);
  } else url = target.url;

  const session = await launchChromium({
    server,
    openNetwork: target.kind === 'url',
    ...(asUrl ? { grantable: [ALL_SITES] } : {}),
  });
  try {
    if (asUrl) await runEverywhere(session);
    if (args.all) await setMarking(session, { density: 'all', capPerPage: 100_000 });
    const bridge = await ExtensionBridge.open(session);
    let page = await session.context.newPage();
    let loadMs: number;
    try {
      loadMs = await load(page, url, args.timeoutMs);
    } catch (e) {
      // A host the browser reaches only over https (HSTS preload) cannot be served here.
      if (!asUrl || !/ERR_SSL_PROTOCOL_ERROR/.test(String((e as Error).message))) throw e;
      console.error(
        `scan: note: ${new URL(url).hostname} is reached only over https; serving it as ${standIn(url)}`,
      );
      url = standIn(url);
      await page.close();
      page = await session.context.newPage();
      loadMs = await load(page, url, args.timeoutMs);
    }
    const opened = page.url();
    // The content script answers within moments on a listed site; on any other it never does.
    const settled = await settledDetails(bridge, opened, {
      answerTimeoutMs: Math.min(10_000, args.timeoutMs),
    });
    if (!settled.stable)
      console.error(
        `scan: warning: mentions on ${opened} were still changing after ${settled.settleMs} ms`,
      );
    const timings = { markMs: settled.markMs, loadMs, settleMs: settled.settleMs };
    if (args.json) {
      const doc = {
        url: opened,
        ...(target.kind === 'file' ? { file: target.path } : {}),
        all: args.all,
        mentions: settled.mentions,
        topic: settled.topic,
        heldBack: settled.heldBack,
        timings,
        ...(built ? { dataset: built } : {}),
      };
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else printHuman(opened, args.all, settled);
    return 0;
  } finally {
    await session.close().catch(() => undefined);
    await server.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const msg =
      e instanceof ScanError
        ? e.message
        : e instanceof Error
          ? e.message.split('\n')[0]
          : String(e);
    console.error(`scan: ${msg}`);
    process.exitCode = 1;
  },
);
