/**
 * The popup app started over its first screen (see `main.tsx`, `shell.ts`): it renders the same
 * markup in the first screen's place, in one task (nothing is painted in between), keeps what was
 * typed into the search box meanwhile, and focuses its own search box.
 *
 * Owns: starting the popup. Never: reads pages directly; talks to tabs only through typed
 * messages (see `Popup.tsx`).
 */
import { render } from 'preact';
import { t } from '../shared/i18n.ts';
import type { FirstLook } from './later.ts';
import { Popup } from './Popup.tsx';

export function start(look?: Promise<FirstLook>): void {
  document.title = t('extName');
  const app = document.getElementById('app')!;
  const typed = app.querySelector('input')?.value ?? '';
  app.textContent = '';
  render(<Popup initialQuery={typed} look={look} />, app);
  // The document's one autofocus went to the first screen's search box: focus its successor.
  app.querySelector('input')?.focus();
}
