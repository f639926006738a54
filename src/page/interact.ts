/**
 * Interactions: what the reader does with mentions. Hovering with intent (a dwell before opening;
 * leaving hands over to the card's grace period) opens the mention's card.
 *
 * Owns: turning pointer (and later touch and keyboard) input into "open this mention's card".
 * Never: finds mentions (engine) or draws the card (card UI).
 */
import type { MatchTables } from '../dataset/tables.ts';
import { registeredCard, type OpenedBy } from '../shared/card-bridge.ts';
import type { Settings } from '../shared/settings.ts';
import { loadCard } from './card-loader.ts';
import type { Engine } from './engine.ts';
import { initHover } from './hover.ts';
import { liveRange, type PageMention } from './mentions.ts';

export interface Interactions {
  /** Opens the card of a mention (used by the popup's "on this page" list). */
  open(mention: PageMention, openedBy: OpenedBy): Promise<void>;
}

export function initInteractions(opts: {
  signal: AbortSignal;
  engine: Engine;
  settings: Settings;
  tables: MatchTables;
}): Interactions {
  const { signal, engine, settings, tables } = opts;

  const open = async (m: PageMention, openedBy: OpenedBy) => {
    const card = await loadCard();
    if (!card || signal.aborted) return;
    card.open({
      entityId: tables.entities[m.entity]!.id,
      anchor: liveRange(m),
      matchedText: m.text,
      reason: m.reason,
      openedBy,
    });
    engine.painter.setActive(m);
  };

  let dwell = 0;
  initHover(signal, engine.index, (m) => {
    clearTimeout(dwell);
    if (!m) {
      registeredCard()?.scheduleClose();
      return;
    }
    registeredCard()?.cancelClose();
    dwell = window.setTimeout(() => void open(m, 'hover'), settings.card.hoverDelayMs);
  });
  signal.addEventListener('abort', () => {
    clearTimeout(dwell);
    registeredCard()?.close();
  });

  return { open };
}
