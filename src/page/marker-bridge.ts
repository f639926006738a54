/**
 * The contract between the engine (`engine.ts`, on every page) and the marker (`marker/marker.ts`),
 * which is loaded only where the page may hold a mention (`chunks.ts`). The chunk registers the
 * class in a private slot of this frame's isolated world.
 */
import type { Marker } from './marker/marker.ts';
import { slot } from './slot.ts';

export type MarkerClass = typeof Marker;

const marker = slot<MarkerClass>('marker');
export const registerMarker = marker.register;
export const registeredMarker = marker.get;
