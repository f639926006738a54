/**
 * Views of the glossary other than the main page, each opened by `#/<id>` (see `router.ts`).
 * To add one (a "what changed in this dataset version" page, say), add an entry here whose `load`
 * imports its component (`() => import('./Changes.tsx').then((m) => m.Changes)`): it gets a link in
 * the page's navigation and is shown instead of the main page while its fragment is set. Loaded on
 * demand, so a view may read the full dataset (`data.ts`) without slowing the first screen.
 *
 * Owns: the list of views. Never: parses the address.
 */
import type { ComponentType } from 'preact';
import type { MessageKey } from '../shared/i18n.ts';

export interface GlossaryView {
  id: string;
  /** Its link in the navigation and its heading. */
  title: MessageKey;
  load: () => Promise<ComponentType>;
}

export const VIEWS: GlossaryView[] = [];
