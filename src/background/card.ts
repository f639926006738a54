/**
 * Background work for the card: "Open full entry" (the glossary page at an entity, in a new tab
 * next to the reader's), its other links into the glossary (the story's timeline from a date,
 * what changed in the dataset), and the keyboard `commands` from the manifest, relayed to the
 * active tab's top frame as `tab/card-command` (the content script there moves its cursor or
 * announces).
 *
 * Owns: those calls. Never: reads page content, keeps state, or opens anything but our own
 * extension page.
 */
import browser from 'webextension-polyfill';
import { onCalls, sendToTab, type BackgroundCalls } from '../shared/messages.ts';
import { timelineHash } from '../shared/story-timeline.ts';
import { isCardCommand } from '../shared/shortcuts.ts';

export const GLOSSARY_PAGE = 'src/glossary/index.html';

export function glossaryUrl(entityId: string): string {
  return `${browser.runtime.getURL(GLOSSARY_PAGE)}#${encodeURIComponent(entityId)}`;
}

/** The glossary's timeline of the whole story from a date, or its "what changed" page. */
export function glossaryViewUrl(req: BackgroundCalls['glossary/open']['req']): string {
  const hash = req.view === 'timeline' ? timelineHash(req.from) : '#changes';
  return `${browser.runtime.getURL(GLOSSARY_PAGE)}${hash}`;
}

/** Opens one of our pages in a new tab next to the tab that asked. */
async function openBeside(
  url: string,
  tab: { id?: number; index: number; windowId?: number } | undefined,
) {
  await browser.tabs.create({
    url,
    ...(tab?.id !== undefined ? { openerTabId: tab.id, index: tab.index + 1 } : {}),
    ...(tab?.windowId !== undefined ? { windowId: tab.windowId } : {}),
  });
}

onCalls<BackgroundCalls>({
  'card/open-entry': ({ entityId }, sender) => openBeside(glossaryUrl(entityId), sender.tab),
  'glossary/open': (req, sender) => openBeside(glossaryViewUrl(req), sender.tab),
});

browser.commands?.onCommand.addListener(async (command, tab) => {
  if (!isCardCommand(command)) return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  try {
    await sendToTab(tabId, 'tab/card-command', { command });
  } catch {
    // No content script in that tab (not a listed site, or an extension page): nothing to move.
  }
});
