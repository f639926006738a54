/**
 * The contract between the page layer (always loaded) and the card UI (loaded on first use).
 *
 * Both run in the extension's isolated world of the same frame, so the card registers itself
 * under a private symbol on that world's global object; page scripts cannot see it. The page
 * layer never imports the card and the card never imports the page layer: this file is all they
 * share.
 *
 * Division of labour: the page layer decides *when* a card opens or closes (hover intent, taps,
 * keys); the card decides *how* (rendering, placement, focus, announcements) and keeps itself open
 * while it is pinned, hovered or focused from the keyboard.
 */
import type { Reason } from '../matcher/index.ts';
import type { Theme } from './settings.ts';

export type OpenedBy = 'hover' | 'focus' | 'tap' | 'keyboard' | 'popup';

export interface CardAnchor {
  /** Live geometry of the mention (recomputed on every call, so scrolling is followed). */
  getBoundingClientRect(): DOMRect;
  getClientRects(): DOMRectList | DOMRect[];
}

export interface CardRequest {
  entityId: string;
  anchor: CardAnchor;
  /** The element holding the mention: its scroll containers are watched and its direction read. */
  contextElement?: Element;
  /** Where the pointer was, to pick the hovered line of a mention that wraps. */
  pointer?: { x: number; y: number };
  /** The text on the page, and why it was marked. */
  matchedText: string;
  reason: Reason;
  openedBy: OpenedBy;
  theme: Theme;
  /** Keyboard navigation: this mention's place among the page's mentions (1-based). */
  position?: { index: number; total: number };
  /** Move keyboard focus into the card once it is shown. */
  focus?: boolean;
  /** Called once when this request's card closes (or is replaced by another request). */
  onClose?: () => void;
}

/** A date the page gives for itself, and where it was read (`card/article-date.ts`). */
export interface PageDate {
  /** `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
  date: string;
  source: 'json-ld' | 'meta' | 'microdata' | 'time' | 'url';
  /** The exact field, for a human (`NewsArticle.datePublished`, `article:published_time`…). */
  field: string;
}

/** The article's publication and last-modified dates; absent when the page gives none clearly. */
export interface PageDates {
  published?: PageDate;
  modified?: PageDate;
}

export interface CardApi {
  open(request: CardRequest): void;
  /**
   * Closes after the grace period (or `afterMs`) unless the pointer comes back to the mention or
   * the card. Ignored while the card is sticky or the pointer is over it.
   */
  scheduleClose(afterMs?: number): void;
  cancelClose(): void;
  /** Closes now; focus inside the card goes back to where it was before it moved in. */
  close(): void;
  /** Moves keyboard focus into the open card, remembering where it was. */
  focus(): void;
  isOpen(): boolean;
  /** The entity the card was opened for (not one reached through "Related"), if open. */
  current(): string | undefined;
  /**
   * True when hovering elsewhere must neither replace nor close the card: it is pinned, was not
   * opened by hover, or has keyboard focus.
   */
  sticky(): boolean;
  pinned(): boolean;
  /** Whether focus is inside the card. */
  hasFocus(): boolean;
  /** Whether an event happened inside the card (its composed path crosses our host). */
  contains(event: Event): boolean;
  /** The card's box in the viewport, if open. */
  rect(): DOMRect | undefined;
  /** Says something through the card's polite live region. */
  announce(text: string): void;
  /** What the open card shows (popup and e2e checks; tests never open the closed root). */
  state(): CardState | undefined;
  /** The page's article dates, read once per page (the date reader loads with the card). */
  articleDate(): PageDates;
  /** The page moved to another address without loading (SPA): what was read of it is forgotten. */
  navigated(): void;
}

export interface CardControl {
  /** `textbox`, `checkbox` and `combobox`: the report form's fields. */
  role: 'button' | 'link' | 'textbox' | 'checkbox' | 'combobox';
  /** Accessible name: `aria-label`, else the text. */
  name: string;
  rect: { x: number; y: number; width: number; height: number };
  /** Whether it is inside the visible part of the card (not scrolled out of its body). */
  inView: boolean;
  href?: string;
  target?: string;
  rel?: string;
  /** A disclosure (`<summary>`, or a button with `aria-expanded`): whether it is open. */
  expanded?: boolean;
  pressed?: boolean;
  /** A checkbox: whether it is ticked. */
  checked?: boolean;
}

export interface CardState {
  /** The entity shown (after any "Related" swap). */
  entityId: string;
  /** The entity of the mention the card was opened for. */
  rootEntityId: string;
  /** The card's visible text. */
  text: string;
  rect: { x: number; y: number; width: number; height: number };
  openedBy: OpenedBy;
  pinned: boolean;
  theme: 'light' | 'dark';
  /** Whether the opening animation runs (off under `prefers-reduced-motion`). */
  animated: boolean;
  /** The card's own text direction. */
  dir: string;
  /** `bottom-start`, `top-end`…: where the card sits relative to the mention. */
  placement: string;
  /** The focused control's name, "dialog" for the card itself, or null when focus is outside. */
  focused: string | null;
  /** The dialog's role and accessible-name source, for structure checks. */
  role: string | null;
  labelledBy: string | null;
  /** The live region's current text. */
  announcement: string;
  /** Visible buttons and links, with their boxes (tests click them like a reader would). */
  controls: CardControl[];
  /** The confirmation left after "Hide this term on this site" is shown, not a card. */
  notice?: boolean;
  /** The card's body is taller than the card and scrolls. */
  scrolls?: boolean;
  /** The report form is open: the report's text as it will be copied, and its prefilled address. */
  report?: { text: string; url?: string };
}

const KEY = Symbol.for('context-cards.card');

export function registerCard(api: CardApi): void {
  (globalThis as Record<symbol, unknown>)[KEY] = api;
}

export function registeredCard(): CardApi | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as CardApi | undefined;
}
