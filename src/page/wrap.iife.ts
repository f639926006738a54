/**
 * Wrap renderer entry: injected into a frame by the background when the page layer needs it
 * (see `bridges.ts`), never on page load. Owns: registration.
 */
import { registerWrap } from './bridges.ts';
import { createWrapPainter } from './wrap.ts';

registerWrap(createWrapPainter);
