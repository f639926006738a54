/**
 * A stand-in for `webextension-polyfill` in unit and dom tests of the card, which run outside an
 * extension: `i18n.getMessage` reads the real `_locales/en/messages.json` and substitutes
 * placeholders the way browsers do; storage and messaging record what they are given.
 *
 * Use: import this module before anything that imports the polyfill. It installs itself as
 * `globalThis.browser` (with a `runtime.id`), which is exactly what `webextension-polyfill` hands
 * back unwrapped when it runs in Firefox, so no module mocking is involved.
 */

/** Node reads the file; the browser fetches it from the dev server, which serves `public/`. */
async function loadMessages(): Promise<Record<string, unknown>> {
  if (typeof window === 'undefined') {
    const { readFileSync } = await import('node:fs');
    return JSON.parse(
      readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8'),
    );
  }
  return (await fetch('/_locales/en/messages.json')).json();
}
const messages = await loadMessages();

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = (messages as Record<string, Entry>)[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
  const positional = (s: string) =>
    s.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const ph = entry.placeholders?.[name.toLowerCase()];
      return ph ? positional(ph.content) : '';
    })
    .replace(/\$\$/g, '$');
}

export const sent: unknown[] = [];
export const stored: Record<string, unknown> = {};

const browser = {
  i18n: { getMessage, getUILanguage: () => 'en-GB' },
  runtime: {
    sendMessage: async (m: unknown) => void sent.push(m),
    onMessage: { addListener: () => undefined, removeListener: () => undefined },
  },
  storage: {
    sync: {
      get: async () => ({ ...stored }),
      set: async (patch: Record<string, unknown>) => void Object.assign(stored, patch),
    },
    onChanged: { addListener: () => undefined, removeListener: () => undefined },
  },
};

const g = globalThis as Record<string, unknown>;
g.chrome = { runtime: { id: 'context-cards-test' } };
g.browser = { ...browser, runtime: { ...browser.runtime, id: 'context-cards-test' } };

export default browser;
