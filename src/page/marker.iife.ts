/** Marker entry: injected by the background when the engine needs it. Owns: registration. */
import { registerMarker } from './bridges.ts';
import { Marker } from './marker/marker.ts';

registerMarker(Marker);
