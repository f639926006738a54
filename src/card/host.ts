/**
 * The card's host: one prefixed custom element holding a *closed* shadow root, kept on top of the
 * page and in the document.
 *
 * - Isolation: `:host { all: initial !important }`. Across shadow boundaries, *important* rules
 *   of the inner context beat the page's important rules (CSS Cascade 5, "context"), so page CSS
 *   such as `* { all: unset !important }` cannot restyle the host; nothing inside the root can be
 *   matched by page selectors. Styles come from a constructed stylesheet (not blocked by a page's
 *   `style-src` CSP), falling back to a `<style>` element.
 * - On top: the host is a manual popover, so it renders in the top layer, above any `z-index`
 *   and outside every `transform`, `filter` or `contain` of the page. Re-showing it moves it to the
 *   top of the top-layer stack (after the page opened a modal dialog or went fullscreen).
 * - Fullscreen: the host moves into the fullscreen element (only elements inside it are painted
 *   there), except replaced elements such as `<video>` that cannot hold children.
 * - Kept in place: a MutationObserver puts the host back if the page removes it, at most a few
 *   times a second so a page that keeps removing it cannot make us loop.
 *
 * Owns: the host element, its shadow root, the mount point for the card and the live region.
 * Never: renders card content.
 */
export const HOST_TAG = 'context-cards-card';

export interface CardHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** Where the card component renders. */
  mount: HTMLElement;
  /** A polite live region; it stays in the root between cards so announcements are heard. */
  live: HTMLElement;
  /** Puts the host in the document (or the fullscreen element) and on top of the top layer. */
  show(): void;
  destroy(): void;
}

const HOST_CSS = `:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important;
  z-index: 2147483647 !important; display: block !important; width: 0 !important; height: 0 !important;
  margin: 0 !important; padding: 0 !important; border: 0 !important; background: none !important;
  overflow: visible !important; contain: none !important; visibility: visible !important;
  opacity: 1 !important; transform: none !important; filter: none !important; clip-path: none !important;
  pointer-events: auto !important; }
:host::backdrop { display: none !important; }`;

/** Elements that cannot show children: the host stays outside them in fullscreen. */
const REPLACED = new Set(['VIDEO', 'IMG', 'CANVAS', 'IFRAME', 'EMBED', 'OBJECT', 'AUDIO']);
const REATTACH_LIMIT = 10;

export function createHost(css: string, doc: Document = document): CardHost {
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HOST_CSS + css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = HOST_CSS + css;
    root.append(style);
  }
  const mount = doc.createElement('div');
  mount.className = 'mount';
  const live = doc.createElement('div');
  live.className = 'live';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  live.setAttribute('aria-atomic', 'true');
  root.append(mount, live);
  const popover = typeof host.showPopover === 'function';
  if (popover) host.setAttribute('popover', 'manual');

  const parentFor = () => {
    const fs = doc.fullscreenElement;
    return fs && !REPLACED.has(fs.tagName) ? fs : doc.documentElement;
  };
  const raise = () => {
    if (!popover || !host.isConnected) return;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch {
      // A page can make showPopover throw (e.g. by removing the attribute); z-index still holds.
    }
  };

  let stamps: number[] = [];
  let observed: Node | undefined;
  const observer = new MutationObserver(() => {
    if (host.parentNode === parentFor()) return;
    const now = performance.now();
    stamps = stamps.filter((s) => now - s < 1000);
    if (stamps.length >= REATTACH_LIMIT) return; // the page keeps removing us: give up for now
    stamps.push(now);
    show();
  });
  const show = () => {
    const parent = parentFor();
    if (host.parentNode !== parent) parent.append(host);
    if (observed !== parent) {
      observer.disconnect();
      observer.observe(parent, { childList: true });
      // A page that swaps its whole <html> element takes us with it: watch the document too.
      observer.observe(doc, { childList: true });
      observed = parent;
    }
    raise();
  };
  const onFullscreen = () => {
    if (host.isConnected) show();
  };
  doc.addEventListener('fullscreenchange', onFullscreen);

  return {
    host,
    root,
    mount,
    live,
    show,
    destroy() {
      observer.disconnect();
      doc.removeEventListener('fullscreenchange', onFullscreen);
      host.remove();
    },
  };
}
