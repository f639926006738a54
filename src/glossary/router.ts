/**
 * The glossary's address: which view a fragment opens, and which element in it to focus.
 *
 * A view other than the main page (registered in `views.tsx`) opens by its name, `#timeline` or
 * `#changes`, optionally with a query (`#timeline?from=2021-06-15`), or as `#/name`; any other
 * fragment (`#sim`, `#source-S-X`, `#story-timeline`) is an element of the main page, focused and
 * scrolled to. Deep links from cards and look-ups (`#entity-id`) are of the second kind and keep
 * working whatever views are added (no entry's id is a view's name: tested).
 *
 * Owns: parsing the fragment. Never: renders or moves focus.
 */

export interface Route {
  /** The view to show: '' for the main page. */
  view: string;
  /** The id of the element to focus, if any. */
  target: string;
  /** What follows `?` in a view's fragment (`from=2021-06-15`), for the view to read. */
  query: string;
}

/** The route a fragment names; `views`: the names that open a view without `#/`. */
export function routeOf(hash: string, views: readonly string[] = []): Route {
  const h = decodeURIComponent(hash.replace(/^#/, ''));
  if (h.startsWith('/')) {
    const [path = '', query = ''] = h.slice(1).split('?', 2) as [string, string?];
    const [view = '', target = ''] = path.split('/');
    return { view, target, query };
  }
  const [name = '', query = ''] = h.split('?', 2) as [string, string?];
  if (views.includes(name)) return { view: name, target: '', query };
  return { view: '', target: h, query: '' };
}

export const viewHref = (view: string) => `#${encodeURIComponent(view)}`;
