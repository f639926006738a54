/**
 * Views of the glossary other than the main page, each opened by its name (`#timeline`,
 * `#changes`; see `router.ts`): it gets a link in the page's navigation and is shown instead of
 * the main page while its fragment is set. A view gets the fragment's query (`from=2021-06-15`).
 * Loaded on demand, so a view may read the full dataset (`data.ts`) without slowing the first
 * screen.
 *
 *   - `timeline`: the whole story's timeline, from a date (cards and the popup link there with
 *     the article's date: "N more since this article");
 *   - `changes`: what changed in this dataset version (from its changelog).
 *
 * Owns: the list of views. Never: parses the address.
 */
import type { ComponentType } from 'preact';
import type { MessageKey } from '../shared/i18n.ts';

export interface ViewProps {
  /** What follows `?` in the fragment. */
  query: string;
}

export interface GlossaryView {
  id: string;
  /** Its heading. */
  title: MessageKey;
  /** Its link in the navigation (short: the bar holds every section and view). */
  nav: MessageKey;
  load: () => Promise<ComponentType<ViewProps>>;
}

export const VIEWS: GlossaryView[] = [
  {
    id: 'timeline',
    title: 'timelineViewTitle',
    nav: 'navWholeTimeline',
    load: () => import('./TimelineView.tsx').then((m) => m.TimelineView),
  },
  {
    id: 'changes',
    title: 'changesTitle',
    nav: 'navChanges',
    load: () => import('./ChangesView.tsx').then((m) => m.ChangesView),
  },
];
