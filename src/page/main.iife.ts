/**
 * Content script entry: the page layer, loaded on every listed page (and on sites the user adds).
 *
 *   settings ──► collect (walk blocks) ──► matcher (virtual:cc-tables) ──► mentions index
 *                                                                            │        │
 *                                                    highlight painter ◄─────┘        ▼
 *                                                       (CSS.highlights)       hover hit-test
 *                                                                                     │ dwell
 *   background ◄── typed messages (report, card/load) ◄── card loader ◄───────────────┘
 *                                                           │ first use: background injects
 *                                                           ▼ the card chunk into this frame
 *                                                        card UI (closed shadow root)
 *
 * Every listener and observer is registered against one AbortSignal, so turning the extension
 * off for a site tears everything down in one call.
 */
import tables from 'virtual:cc-tables';
import { createMatcher, matchBlocks, type Mention } from '../matcher/index.ts';
import { onCalls, sendToBackground, type MentionSummary, type TabCalls } from '../shared/messages.ts';
import { loadSettings } from '../shared/settings-store.ts';
import type { Settings } from '../shared/settings.ts';
import { registeredCard, type CardApi } from '../shared/card-bridge.ts';
import { collectBlocks } from './collect.ts';
import { createHighlightPainter } from './highlight.ts';
import { initHover } from './hover.ts';
import { liveRange, MentionIndex, type PageMention } from './mentions.ts';

const matcher = createMatcher(tables);

/** Applies the density and per-kind settings to one page's mentions. */
function select(settings: Settings, perBlock: Mention[][], hidden: Set<string>): Mention[][] {
  const { density, kinds, capPerPage } = settings.marking;
  if (density === 'off') return perBlock.map(() => []);
  const seen = new Set<number>();
  let count = 0;
  return perBlock.map((list) =>
    list.filter((m) => {
      const entity = tables.entities[m.entity]!;
      if (!kinds[entity.kind] || hidden.has(entity.id)) return false;
      if (density === 'first' && seen.has(m.entity)) return false;
      if (count >= capPerPage) return false;
      seen.add(m.entity);
      count++;
      return true;
    }),
  );
}

let cardLoading: Promise<CardApi | undefined> | undefined;
/** The card UI, injected into this frame by the background on first use. */
function loadCard(): Promise<CardApi | undefined> {
  const ready = registeredCard();
  if (ready) return Promise.resolve(ready);
  cardLoading ??= sendToBackground('card/load', undefined).then((r) => {
    if (!r.ok) {
      cardLoading = undefined;
      return undefined;
    }
    return registeredCard();
  });
  return cardLoading;
}

/** A short snippet of the text around a mention, for the curator's scan report. */
function contextOf(m: PageMention, radius = 60): string {
  const block = m.range.startContainer.parentElement?.closest('p,li,td,th,h1,h2,h3,h4,h5,h6,blockquote,figcaption,dd,dt') ?? m.range.startContainer.parentElement;
  const text = (block?.textContent ?? m.text).replace(/\s+/g, ' ').trim();
  const at = text.indexOf(m.text.replace(/\s+/g, ' '));
  if (at < 0) return text.slice(0, radius * 2);
  return text.slice(Math.max(0, at - radius), at + m.text.length + radius);
}

function summarise(mentions: readonly PageMention[]): MentionSummary[] {
  const byEntity = new Map<number, MentionSummary>();
  for (const m of mentions) {
    const e = tables.entities[m.entity]!;
    const s = byEntity.get(m.entity) ?? { entityId: e.id, name: e.name, kind: e.kind, count: 0 };
    s.count++;
    byEntity.set(m.entity, s);
  }
  return [...byEntity.values()];
}

async function start(signal: AbortSignal): Promise<void> {
  const { settings } = await loadSettings();
  const host = location.hostname;
  if (settings.sites.blocked.includes(host)) return;
  const hidden = new Set(settings.hidden[host] ?? []);

  const index = new MentionIndex();
  const painter = createHighlightPainter(settings.marking.style);
  signal.addEventListener('abort', () => painter.destroy());

  const t0 = performance.now();
  const blocks = collectBlocks(document.body);
  const chosen = select(settings, matchBlocks(matcher, blocks.map((b) => b.text)), hidden);
  blocks.forEach((b, i) => painter.add(index.add(b, chosen[i]!)));
  markMs = performance.now() - t0;
  if (index.all.length > 0) void sendToBackground('page/report', { mentions: summarise(index.all) });

  const open = async (m: PageMention, openedBy: 'hover' | 'popup') => {
    const card = await loadCard();
    if (!card || signal.aborted) return;
    card.open({
      entityId: tables.entities[m.entity]!.id,
      anchor: liveRange(m),
      matchedText: m.text,
      reason: m.reason,
      openedBy,
    });
    painter.setActive(m);
  };

  let dwell = 0;
  initHover(signal, index, (m) => {
    clearTimeout(dwell);
    if (!m) {
      registeredCard()?.scheduleClose();
      return;
    }
    registeredCard()?.cancelClose();
    dwell = window.setTimeout(() => void open(m, 'hover'), settings.card.hoverDelayMs);
  });

  const stop = onCalls<TabCalls>({
    'tab/mentions': () => summarise(index.all),
    'tab/mention-details': () => ({
      markMs,
      mentions: index.all.map((m) => ({
        entityId: tables.entities[m.entity]!.id,
        name: tables.entities[m.entity]!.name,
        text: m.text,
        context: contextOf(m),
        reason: m.reason,
      })),
    }),
    'tab/card-state': () => registeredCard()?.state() ?? null,
    'tab/reveal': ({ entityId }) => {
      const m = index.all.find((x) => tables.entities[x.entity]!.id === entityId);
      if (!m) return false;
      (m.range.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
      void open(m, 'popup');
      return true;
    },
  });
  signal.addEventListener('abort', stop);
}

/** How long the first marking pass took, reported to the scan tool through the message protocol. */
let markMs = 0;

const controller = new AbortController();
start(controller.signal).catch((e: unknown) => console.warn('[Context Cards]', e));
