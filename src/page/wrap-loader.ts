/**
 * Loads the wrap renderer into this frame when it is needed: asks the background to inject its
 * chunk (`scripting.executeScript`), then finds it through `wrap-bridge.ts`. Pages marked with the
 * default highlight renderer never load it.
 */
import { sendToBackground } from '../shared/messages.ts';
import { registeredWrap, type WrapFactory } from './wrap-bridge.ts';

export async function loadWrap(): Promise<WrapFactory | undefined> {
  if (!registeredWrap()) {
    const r = await sendToBackground('wrap/load', undefined);
    if (!r.ok) console.warn('[Context Cards] wrap renderer failed to load:', r.error);
  }
  return registeredWrap();
}
