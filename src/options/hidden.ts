/**
 * Hidden terms ("Hide this term on this site"): the pure edits of `settings.hidden` that the
 * popup's and the options page's "Show" buttons make, so both undo a hide the same way.
 *
 * Owns: removing one term, or all of a site's, from `settings.hidden` (a site left with none is
 * dropped), and listing the hidden terms in reading order. Never: touches storage or the DOM.
 */
import type { Settings } from '../shared/settings.ts';

type Hidden = Settings['hidden'];

/** `hidden` without `entityId` on `host` (the key the card wrote: the page's hostname). */
export function showTerm(hidden: Hidden, host: string, entityId: string): Hidden {
  const ids = (hidden[host] ?? []).filter((id) => id !== entityId);
  const out = { ...hidden };
  if (ids.length > 0) out[host] = ids;
  else delete out[host];
  return out;
}

/** `hidden` without any term on `host`. */
export function showAll(hidden: Hidden, host: string): Hidden {
  const out = { ...hidden };
  delete out[host];
  return out;
}

/** Every site with hidden terms, sorted, each with its ids (unknown ids kept: a newer dataset may have them). */
export function hiddenSites(hidden: Hidden): [string, string[]][] {
  return Object.entries(hidden)
    .filter(([, ids]) => ids.length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
}
