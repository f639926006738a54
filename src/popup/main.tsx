/**
 * Toolbar popup entry (see `Popup.tsx`). Never reads pages directly; talks to tabs only through
 * typed messages.
 */
import { render } from 'preact';
import { t } from '../shared/i18n.ts';
import { applyTheme } from '../options/theme.ts';
import { Popup } from './Popup.tsx';

applyTheme();
document.title = t('extName');
render(<Popup />, document.getElementById('app')!);
