/**
 * The marking engine of one page: collect → match → index → paint.
 *
 * Owns: finding and marking mentions in the document (and, later, keeping them right as the page
 * changes). Exposes the mention index for hit-testing and the painter for the "active" mark.
 * Never: opens cards or answers messages (see `interact.ts`, `tab-calls.ts`).
 */
import type { MatchTables } from '../dataset/tables.ts';
import { createMatcher, matchBlocks, type Mention } from '../matcher/index.ts';
import type { Settings } from '../shared/settings.ts';
import { collectBlocks } from './collect.ts';
import { createHighlightPainter, type Painter } from './highlight.ts';
import { MentionIndex, type PageMention } from './mentions.ts';

export interface EngineOptions {
  signal: AbortSignal;
  settings: Settings;
  tables: MatchTables;
  /** Entity ids hidden on this site by the user. */
  hidden: ReadonlySet<string>;
  /** Called whenever the set of marked mentions changes. */
  onChange?: (mentions: readonly PageMention[]) => void;
}

export interface Engine {
  readonly index: MentionIndex;
  readonly painter: Painter;
  /** Marked mentions in document order. */
  mentions(): readonly PageMention[];
  /** Milliseconds the first marking pass took. */
  readonly markMs: number;
}

/** Applies the density and per-kind settings to one page's mentions. */
function select(opts: EngineOptions, perBlock: Mention[][]): Mention[][] {
  const { density, kinds, capPerPage } = opts.settings.marking;
  if (density === 'off') return perBlock.map(() => []);
  const seen = new Set<number>();
  let count = 0;
  return perBlock.map((list) =>
    list.filter((m) => {
      const entity = opts.tables.entities[m.entity]!;
      if (!kinds[entity.kind] || opts.hidden.has(entity.id)) return false;
      if (density === 'first' && seen.has(m.entity)) return false;
      if (count >= capPerPage) return false;
      seen.add(m.entity);
      count++;
      return true;
    }),
  );
}

export function createEngine(opts: EngineOptions): Engine {
  const matcher = createMatcher(opts.tables);
  const index = new MentionIndex();
  const painter = createHighlightPainter(opts.settings.marking.style);
  opts.signal.addEventListener('abort', () => {
    painter.destroy();
    index.clear();
  });

  const t0 = performance.now();
  const blocks = collectBlocks(document.body);
  const chosen = select(
    opts,
    matchBlocks(
      matcher,
      blocks.map((b) => b.text),
    ),
  );
  blocks.forEach((b, i) => painter.add(index.add(b, chosen[i]!)));
  const markMs = performance.now() - t0;
  opts.onChange?.(index.all);

  return { index, painter, mentions: () => index.all, markMs };
}
