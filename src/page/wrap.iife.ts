/**
 * Wrap renderer entry: injected into a frame by the background when the page layer needs it
 * (see `wrap-bridge.ts`), never on page load. Owns: registration.
 */
import { registerWrap } from './wrap-bridge.ts';
import { createWrapPainter } from './wrap.ts';

registerWrap(createWrapPainter);
