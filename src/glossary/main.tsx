/**
 * Glossary page entry (an extension page opened in a tab; see `Glossary.tsx`).
 */
import { render } from 'preact';
import { applyTheme } from '../options/theme.ts';
import { Glossary } from './Glossary.tsx';

applyTheme();
render(<Glossary />, document.getElementById('app')!);
