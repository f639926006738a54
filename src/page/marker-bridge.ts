/**
 * The contract between the first look (`engine.ts`, on every page) and the marker (`marker.ts`),
 * which is loaded only where the page may hold a mention (`chunks.ts`). The chunk registers the
 * class under a private symbol on this frame's isolated world.
 */
import type { Marker } from './marker.ts';

export type MarkerClass = typeof Marker;

const KEY = Symbol.for('context-cards.marker');
const world = globalThis as Record<symbol, unknown>;

export function registerMarker(marker: MarkerClass): void {
  world[KEY] ??= marker;
}

export function registeredMarker(): MarkerClass | undefined {
  return world[KEY] as MarkerClass | undefined;
}
