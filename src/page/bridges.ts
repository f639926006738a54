/**
 * The contract between the script on every page (`engine.ts`) and the chunks it loads on demand
 * (`chunks.ts`): the marker and the wrap renderer register in private slots of this frame's
 * isolated world, under symbols page scripts cannot see (the first value stays: a chunk injected
 * twice changes nothing); the marker gets the run's options and the page's lasting parts. The
 * card's bridge is `shared/card-bridge.ts`.
 *
 * Owns: the slots and the shapes handed over. Never: does any work.
 */
import type { MatchTables } from '../dataset/tables.ts';
import type { GateSources, Matcher } from '../matcher/index.ts';
import type { Settings } from '../shared/settings.ts';
import type { ChangeWatch } from './changes.ts';
import type { Painter } from './highlight.ts';
import type { Looked } from './marker/first-pass.ts';
import type { MentionIndex, PageMention } from './mentions.ts';
import type { NavigationWatch } from './navigation.ts';
import type { PageRelevance } from '../matcher/relevance.ts';
import type { Work } from './schedule.ts';
import type { ShadowSearch } from './shadow-search.ts';
import type { createWrapPainter } from './wrap.ts';

export interface RunOptions {
  signal: AbortSignal;
  settings: Settings;
  tables: MatchTables;
  /** Entity ids hidden on this site by the user. */
  hidden: ReadonlySet<string>;
  /** The page's host and the reader's choices for the story's rules; the marker reports to it. */
  relevance?: PageRelevance;
  /** Called whenever the set of marked mentions changes (first pass and every update). */
  onChange?: (mentions: readonly PageMention[]) => void;
  /** Called after an SPA navigation reset the page's state. */
  onNavigate?: () => void;
  /** A matcher already compiled from `tables` (the bench shares one across runs). */
  matcher?: Matcher;
  /** The gate's anchors for `tables`, sent by the background; without, every page gets the marker. */
  gate?: GateSources;
  /** The wrap renderer, where `needsWrap(settings)` (loaded on demand); else highlights. */
  wrap?: WrapFactory;
}

/** The page's lasting parts, made by the engine and handed to the marker. */
export interface PageParts {
  index: MentionIndex;
  changes: ChangeWatch;
  nav: NavigationWatch;
  shadows: ShadowSearch;
  /** The first look's text, for the marker's first read (`first-pass.ts`). */
  looked?: Looked;
  /** Runs the page's loop: work came. */
  wake(): void;
  /** The marker's first pass has marked the page. */
  marked(): void;
}

/** The marker (`marker/marker.ts`) as the engine sees it: steps for the page's loop. */
export interface MarkerApi extends Pick<Work, 'canStep' | 'step' | 'delay'> {
  readonly painter: Painter;
  readonly updates: number;
  records(): { records: number; hiddenRecords: number };
  /** Mentions found per entity (index), marked or not (`select.ts` `occurrences`). */
  occurrences(): Map<number, number>;
  /** SPA navigation: forget everything and read the page again. */
  navigated(): void;
}

export type MarkerClass = new (opts: RunOptions, parts: PageParts) => MarkerApi;
export type WrapFactory = typeof createWrapPainter;

/** The Highlight API is there. */
export const hasHighlights = () =>
  typeof Highlight === 'function' && typeof CSS !== 'undefined' && !!CSS.highlights;

/** The wrap renderer is an option, and the fallback where the Highlight API is missing. */
export const needsWrap = (settings: Settings) =>
  settings.marking.renderer === 'wrap' || !hasHighlights();

function slot<T>(name: string): { register(value: T): void; get(): T | undefined } {
  const key = Symbol.for(`context-cards.${name}`);
  const world = globalThis as Record<symbol, unknown>;
  return {
    register: (value) => void (world[key] ??= value),
    get: () => world[key] as T | undefined,
  };
}

const marker = slot<MarkerClass>('marker');
export const registerMarker = marker.register;
export const registeredMarker = marker.get;

const wrap = slot<WrapFactory>('wrap');
export const registerWrap = wrap.register;
export const registeredWrap = wrap.get;
