/**
 * Options page entry (see `Options.tsx`). Settings are read, migrated and repaired through
 * `shared/settings-store.ts`.
 */
import { render } from 'preact';
import { Options } from './Options.tsx';
import { applyTheme } from './theme.ts';

applyTheme();
render(<Options />, document.getElementById('app')!);
