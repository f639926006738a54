/**
 * User-facing strings: every one comes from `public/_locales/en/messages.json` through
 * `browser.i18n`, looked up by a key the type-checker knows (a missing key is a type error).
 */
import { browser } from './browser.ts';

type Messages = typeof import('../../public/_locales/en/messages.json');
export type MessageKey = keyof Messages;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
