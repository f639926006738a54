/**
 * Answers the typed tab calls (popup, background, tests) for this frame: what is marked here,
 * what was held back and whether the page touches the story, what the card shows, the article's
 * dates (read by the card chunk, loaded for it), "reveal this entity" and "show the related
 * terms held back".
 */
import type { MatchTables } from '../dataset/tables.ts';
import { registeredCard } from '../shared/card-bridge.ts';
import { onCalls, type TabCalls } from '../shared/messages.ts';
import { loadCard } from './chunks.ts';
import type { Engine } from './engine.ts';
import type { Interactions } from './interact.ts';
import type { PageMention } from './mentions.ts';
import type { PageRelevance } from '../matcher/relevance.ts';
import { summarise } from './report.ts';

/** A short snippet of the text around a mention, for the curator's scan report. */
function contextOf(m: PageMention, radius = 60): string {
  const el = m.range.startContainer.parentElement;
  const block = el?.closest('p,li,td,th,h1,h2,h3,h4,h5,h6,blockquote,figcaption,dd,dt') ?? el;
  const text = (block?.textContent ?? m.text).replace(/\s+/g, ' ').trim();
  const at = text.indexOf(m.text.replace(/\s+/g, ' '));
  if (at < 0) return text.slice(0, radius * 2);
  return text.slice(Math.max(0, at - radius), at + m.text.length + radius);
}

export function initTabCalls(opts: {
  signal: AbortSignal;
  engine: Engine;
  interactions: Interactions;
  /** The match tables, unpacked on first use. */
  tables: () => MatchTables;
  relevance: PageRelevance;
}): void {
  const { signal, engine, interactions, tables, relevance } = opts;
  const stop = onCalls<TabCalls>({
    'tab/mentions': () => {
      const all = engine.occurrences();
      const ids = new Map(tables().entities.map((e, i) => [e.id, i]));
      return summarise(tables(), engine.mentions()).map((s) => ({
        ...s,
        total: Math.max(s.count, all.get(ids.get(s.entityId)!) ?? 0),
      }));
    },
    'tab/mention-details': () => ({
      markMs: engine.markMs,
      mentions: engine.mentions().map((m) => ({
        entityId: tables().entities[m.entity]!.id,
        text: m.text,
        context: contextOf(m),
        reason: m.reason,
      })),
      topic: relevance.detail(tables()),
      heldBack: relevance.heldBack(tables()),
    }),
    'tab/topic': () => relevance.summary(tables()),
    'tab/show-held': async () => {
      relevance.showHere();
      await engine.idle();
      return relevance.summary(tables());
    },
    // The date reader lives in the card chunk, so it stays off every page until asked for.
    'tab/article-date': async () => (await loadCard())?.articleDate() ?? null,
    'tab/card-state': () => registeredCard()?.state() ?? null,
    'tab/reveal': ({ entityId }) => {
      const m = engine.mentions().find((x) => tables().entities[x.entity]!.id === entityId);
      if (!m) return false;
      (m.range.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
      void interactions.open(m, 'popup');
      return true;
    },
  });
  signal.addEventListener('abort', stop);
}
