/**
 * The glossary's address: which view a fragment opens, and which element in it to focus.
 *
 * `#/name` opens a view other than the main page (a view registers itself in `views.tsx`, e.g.
 * a "what changed" page as `#/changes`); any other fragment (`#sim`, `#source-S-X`, `#timeline`)
 * is an element of the main page, focused and scrolled to. Deep links from cards and look-ups
 * (`#entity-id`) are of the second kind and keep working whatever views are added.
 *
 * Owns: parsing the fragment. Never: renders or moves focus.
 */

export interface Route {
  /** The view to show: '' for the main page. */
  view: string;
  /** The id of the element to focus, if any. */
  target: string;
}

export function routeOf(hash: string): Route {
  const h = decodeURIComponent(hash.replace(/^#/, ''));
  if (h.startsWith('/')) {
    const [view = '', target = ''] = h.slice(1).split('/');
    return { view, target };
  }
  return { view: '', target: h };
}

export const viewHref = (view: string) => `#/${encodeURIComponent(view)}`;
