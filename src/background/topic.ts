/**
 * Frames share their page's story: a frame marks related terms when the page around it (the
 * tab's top frame) touches the SIM story, as a reader sees one page. The top frame reports when
 * that changes and every frame of the tab is told; a frame starting later asks.
 *
 * Owns: relaying the top frame's `touches` to the tab's frames. Nothing lives in the worker's
 * memory: a frame that asks gets the top frame's own answer. Never: reads page content.
 */
import { broadcastToTab, onCalls, sendToTab, type BackgroundCalls } from '../shared/messages.ts';

onCalls<BackgroundCalls>({
  'page/topic': async ({ touches }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0) return;
    await broadcastToTab(tabId, 'tab/outer-topic', { touches }).catch(() => undefined);
  },
  'frame/outer-topic': async (_req, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { touches: false };
    const top = await sendToTab(tabId, 'tab/topic', undefined, 0).catch(() => undefined);
    return { touches: top?.touches ?? false };
  },
});
