/**
 * The contract between the page layer and the wrap renderer, which is loaded only where it is
 * used (the "wrap" option, or a browser without the Highlight API). Like the card, the chunk is
 * injected by the background and registers itself under a private symbol on this frame's
 * isolated world, where page scripts cannot see it.
 */
import type { createWrapPainter } from './wrap.ts';

export type WrapFactory = typeof createWrapPainter;

const KEY = Symbol.for('context-cards.wrap');
const world = globalThis as Record<symbol, unknown>;

export function registerWrap(factory: WrapFactory): void {
  world[KEY] ??= factory;
}

export function registeredWrap(): WrapFactory | undefined {
  return world[KEY] as WrapFactory | undefined;
}
