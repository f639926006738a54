/**
 * Placing the card next to its mention with Floating UI: below the hovered line (or above it when
 * there is no room below), aligned with the start of the mention in its own direction, shifted to
 * stay inside the viewport, and shortened to fit the room on the chosen side, so it never covers
 * the line being read. `inline()` picks the hovered line of a mention that wraps. Re-placed on
 * every scroll of the mention's scroll containers and on resize (`autoUpdate`).
 *
 * Owns: the card's `top`, `left` and `max-height`. Never: opens or closes the card itself; it
 * reports a hidden or removed mention through callbacks.
 */
import {
  autoUpdate,
  computePosition,
  flip,
  hide,
  inline,
  offset,
  platform,
  shift,
  size,
  type Placement,
  type Platform,
  type VirtualElement,
} from '@floating-ui/dom';
import type { CardRequest } from '../shared/card-bridge.ts';

/** Room kept between the card and the viewport's edges, and between the card and the line. */
export const VIEWPORT_PADDING = 8;
export const GAP = 6;
/** Tallest the card gets, even with room to spare… */
export const MAX_HEIGHT = 600;
/** …and with "since this article" (`.card.tall`), which adds up to about 160 px to its default
 * view: the largest card's then fits unscrolled at 1280 × 800 (issue 25). */
export const MAX_HEIGHT_TALL = 680;

/**
 * The card is `position: fixed` in the top layer, so its containing block is always the viewport
 * and the mention's client rect is already in the card's coordinates. Floating UI's DOM platform
 * instead derives offsets from the `<html>` element's box (`getWindowScrollBarX`, meant for the
 * scrollbar of right-to-left pages), which a page can move: `html { width: 600px; direction: rtl }`
 * shifted the card by the html element's left edge in both browsers (tests/e2e/card-layout, the
 * `hostile-important` fixture). This platform measures against the viewport only.
 * `documentElement.clientWidth` is the viewport's width less its scrollbar whatever the page's CSS
 * says about <html> (CSSOM View, "clientWidth" of the root element); quirks mode reports it on body.
 */
export const viewportPlatform: Platform = {
  ...platform,
  getElementRects: ({ reference, floating }) => {
    const r = reference.getBoundingClientRect();
    const f = (floating as HTMLElement).getBoundingClientRect();
    return {
      reference: { x: r.x, y: r.y, width: r.width, height: r.height },
      floating: { x: 0, y: 0, width: f.width, height: f.height },
    };
  },
  getClippingRect: () => {
    const root = document.compatMode === 'BackCompat' ? document.body : document.documentElement;
    return { x: 0, y: 0, width: root.clientWidth, height: root.clientHeight };
  },
  getOffsetParent: () => window,
  convertOffsetParentRelativeRectToViewportRelativeRect: ({ rect }) => rect,
};

export interface Tracking {
  placement: Placement;
  stop(): void;
}

export function placementFor(req: CardRequest): Placement {
  const el = req.contextElement;
  const rtl = !!el && getComputedStyle(el).direction === 'rtl';
  return rtl ? 'bottom-end' : 'bottom-start';
}

export function track(
  card: HTMLElement,
  req: CardRequest,
  on: { hidden(hidden: boolean): void; lost(): void },
): Tracking {
  const reference: VirtualElement = {
    getBoundingClientRect: () => req.anchor.getBoundingClientRect(),
    getClientRects: () => req.anchor.getClientRects() as DOMRect[],
    ...(req.contextElement ? { contextElement: req.contextElement } : {}),
  };
  const tracking: Tracking = { placement: placementFor(req), stop: () => undefined };
  const preferred = tracking.placement;
  let run = 0;
  const update = async () => {
    if (req.contextElement && !req.contextElement.isConnected) return on.lost();
    const mine = ++run;
    const max = card.classList.contains('tall') ? MAX_HEIGHT_TALL : MAX_HEIGHT;
    // Measure at full height so flip() compares the card's real size with the room on each side.
    card.style.maxHeight = `${Math.min(max, window.innerHeight - 2 * VIEWPORT_PADDING)}px`;
    const { x, y, placement, middlewareData } = await computePosition(reference, card, {
      strategy: 'fixed',
      platform: viewportPlatform,
      placement: preferred,
      middleware: [
        offset(GAP),
        inline(req.pointer ?? {}),
        flip({ padding: VIEWPORT_PADDING, crossAxis: false }),
        shift({ padding: VIEWPORT_PADDING }),
        size({
          padding: VIEWPORT_PADDING,
          apply({ availableHeight, elements }) {
            const h = Math.max(0, Math.min(max, Math.floor(availableHeight)));
            elements.floating.style.maxHeight = `${h}px`;
          },
        }),
        hide({ strategy: 'referenceHidden' }),
      ],
    });
    if (mine !== run) return; // a newer update started while this one was measuring
    card.style.left = `${Math.round(x)}px`;
    card.style.top = `${Math.round(y)}px`;
    card.dataset.placement = placement;
    tracking.placement = placement;
    on.hidden(!!middlewareData.hide?.referenceHidden);
  };
  const stopAuto = autoUpdate(reference, card, () => void update(), { animationFrame: false });
  tracking.stop = () => {
    run++;
    stopAuto();
  };
  return tracking;
}
