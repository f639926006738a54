/**
 * SPA navigation: notices when a page changes its URL (path or query; not the hash alone) without
 * loading a new document. Our isolated world cannot see the page's `history.pushState` calls, so:
 * the Navigation API's `currententrychange` (Chrome), `popstate`, and a URL check on every batch
 * of DOM changes (an app that changes its route always changes the DOM).
 *
 * Owns: deciding that a navigation happened. Never: touches the DOM or the engine's state.
 */

/** The URL without its fragment (no RegExp: docs/perf.md#small-fixed-costs). */
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
  const { navigation } = globalThis as { navigation?: EventTarget };
  navigation?.addEventListener('currententrychange', check, { signal });
  addEventListener('popstate', check, { signal });
  return { check };
}
