/**
 * The contract between the page layer and the wrap renderer, which is loaded only where it is
 * used (the "wrap" option, or a browser without the Highlight API). Like the card and the marker,
 * the chunk is injected by the background and registers itself in a private slot of this
 * frame's isolated world, where page scripts cannot see it.
 */
import { slot } from './slot.ts';
import type { createWrapPainter } from './wrap.ts';

export type WrapFactory = typeof createWrapPainter;

const wrap = slot<WrapFactory>('wrap');
export const registerWrap = wrap.register;
export const registeredWrap = wrap.get;
