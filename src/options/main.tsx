/**
 * Options page entry (see `Options.tsx`). Settings are read, migrated and repaired through
 * `shared/settings-store.ts`.
 */
import { render } from 'preact';
import { t } from '../shared/i18n.ts';
import { Options } from './Options.tsx';
import { applyTheme } from './theme.ts';

applyTheme();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
