/**
 * The card's host: one prefixed custom element holding a *closed* shadow root. Styles are reset
 * with `all: initial` on the host and come from a constructed stylesheet adopted by the shadow
 * root (constructed sheets are not blocked by a page's `style-src` CSP), falling back to a
 * `<style>` element where adoption is not available.
 *
 * Owns: creating, attaching and removing the host. Never: renders card content.
 */
export const HOST_TAG = 'context-cards-card';

export interface CardHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** Puts the host back into the document if it is not there. */
  attach(): void;
  detach(): void;
}

const HOST_CSS = `:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important;
  z-index: 2147483647 !important; display: block !important; width: 0 !important; height: 0 !important;
  overflow: visible !important; contain: none !important; }`;

export function createHost(css: string): CardHost {
  const host = document.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HOST_CSS + css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = HOST_CSS + css;
    root.append(style);
  }
  const attach = () => {
    const parent = document.fullscreenElement ?? document.documentElement;
    if (host.parentNode !== parent) parent.append(host);
  };
  return { host, root, attach, detach: () => host.remove() };
}
