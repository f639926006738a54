/** Wrap renderer entry: injected by the background where it is used. Owns: registration. */
import { registerWrap } from './bridges.ts';
import { createWrapPainter } from './wrap.ts';

registerWrap(createWrapPainter);
