/**
 * Content script entry: the page layer, loaded on every listed page (and on sites the user adds).
 *
 *   settings ─► engine.ts: collect (walk blocks) ─► matcher (virtual:cc-tables) ─► mentions index
 *                   │                                                                │
 *                   └─► highlight painter (CSS.highlights)          hover.ts hit-test ◄┘
 *                                                                          │
 *   interact.ts: dwell / leave ◄───────────────────────────────────────────┘
 *        │ first use: card-loader.ts asks the background to inject the card chunk
 *        ▼
 *   card UI (closed shadow root, src/card) ◄─► shared/card-bridge.ts
 *
 *   tab-calls.ts answers the popup, background and tests through shared/messages.ts.
 *
 * Everything for one run hangs off one AbortSignal: a settings change (site switched off, style
 * changed…) aborts the run, tearing every listener, observer and highlight down in one call, and
 * starts a fresh one. Each run first asks `shared/sites.ts` whether the extension runs on this
 * host (site rules, site mode, the curated list read from the manifest); if not, it marks
 * nothing and reports nothing found, so the badge clears.
 *
 * The script can arrive twice in one frame (the manifest's static script, and the background
 * injecting it after the user grants a site); the second copy does nothing.
 */
import { browser } from '../shared/browser.ts';
import packed from 'virtual:cc-tables';
import { unpackTables } from '../dataset/tables.ts';
import { onCalls, sendToBackground, type TabCalls } from '../shared/messages.ts';
import { loadSettings, watchSettings } from '../shared/settings-store.ts';
import type { Settings } from '../shared/settings.ts';
import { decide, isListed } from '../shared/sites.ts';
import { createEngine, hasHighlights, needsWrap } from './engine.ts';
import { initInteractions } from './interact.ts';
import { initTabCalls, summarise } from './tab-calls.ts';
import { loadWrap } from './wrap-loader.ts';

const tables = unpackTables(packed);

const INSTANCE = Symbol.for('context-cards.page');
const isTop = window === window.top;
/**
 * The frame's host. `about:srcdoc` and `about:blank` frames have no host in their URL but inherit
 * their parent's origin, which `self.origin` reports; a sandboxed frame's origin is "null" and it
 * gets no host (so it never runs).
 */
function frameHost(): string {
  if (location.hostname) return location.hostname;
  try {
    return self.origin === 'null' ? '' : new URL(self.origin).hostname;
  } catch {
    return '';
  }
}
const host = frameHost();
/** On the curated default list: the manifest's static content-script matches. */
const listed = isListed(host, browser.runtime.getManifest().content_scripts?.[0]?.matches ?? []);
let running = false;

async function run(signal: AbortSignal, settings: Settings): Promise<void> {
  running = decide(settings.sites, host, { listed, granted: true }).runs;
  if (!running) {
    if (isTop) void sendToBackground('page/report', { mentions: [] });
    return;
  }
  const wrap = needsWrap(settings) ? await loadWrap() : undefined;
  if (signal.aborted) return;
  // No way to show marks: neither the Highlight API nor the wrap renderer.
  if (!wrap && !hasHighlights()) return;
  const engine = createEngine({
    wrap,
    signal,
    settings,
    tables,
    hidden: new Set(settings.hidden[host] ?? []),
    onChange: (mentions) => {
      if (isTop) void sendToBackground('page/report', { mentions: summarise(tables, mentions) });
    },
  });
  const interactions = initInteractions({ signal, engine, settings, tables });
  initTabCalls({ signal, engine, interactions, tables });
}

let controller: AbortController | undefined;
function restart(settings: Settings): void {
  controller?.abort();
  controller = new AbortController();
  run(controller.signal, settings).catch((e: unknown) => console.warn('[Context Cards]', e));
}

function start(): void {
  // Answered whether or not this run marks anything: the popup asks it to show the site's state,
  // the background to know the script is here before injecting it.
  onCalls<TabCalls>({ 'tab/status': () => ({ running, listed }) });
  loadSettings()
    .then(({ settings }) => {
      restart(settings);
      watchSettings(restart);
    })
    .catch((e: unknown) => console.warn('[Context Cards]', e));
}

const world = globalThis as Record<symbol, unknown>;
if (!world[INSTANCE]) {
  world[INSTANCE] = true;
  start();
}
