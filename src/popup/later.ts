/**
 * What the popup needs only after its first paint (the tab it acts on, messages to that tab, the
 * theme setting), loaded by one dynamic import so none of it delays the first render.
 *
 * Owns: what the tab says first ("is it marking? what?"), asked as soon as the popup opens, while
 * the app is still starting. Never: renders.
 */
import type { MentionSummary, TopicSummary } from '../shared/messages.ts';
import { sendToTab } from '../shared/messages.ts';
import { findTarget, type Target } from './target.ts';

export { applyTheme } from '../options/theme.ts';
export { findTarget, sendToTab, type Target };

/** What the tab marks, and whether its page touches the story. */
export interface TabAnswer {
  list: MentionSummary[];
  topic?: TopicSummary;
}

/** The tab's marks, or null where the content script is not marking it. */
export async function askTab(target: Target): Promise<TabAnswer | null> {
  const status = await sendToTab(target.tabId, 'tab/status', undefined).catch(() => undefined);
  if (!status?.running) return null;
  const [list, topic] = await Promise.all([
    sendToTab(target.tabId, 'tab/mentions', undefined).catch(() => []),
    sendToTab(target.tabId, 'tab/topic', undefined).catch(() => undefined),
  ]);
  return { list, topic };
}

/** The target and its first answer, asked once. */
export interface FirstLook {
  target: Target | undefined;
  marks: Promise<TabAnswer | null> | undefined;
}

export async function firstLook(): Promise<FirstLook> {
  const target = await findTarget();
  return { target, marks: target ? askTab(target) : undefined };
}
