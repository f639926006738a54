/**
 * Toolbar popup entry (see `Popup.tsx`). Never reads pages directly; talks to tabs only through
 * typed messages. The theme is applied after the first paint (see `later.ts`).
 */
import { render } from 'preact';
import { t } from '../shared/i18n.ts';
import { Popup } from './Popup.tsx';

document.title = t('extName');
render(<Popup />, document.getElementById('app')!);
