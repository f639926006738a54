/**
 * Helpers for the engine's DOM tests: settings with overrides, an engine run on the test
 * document with the engine's own fixture tables, and the text of a range as the page shows it.
 */
import { afterEach } from 'vitest';
import type { MatchTables } from '../../src/dataset/tables.ts';
import { gateSources } from '../../src/matcher/index.ts';
import { createEngine, type Engine, type EngineOptions } from '../../src/page/engine.ts';
import { Marker } from '../../src/page/marker/marker.ts';
import { createWrapPainter } from '../../src/page/wrap.ts';
import type { PageMention } from '../../src/page/mentions.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';
import { FIXTURE_TABLES } from '../fixtures/engine/tables.ts';

export type Marking = Partial<Settings['marking']>;

export function settings(marking: Marking = {}): Settings {
  return {
    ...structuredClone(DEFAULT_SETTINGS),
    marking: { ...DEFAULT_SETTINGS.marking, ...marking },
  };
}

const running: AbortController[] = [];
afterEach(() => {
  for (const c of running.splice(0)) c.abort();
  document.body.replaceChildren();
  history.replaceState(null, '', location.pathname + location.search);
});

export interface Run {
  engine: Engine;
  controller: AbortController;
  changes: (readonly PageMention[])[];
  navigations: number;
}

/** Starts an engine on the test document and waits for its first pass and its idle work
 * (open shadow roots are read at idle time). */
export async function run(
  marking: Marking = {},
  extra: Partial<EngineOptions> & { tables?: MatchTables } = {},
): Promise<Run> {
  const controller = new AbortController();
  running.push(controller);
  const r = { controller, changes: [], navigations: 0 } as unknown as Run;
  const tables = extra.tables ?? FIXTURE_TABLES;
  r.engine = createEngine({
    wrap: createWrapPainter,
    signal: controller.signal,
    // The marker at hand, as the bench has it (the extension loads it on demand).
    marker: 'marker' in extra ? extra.marker : Marker,
    settings: settings(marking),
    tables,
    // As the content script gets it from the background (unless a test says otherwise).
    gate: 'gate' in extra ? extra.gate : gateSources(tables),
    hidden: extra.hidden ?? new Set(),
    relevance: extra.relevance,
    onChange: (m) => r.changes.push(m),
    onNavigate: () => r.navigations++,
  });
  await r.engine.ready;
  await r.engine.idle();
  return r;
}

/** The text a static range covers, read from the DOM as it is now. */
export function textAt(range: AbstractRange): string {
  const r = document.createRange();
  r.setStart(range.startContainer, range.startOffset);
  r.setEnd(range.endContainer, range.endOffset);
  return r.toString();
}

/** The texts of the marked mentions, in document order. */
export const marked = (engine: Engine) => engine.mentions().map((m) => m.text);

/** The entity ids of the marked mentions, in document order. */
export const markedIds = (engine: Engine) =>
  engine.mentions().map((m) => FIXTURE_TABLES.entities[m.entity]!.id);

/** Waits for the engine to process DOM changes made just before. */
export async function settle(engine: Engine): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  await engine.idle();
}

export function html(markup: string): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  root.innerHTML = markup;
  document.body.append(root);
  return root;
}
