/**
 * Glossary page entry (an extension page opened in a tab; see `Glossary.tsx`). The theme setting
 * is read from storage, so it arrives after the first paint anyway: its code loads after it too.
 *
 * Owns: starting the page. Never: renders anything itself.
 */
import { render } from 'preact';
import { t } from '../shared/i18n.ts';
import { Glossary } from './Glossary.tsx';

document.title = t('glossaryTitle');
render(<Glossary />, document.getElementById('app')!);
// After the first frame's paint (a task queued from its callback): loading it costs time.
requestAnimationFrame(() =>
  setTimeout(() => void import('../options/theme.ts').then((m) => m.applyTheme())),
);
