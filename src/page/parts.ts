/**
 * What the every-page script (`engine.ts`) hands the marker (`marker/marker.ts`), which is
 * loaded only where the page may hold a mention: the options of the run, and the parts of the
 * page that live as long as it does.
 *
 * Owns: those two shapes, and the choice of renderer. Never: does any work.
 */
import type { MatchTables } from '../dataset/tables.ts';
import type { GateSources, Matcher } from '../matcher/index.ts';
import type { Settings } from '../shared/settings.ts';
import type { ChangeWatch } from './changes.ts';
import type { MentionIndex, PageMention } from './mentions.ts';
import type { NavigationWatch } from './navigation.ts';
import type { ShadowSearch } from './shadow-search.ts';
import type { WrapFactory } from './wrap-bridge.ts';

export interface RunOptions {
  signal: AbortSignal;
  settings: Settings;
  tables: MatchTables;
  /** Entity ids hidden on this site by the user. */
  hidden: ReadonlySet<string>;
  /** Called whenever the set of marked mentions changes (first pass and every update). */
  onChange?: (mentions: readonly PageMention[]) => void;
  /** Called after an SPA navigation reset the page's state. */
  onNavigate?: () => void;
  /** A matcher already compiled from `tables` (the bench shares one across runs). */
  matcher?: Matcher;
  /**
   * The gate's patterns for `tables` (the background builds them once and sends them with the
   * settings). With them, a page whose text cannot hold a mention is turned away natively and
   * the matcher is never built; without, every page gets the marker.
   */
  gate?: GateSources;
  /**
   * The wrap renderer, where `needsWrap(settings)`: loaded on demand (`chunks.ts`) so the
   * script on every page does not carry it. Without it the highlight renderer is used.
   */
  wrap?: WrapFactory;
}

/** The page's lasting parts. */
export interface PageParts {
  index: MentionIndex;
  changes: ChangeWatch;
  nav: NavigationWatch;
  shadows: ShadowSearch;
  /** Runs the page's loop: work came. */
  wake(): void;
  /** The marker's first pass has marked the page. */
  marked(): void;
}

/** The Highlight API is there. */
export const hasHighlights = () =>
  typeof Highlight === 'function' && typeof CSS !== 'undefined' && !!CSS.highlights;

/** The wrap renderer is an option, and the fallback where the Highlight API is missing. */
export const needsWrap = (settings: Settings) =>
  settings.marking.renderer === 'wrap' || !hasHighlights();
