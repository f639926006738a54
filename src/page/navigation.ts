/**
 * SPA navigation: notices when a page changes its URL without loading a new document (History
 * API, or the Navigation API where present), so that the engine can reset its per-page state.
 *
 * Content scripts run in an isolated world and cannot see the page's own calls to
 * `history.pushState`, so we use, in order: the Navigation API's `currententrychange` (Chrome;
 * it fires for pushState too), `popstate` (back and forward), and a URL check that the engine
 * runs on every batch of DOM changes (an app that changes its route always changes the DOM).
 * Only path and query count: a change of hash alone is not a new page.
 *
 * Owns: deciding that a navigation happened. Never: touches the DOM or the engine's state.
 */

type WithNavigation = { navigation?: EventTarget };

/** The URL without its fragment (no RegExp: one costs 0.1 ms to compile on a page's first use). */
const pageKey = (href: string) => {
  const hash = href.indexOf('#');
  return hash < 0 ? href : href.slice(0, hash);
};

export interface NavigationWatch {
  /** Compares the URL with the last one seen; calls `onNavigate` (and is true) if it changed. */
  check(): boolean;
}

export function watchNavigation(signal: AbortSignal, onNavigate: () => void): NavigationWatch {
  let last = pageKey(location.href);
  const check = () => {
    const now = pageKey(location.href);
    if (now === last || signal.aborted) return false;
    last = now;
    onNavigate();
    return true;
  };
  (globalThis as WithNavigation).navigation?.addEventListener('currententrychange', check, {
    signal,
  });
  addEventListener('popstate', check, { signal });
  return { check };
}
