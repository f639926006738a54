/**
 * Talking to the extension from a test, the way its own parts do: an extension page (which has
 * the full `browser.*` API in both browsers) sends typed protocol messages to a tab's content
 * script. Tests never open our closed shadow root; they ask the content script what the card shows.
 */
import type { Browser } from 'webextension-polyfill';
import type { CardState } from '../../../src/shared/card-bridge.ts';
import type { MentionSummary, Res } from '../../../src/shared/messages.ts';
import type { Session, TestPage } from './browsers.ts';

export class ExtensionBridge {
  private constructor(private page: TestPage) {}

  /** Opens an extension page in its own tab to send messages from. */
  static async open(session: Session): Promise<ExtensionBridge> {
    const page = await session.newPage();
    await page.goto(session.extensionUrl('src/glossary/index.html'));
    return new ExtensionBridge(page);
  }

  /** Sends a tab call to the first tab whose URL starts with `urlPrefix`. */
  async call<T>(urlPrefix: string, name: string, data?: unknown): Promise<T> {
    return this.page.evaluate(
      async ({ urlPrefix, name, data }) => {
        const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
        const api = g.browser ?? g.chrome;
        const tabs = await api.tabs.query({});
        const tab = tabs.find((t) => t.url?.startsWith(urlPrefix));
        if (!tab?.id) throw new Error(`no tab at ${urlPrefix}`);
        const reply = await api.tabs.sendMessage(tab.id, { cc: name, data }, { frameId: 0 });
        // A plain copy: WebDriver BiDi (Firefox) sends an object met twice (a reason shared by
        // mentions) as a reference that puppeteer reads back as undefined.
        return (reply === undefined ? undefined : JSON.parse(JSON.stringify(reply))) as never;
      },
      { urlPrefix, name, data },
    );
  }

  mentions(urlPrefix: string) {
    return this.call<MentionSummary[]>(urlPrefix, 'tab/mentions');
  }
  details(urlPrefix: string) {
    return this.call<Res<'tab/mention-details'>>(urlPrefix, 'tab/mention-details');
  }
  cardState(urlPrefix: string) {
    return this.call<CardState | null>(urlPrefix, 'tab/card-state');
  }
  close() {
    return this.page.close();
  }
}
