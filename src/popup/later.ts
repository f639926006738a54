/**
 * What the popup needs only after its first paint (the tab it acts on, messages to that tab, the
 * theme setting), loaded by one dynamic import so none of it delays the first render.
 */
export { applyTheme } from '../options/theme.ts';
export { sendToTab } from '../shared/messages.ts';
export { findTarget, type Target } from './target.ts';
