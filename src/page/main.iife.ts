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
 * starts a fresh one.
 */
import tables from 'virtual:cc-tables';
import { sendToBackground } from '../shared/messages.ts';
import { loadSettings, watchSettings } from '../shared/settings-store.ts';
import type { Settings } from '../shared/settings.ts';
import { createEngine } from './engine.ts';
import { initInteractions } from './interact.ts';
import { initTabCalls, summarise } from './tab-calls.ts';

function run(signal: AbortSignal, settings: Settings): void {
  const host = location.hostname;
  if (settings.sites.blocked.includes(host)) return;
  const engine = createEngine({
    signal,
    settings,
    tables,
    hidden: new Set(settings.hidden[host] ?? []),
    onChange: (mentions) => {
      if (window === window.top)
        void sendToBackground('page/report', { mentions: summarise(tables, mentions) });
    },
  });
  const interactions = initInteractions({ signal, engine, settings, tables });
  initTabCalls({ signal, engine, interactions, tables });
}

let controller: AbortController | undefined;
function restart(settings: Settings): void {
  controller?.abort();
  controller = new AbortController();
  try {
    run(controller.signal, settings);
  } catch (e) {
    console.warn('[Context Cards]', e);
  }
}

loadSettings()
  .then(({ settings }) => {
    restart(settings);
    watchSettings(restart);
  })
  .catch((e: unknown) => console.warn('[Context Cards]', e));
