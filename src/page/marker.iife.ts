/**
 * Marker entry: injected into a frame by the background when the first look finds that the page
 * may hold a mention (see `marker-bridge.ts`), never on page load. Owns: registration.
 */
import { Marker } from './marker/marker.ts';
import { registerMarker } from './marker-bridge.ts';

registerMarker(Marker);
