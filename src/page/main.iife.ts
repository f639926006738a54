/**
 * Content script entry: the page layer, loaded on every listed page (and on sites the user adds).
 * How a page goes from here to marks and cards: src/page/README.md.
 *
 * Everything for one run hangs off one AbortSignal: a settings change aborts the run, tearing every
 * listener, observer and highlight down in one call, and starts a fresh one. The background answers
 * each start with this frame's settings and whether the extension runs on this host; if not, the
 * run marks nothing and reports nothing found, so the badge clears. A second copy of the script in
 * one frame (the manifest's, and the background's after the user grants a site) does nothing.
 */
import { browser } from '../shared/browser.ts';
import packed from 'virtual:cc-tables';
import { unpackTables, type MatchTables } from '../dataset/tables.ts';
import { registeredCard } from '../shared/card-bridge.ts';
import { onCalls, sendToBackground, type TabCalls } from '../shared/messages.ts';
import { hasHighlights, needsWrap } from './bridges.ts';
import { createEngine } from './engine.ts';
import { initInteractions } from './interact.ts';
import { PageRelevance } from '../matcher/relevance.ts';
import { badgeReporter } from './report.ts';
import { initTabCalls } from './tab-calls.ts';
import { loadWrap } from './chunks.ts';

let unpacked: MatchTables | undefined;
/** The match tables, unpacked on first use: a page without a mention never needs them. */
const tables = () => (unpacked ??= unpackTables(packed));

const INSTANCE = Symbol.for('context-cards.page');
const isTop = window === window.top;
/** The frame's host: `about:` frames inherit their parent's origin; sandboxed ones get none. */
function frameHost(): string {
  if (location.hostname) return location.hostname;
  try {
    return self.origin === 'null' ? '' : new URL(self.origin).hostname;
  } catch {
    return '';
  }
}
const host = frameHost();
let running = false;
/** The reader asked to see the related terms held back on this page: kept across restarts. */
let shownHere = false;

/** This frame's settings and whether we run here, from the background (that code stays off pages). */
const here = () => sendToBackground('settings/for-frame', { host });

type ForFrame = Awaited<ReturnType<typeof here>>;

async function run(signal: AbortSignal, { settings, runs, gate }: ForFrame): Promise<void> {
  running = runs;
  if (!running) {
    if (isTop) void sendToBackground('page/report', { mentions: [] });
    return;
  }
  const wrap = needsWrap(settings) ? await loadWrap() : undefined;
  if (signal.aborted) return;
  // No way to show marks: neither the Highlight API nor the wrap renderer.
  if (!wrap && !hasHighlights()) return;
  const relevance = new PageRelevance(host, settings.marking.contextEverywhere, shownHere);
  relevance.onChange(() => (shownHere = relevance.shownHere));
  // A frame shares its page's story: the top frame tells the tab's frames when it touches it.
  if (isTop)
    relevance.onTopic = (touches) =>
      void sendToBackground('page/topic', { touches }).catch(() => undefined);
  else {
    signal.addEventListener(
      'abort',
      onCalls<TabCalls>({ 'tab/outer-topic': ({ touches }) => relevance.setOuter(touches) }),
    );
    void sendToBackground('frame/outer-topic', undefined).then(
      ({ touches }) => relevance.setOuter(touches),
      () => undefined,
    );
  }
  const engine = createEngine({
    relevance,
    wrap,
    signal,
    settings,
    // Read by the marker only, if it is ever made.
    get tables() {
      return tables();
    },
    gate,
    hidden: new Set(settings.hidden[host] ?? []),
    // The card chunk keeps what it read of the page (its date): a new page forgets it.
    onNavigate: () => registeredCard()?.navigated(),
    onChange: isTop
      ? badgeReporter(tables, (mentions) => void sendToBackground('page/report', { mentions }))
      : undefined,
  });
  const interactions = initInteractions({ signal, engine, settings, tables, relevance });
  initTabCalls({ signal, engine, interactions, tables, relevance });
}

const warn = (e: unknown) => console.warn('[Context Cards]', e);

let controller: AbortController | undefined;
function restart(frame: ForFrame): void {
  controller?.abort();
  controller = new AbortController();
  run(controller.signal, frame).catch(warn);
}

/** The `storage.sync` keys settings live in (shared/settings.ts `SETTINGS_AREAS`). */
const AREAS = ['marking', 'card', 'sites', 'hidden'];

function start(): void {
  const first = here();
  // Answered whether or not this run marks anything (the popup shows the site's state with it).
  onCalls<TabCalls>({
    'tab/status': () =>
      first.then(
        ({ listed }) => ({ running, listed }),
        () => ({ running, listed: false }),
      ),
  });
  first
    .then((s) => {
      restart(s);
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'sync' && AREAS.some((a) => a in changes)) here().then(restart).catch(warn);
      });
    })
    .catch(warn);
}

const world = globalThis as Record<symbol, unknown>;
if (!world[INSTANCE]) {
  world[INSTANCE] = true;
  start();
}
