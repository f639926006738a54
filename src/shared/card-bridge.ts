/**
 * The contract between the page layer (always loaded) and the card UI (loaded on first use).
 *
 * Both run in the extension's isolated world of the same frame, so the card registers itself
 * under a private symbol on that world's global object; page scripts cannot see it. The page
 * layer never imports the card and the card never imports the page layer: this file is all they
 * share.
 */
import type { Reason } from '../matcher/index.ts';

export type OpenedBy = 'hover' | 'focus' | 'tap' | 'keyboard' | 'popup';

export interface CardAnchor {
  /** Live geometry of the mention (recomputed on every call, so scrolling is followed). */
  getBoundingClientRect(): DOMRect;
  getClientRects(): DOMRectList | DOMRect[];
}

export interface CardRequest {
  entityId: string;
  anchor: CardAnchor;
  /** The text on the page, and why it was marked. */
  matchedText: string;
  reason: Reason;
  openedBy: OpenedBy;
}

export interface CardApi {
  open(request: CardRequest): void;
  /** Closes after the grace period unless the pointer comes back to the mention or the card. */
  scheduleClose(): void;
  cancelClose(): void;
  close(): void;
  isOpen(): boolean;
  /** The entity shown, if open. */
  current(): string | undefined;
  /** What the open card shows: its entity, text and place (for the popup and e2e checks). */
  state(): CardState | undefined;
}

export interface CardState {
  entityId: string;
  /** The card's visible text. */
  text: string;
  rect: { x: number; y: number; width: number; height: number };
}

const KEY = Symbol.for('context-cards.card');

export function registerCard(api: CardApi): void {
  (globalThis as Record<symbol, unknown>)[KEY] = api;
}

export function registeredCard(): CardApi | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as CardApi | undefined;
}
