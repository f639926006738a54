/**
 * Loads the card UI into this frame on first use: asks the background to inject the card chunk
 * (`scripting.executeScript`), then finds it through `shared/card-bridge.ts`. The page pays
 * nothing for the card until then.
 */
import { registeredCard, type CardApi } from '../shared/card-bridge.ts';
import { sendToBackground } from '../shared/messages.ts';

let loading: Promise<CardApi | undefined> | undefined;

export function loadCard(): Promise<CardApi | undefined> {
  const ready = registeredCard();
  if (ready) return Promise.resolve(ready);
  loading ??= sendToBackground('card/load', undefined).then((r) => {
    if (!r.ok) {
      loading = undefined;
      console.warn('[Context Cards] card failed to load:', r.error);
      return undefined;
    }
    return registeredCard();
  });
  return loading;
}
