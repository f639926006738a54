/**
 * The page layer's on-demand chunks, which the background injects into the frame that asks
 * (`scripting.executeScript`: no web-accessible file for pages to probe) and which register in a
 * private slot (`bridges.ts`, `shared/card-bridge.ts`): the card UI, on a frame's first hover,
 * focus or tap; the marker, where the engine needs it (most pages never load it); the wrap
 * renderer, where it is chosen or the Highlight API is missing.
 */
import { registeredCard } from '../shared/card-bridge.ts';
import { sendToBackground } from '../shared/messages.ts';
import { registeredMarker, registeredWrap } from './bridges.ts';

type Load = 'card/load' | 'marker/load' | 'wrap/load';

/** A loader for one chunk: at most one injection in flight; after a failure, the next call tries again. */
function loader<T>(call: Load, registered: () => T | undefined): () => Promise<T | undefined> {
  let loading: Promise<T | undefined> | undefined;
  return () => {
    const ready = registered();
    if (ready) return Promise.resolve(ready);
    loading ??= sendToBackground(call, undefined).then(
      (r) => {
        loading = undefined;
        if (!r.ok) console.warn(`[Context Cards] ${call} failed:`, r.error);
        return registered();
      },
      (e: unknown) => {
        loading = undefined;
        console.warn(`[Context Cards] ${call} failed:`, e);
        return undefined;
      },
    );
    return loading;
  };
}

export const loadCard = loader('card/load', registeredCard);
export const loadMarker = loader('marker/load', registeredMarker);
export const loadWrap = loader('wrap/load', registeredWrap);
