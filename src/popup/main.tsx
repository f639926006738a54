/**
 * Toolbar popup entry (see `Popup.tsx`). Never reads pages directly; talks to tabs only through
 * typed messages. The theme is applied after the first paint (see `later.ts`).
 */
import { render } from 'preact';
import { t } from '../shared/i18n.ts';
import { Popup } from './Popup.tsx';

document.title = t('extName');
const app = document.getElementById('app')!;
// The HTML holds the first screen, painted before this script ran (shell.ts); the app renders the
// same markup in its place, in this task, so nothing is painted in between. What was typed into
// the search box meanwhile is kept.
const typed = app.querySelector('input')?.value ?? '';
app.textContent = '';
render(<Popup initialQuery={typed} />, app);
// The document's one autofocus went to the first screen's search box: focus its successor.
app.querySelector('input')?.focus();
