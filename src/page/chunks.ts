/**
 * The page layer's on-demand chunks, which the background injects into the frame that asks
 * (`scripting.executeScript`: no web-accessible file for pages to probe) and which register in a
 * private slot (`bridges.ts`, `shared/card-bridge.ts`): the card UI, on a frame's first hover,
 * focus or tap; the marker, where the engine needs it (most pages never load it); the wrap
 * renderer, where it is chosen or the Highlight API is missing.
 */
import { registeredCard, type CardApi } from '../shared/card-bridge.ts';
import { sendToBackground } from '../shared/messages.ts';
import { registeredMarker, registeredWrap, type MarkerClass, type WrapFactory } from './bridges.ts';

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

export const loadCard: () => Promise<CardApi | undefined> = loader('card/load', registeredCard);
export const loadMarker: () => Promise<MarkerClass | undefined> = loader(
  'marker/load',
  registeredMarker,
);
export const loadWrap: () => Promise<WrapFactory | undefined> = loader('wrap/load', registeredWrap);
