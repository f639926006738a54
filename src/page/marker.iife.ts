/**
 * Marker entry: injected into a frame by the background when the engine needs the marker (see
 * `bridges.ts`), never on page load. Owns: registration.
 */
import { Marker } from './marker/marker.ts';
import { registerMarker } from './bridges.ts';

registerMarker(Marker);
