/**
 * Interactions: everything the reader does with mentions, turned into "open / close this card".
 *
 *   pointer ─ hover.ts ─► dwell (settings.card.hoverDelayMs; shorter when a card is already open,
 *                         so moving between adjacent mentions swaps without a flicker) ─► open
 *             leaving ──► grace period (card) + safe corridor (corridor.ts) towards the card
 *   touch ─── tap on a mention ─► open, and the first tap does not follow a link; tap elsewhere ─► close
 *   keys ──── next / previous (settings.card.shortcuts, or a browser command relayed by the
 *             background as `tab/card-command`) ─► move a virtual cursor through engine.mentions(),
 *             scroll it into view, open its card; Enter or Space then moves focus into the card;
 *             Escape closes (the card returns focus where it was); count ─► live-region announcement
 *
 * Mentions are not focusable and we add nothing to the page's DOM: the "cursor" is ours, shown with
 * the engine's active highlight. The list is read fresh on every key press, since the engine adds
 * and removes mentions as the page changes.
 *
 * Owns: input → card decisions for this frame, from trusted input only (a page script's
 * synthetic events are ignored). Never: finds mentions (engine), draws the card (card UI), or
 * stores anything.
 */
import type { MatchTables } from '../dataset/tables.ts';
import { registeredCard, type CardRequest, type OpenedBy } from '../shared/card-bridge.ts';
import { t } from '../shared/i18n.ts';
import { onCalls, type TabCalls } from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import {
  CARD_COMMANDS,
  matchesShortcut,
  parseShortcut,
  SHORTCUT_FOR,
  type CardCommand,
} from '../shared/shortcuts.ts';
import { loadCard } from './chunks.ts';
import { corridor, insideConvex, type Point } from './corridor.ts';
import type { Engine } from './engine.ts';
import { initHover, mentionAt } from './hover.ts';
import { liveRange, type PageMention } from './mentions.ts';
import type { PageRelevance } from '../matcher/relevance.ts';
import { whenIdle } from './schedule.ts';

/** Dwell before swapping an open card for an adjacent mention's. */
const WARM_MS = 120;
/** A touch that moved more than this, or lasted longer, is not a tap. */
const TAP_SLOP_PX = 12;
const TAP_MS = 1200;
/** Restarted by each move in the corridor: longer than the card's grace, not to rush a hand. */
const CORRIDOR_MS = 900;
/** One key press seen both by the page listener and as a browser command counts once. */
const SAME_PRESS_MS = 400;

export type OpenOptions = { pointer?: Point; focus?: boolean; position?: CardRequest['position'] };

export interface Interactions {
  /** Opens the card of a mention (also used by the popup's "on this page" list). */
  open(mention: PageMention, openedBy: OpenedBy, opts?: OpenOptions): Promise<void>;
}

function editable(e: Event): boolean {
  const el = e.composedPath()[0];
  if (!(el instanceof HTMLElement)) return false;
  return (
    el.isContentEditable ||
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement
  );
}

export function initInteractions(opts: {
  signal: AbortSignal;
  engine: Engine;
  settings: Settings;
  /** The match tables, unpacked on first use. */
  tables: () => MatchTables;
  /** The page's story decision: the card says why a related term is shown here. */
  relevance?: PageRelevance;
}): Interactions {
  const { signal, engine, settings, tables, relevance } = opts;
  const delay = settings.card.hoverDelayMs;

  /** The mention whose card is open. */
  let shown: PageMention | undefined;
  /** The mention under the pointer. */
  let hovered: PageMention | undefined;
  /** Closed while under the pointer: not reopened until the pointer leaves it. */
  let suppressed: PageMention | undefined;
  /** The keyboard's virtual cursor. */
  let cursor: PageMention | undefined;
  /** Just moved by a shortcut: Enter or Space moves focus into the card. */
  let armed = false;
  let opening = false;
  let dwell = 0;
  let pointer: Point = { x: 0, y: 0 };
  let path: Point[] | undefined;
  /** The line the pointer left: the card is never on it, so moving along it is not going there. */
  let band = { top: 0, bottom: 0 };
  let pathStop: AbortController | undefined;
  let lastCommand = { command: '', source: '', at: -Infinity };

  const stopCorridor = () => {
    path = undefined;
    pathStop?.abort();
    pathStop = undefined;
  };

  const inCorridor = (p: Point) =>
    !!path && insideConvex(path, p) && !(p.y >= band.top && p.y <= band.bottom);

  const startDwell = (m: PageMention, ms: number) => {
    clearTimeout(dwell);
    const at = { ...pointer };
    dwell = window.setTimeout(() => void open(m, 'hover', { pointer: at }), ms);
  };

  const open = async (m: PageMention, openedBy: OpenedBy, o: OpenOptions = {}) => {
    const card = await loadCard();
    if (!card || signal.aborted) return;
    if (openedBy === 'hover' && (hovered !== m || (card.isOpen() && card.sticky()))) return;
    clearTimeout(dwell);
    stopCorridor();
    opening = true;
    try {
      card.open({
        entityId: tables().entities[m.entity]!.id,
        anchor: liveRange(m),
        contextElement: m.range.startContainer.parentElement ?? undefined,
        pointer: o.pointer,
        matchedText: m.text,
        reason: relevance ? relevance.because(m.reason, m.entity, tables()) : m.reason,
        openedBy,
        theme: settings.card.theme,
        position: o.position,
        focus: o.focus,
        onClose: () => {
          if (shown !== m) return;
          shown = undefined;
          engine.painter.setActive(undefined);
          if (opening || signal.aborted) return; // replaced by another card
          stopCorridor();
          if (hovered === m) suppressed = m;
          // The pointer rests on a mention it crossed on the way: that one may open now.
          else if (hovered) startDwell(hovered, delay);
        },
      });
    } finally {
      opening = false;
    }
    shown = m;
    engine.painter.setActive(m);
  };

  // ------------------------------------------------------------------ hover with intent
  const leaveShown = () => {
    const card = registeredCard();
    if (!card?.isOpen()) return;
    const r = card.rect();
    if (r && !path && shown) {
      const lines = [...liveRange(shown).getClientRects()];
      const dist = (l: DOMRect) => Math.max(0, l.top - pointer.y, pointer.y - l.bottom);
      const line = lines.sort((a, b) => dist(a) - dist(b))[0];
      band = line ? { top: line.top, bottom: line.bottom } : { top: 0, bottom: 0 };
      path = corridor(pointer, r);
      pathStop = new AbortController();
      document.addEventListener(
        'pointermove',
        (e) => {
          if (!path || e.pointerType === 'touch') return;
          if (card.contains(e)) return stopCorridor(); // arrived: the card holds itself open
          // Moving inside the corridor restarts its timer; leaving it starts the grace period.
          if (inCorridor({ x: e.clientX, y: e.clientY })) card.scheduleClose(CORRIDOR_MS);
          else {
            stopCorridor();
            card.scheduleClose();
          }
        },
        { passive: true, capture: true, signal: AbortSignal.any([signal, pathStop.signal]) },
      );
    }
    card.scheduleClose();
  };

  // The card UI loads at idle time once there are marks: the first card opens as fast as others.
  void engine.ready.then(() => {
    if (!signal.aborted && engine.mentions().length > 0)
      whenIdle(() => void (signal.aborted || loadCard()));
  });

  initHover(signal, engine.index, (m, e) => {
    if (m && !registeredCard()) void loadCard();
    const previous = hovered;
    pointer = { x: e.clientX, y: e.clientY };
    hovered = m;
    clearTimeout(dwell);
    if (m === suppressed && m) return;
    suppressed = undefined;
    const card = registeredCard();
    const isOpen = !!card?.isOpen();
    if (!m) {
      if (isOpen && previous === shown) leaveShown();
      else if (isOpen) card!.scheduleClose();
      return;
    }
    if (isOpen && m === shown) {
      stopCorridor();
      card!.cancelClose();
      return;
    }
    if (inCorridor(pointer)) return; // on the way to the card
    stopCorridor();
    if (!isOpen) return startDwell(m, delay);
    if (card!.sticky()) return; // pinned, keyboard or tap cards are not replaced by hovering
    card!.cancelClose(); // keep the open card while deciding: no flicker between neighbours
    startDwell(m, Math.min(delay, WARM_MS));
  });

  // ------------------------------------------------------------------ touch and outside presses
  let touch: (Point & { at: number }) | undefined;
  document.addEventListener(
    'pointerdown',
    (e) => {
      if (!e.isTrusted) return;
      armed = false;
      touch =
        e.pointerType === 'touch' || e.pointerType === 'pen'
          ? { x: e.clientX, y: e.clientY, at: e.timeStamp }
          : undefined;
      const card = registeredCard();
      if (!card?.isOpen() || card.contains(e) || card.pinned()) return;
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      const m = mentionAt(engine.index, e.clientX, e.clientY);
      if (m && m === shown) return; // a second tap on the mention follows its link
      card.close();
    },
    { capture: true, passive: true, signal },
  );
  window.addEventListener(
    'click',
    (e) => {
      const tp = touch;
      touch = undefined;
      if (!e.isTrusted || !tp || e.timeStamp - tp.at > TAP_MS) return;
      if (Math.max(Math.abs(e.clientX - tp.x), Math.abs(e.clientY - tp.y)) > TAP_SLOP_PX) return;
      const card = registeredCard();
      if (card?.contains(e)) return;
      const m = mentionAt(engine.index, e.clientX, e.clientY);
      if (!m || (m === shown && card?.isOpen())) return;
      // The first tap opens the card; it must not also follow a link around the mention.
      e.preventDefault();
      e.stopImmediatePropagation();
      void open(m, 'tap', { pointer: { x: e.clientX, y: e.clientY } });
    },
    { capture: true, signal },
  );

  // ------------------------------------------------------------------ keyboard
  const visible = (m: PageMention) => liveRange(m).getClientRects().length > 0;

  const reveal = (m: PageMention) => {
    const margin = 60;
    let r = liveRange(m).getBoundingClientRect();
    if (r.top >= margin && r.bottom <= innerHeight - margin && r.left >= 0 && r.right <= innerWidth)
      return;
    // Nested scroll containers first, then centre the mention itself (a paragraph can be taller
    // than the window). 'instant': a jump, like the find bar's, with no motion to reduce.
    m.range.startContainer.parentElement?.scrollIntoView({
      block: 'nearest',
      inline: 'nearest',
      behavior: 'instant',
    });
    r = liveRange(m).getBoundingClientRect();
    window.scrollBy({ top: r.top + r.height / 2 - innerHeight / 2, behavior: 'instant' });
  };

  const move = async (step: 1 | -1): Promise<boolean> => {
    const list = engine.mentions().filter(visible);
    const card = await loadCard();
    if (!card || signal.aborted) return false;
    if (list.length === 0) {
      card.announce(t('announceNoMentions'));
      return false;
    }
    let i = cursor ? list.indexOf(cursor) : -1;
    if (i >= 0) i = (i + step + list.length) % list.length;
    else if (cursor?.range.startContainer.isConnected) {
      // The engine re-marked the page since the last press: continue from where the cursor was.
      const at = liveRange(cursor);
      const after = (m: PageMention) =>
        liveRange(m).compareBoundaryPoints(Range.START_TO_START, at) > 0;
      i = step === 1 ? list.findIndex(after) : list.findLastIndex((m) => !after(m));
      if (i < 0) i = step === 1 ? 0 : list.length - 1;
    } else if (step === 1) {
      // From the top of what is on screen.
      i = list.findIndex((m) => liveRange(m).getBoundingClientRect().bottom > 0);
      if (i < 0) i = 0;
    } else {
      i = list.findLastIndex((m) => liveRange(m).getBoundingClientRect().top < innerHeight);
      if (i < 0) i = list.length - 1;
    }
    cursor = list[i]!;
    reveal(cursor);
    const focus = card.hasFocus();
    await open(cursor, 'keyboard', { focus, position: { index: i + 1, total: list.length } });
    armed = !focus;
    return true;
  };

  const announceCount = async () => {
    const card = await loadCard();
    if (!card || signal.aborted) return;
    const list = engine.mentions();
    const terms = new Set(list.map((m) => m.entity)).size;
    card.announce(
      list.length > 0
        ? t('announceCount', [String(list.length), String(terms)])
        : t('announceCountNone'),
    );
  };

  const run = async (command: CardCommand, source: 'key' | 'browser'): Promise<boolean> => {
    const now = performance.now();
    const last = lastCommand;
    if (last.command === command && last.source !== source && now - last.at < SAME_PRESS_MS)
      return true;
    lastCommand = { command, source, at: now };
    if (command === 'announce-count') return (await announceCount(), true);
    return move(command === 'next-mention' ? 1 : -1);
  };

  const keys = settings.card.shortcuts;
  const shortcuts = CARD_COMMANDS.map((c) => [c, parseShortcut(keys[SHORTCUT_FOR[c]])] as const);
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.isComposing || !e.isTrusted) return;
      const card = registeredCard();
      const typing = editable(e);
      const hit = keys.enabled && !typing && shortcuts.find(([, s]) => matchesShortcut(e, s));
      if (hit) {
        e.preventDefault();
        e.stopPropagation();
        void run(hit[0], 'key');
        return;
      }
      if (card?.contains(e)) return; // the card handles its own keys
      const modified = e.altKey || e.ctrlKey || e.metaKey;
      if (armed && !typing && !modified && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        e.stopPropagation();
        armed = false;
        if (card?.isOpen() && cursor && shown === cursor) card.focus();
        else if (cursor) void open(cursor, 'keyboard', { focus: true });
        return;
      }
      if (!['Shift', 'Alt', 'Control', 'Meta', 'AltGraph'].includes(e.key)) armed = false;
      if (e.key === 'Escape' && card?.isOpen()) card.close();
    },
    { capture: true, signal },
  );

  const stopCalls = onCalls<TabCalls>({
    'tab/card-command': ({ command }) => (keys.enabled ? run(command, 'browser') : false),
  });

  signal.addEventListener('abort', () => {
    stopCalls();
    clearTimeout(dwell);
    stopCorridor();
    registeredCard()?.close();
  });

  return { open };
}
