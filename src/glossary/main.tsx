/**
 * Glossary page entry (an extension page opened in a tab; see `Glossary.tsx`).
 */
import { render } from 'preact';
import { t } from '../shared/i18n.ts';
import { applyTheme } from '../options/theme.ts';
import { Glossary } from './Glossary.tsx';

applyTheme();
document.title = t('glossaryTitle');
render(<Glossary />, document.getElementById('app')!);
