/**
 * Scanning a page with the shipped extension, shared by the curator's scan tool
 * (`scripts/scan.ts`) and the corpus false-positive test (`tests/e2e/corpus.e2e.ts`): set the
 * marking density before pages load, then ask the page's content script for every mention once
 * marking has settled.
 */
import type { Browser } from 'webextension-polyfill';
import { loadDataset } from '../../../src/dataset/load.ts';
import type { Settings } from '../../../src/shared/settings.ts';
import type { MentionDetail } from '../../../src/shared/messages.ts';
import type { Session } from './browsers.ts';
import type { ExtensionBridge } from './ext.ts';

/** One mention as the scan reports it: entity, matched text, context snippet and the rule. */
export interface ScanMention {
  entity: string;
  name: string;
  text: string;
  context: string;
  /** Which rule marked it: a plain alias, cues near an ambiguous alias, or a long form on the page. */
  rule: MentionDetail['reason']['rule'];
  /** The alias as written in the dataset. */
  alias: string;
  /** Cues found near the mention (rule "cues"). */
  cues: string[];
}

export class ScanError extends Error {}

/**
 * Writes `marking` settings to `storage.sync` from an extension page, where the full extension
 * API is available in both browsers. A partial object is fine: the extension repairs missing
 * fields to their defaults. Content scripts of pages opened afterwards start with these settings.
 */
export async function setMarking(
  session: Session,
  marking: Partial<Settings['marking']>,
): Promise<void> {
  const page = await session.newPage();
  try {
    await page.goto(session.extensionUrl('src/glossary/index.html'));
    const stored = await page.evaluate(async (m) => {
      const g = globalThis as unknown as { browser?: Browser; chrome: Browser };
      const api = g.browser ?? g.chrome;
      await api.storage.sync.set({ marking: m });
      return (await api.storage.sync.get('marking')).marking as unknown;
    }, marking);
    const back = (stored ?? {}) as Record<string, unknown>;
    const differs = Object.entries(marking).some(
      ([k, v]) => JSON.stringify(back[k]) !== JSON.stringify(v),
    );
    if (differs)
      throw new ScanError(
        `could not store the marking settings (read back ${JSON.stringify(stored)})`,
      );
  } finally {
    await page.close();
  }
}

export interface SettleOptions {
  /** How long the mention count must stay the same to count as settled. Default 600 ms. */
  quietMs?: number;
  /** Give up waiting for a stable count after this long and return what there is. Default 20 s. */
  timeoutMs?: number;
  /** How long the content script may take to answer at all. Default 10 s. */
  answerTimeoutMs?: number;
  pollMs?: number;
}

export interface Settled {
  markMs: number;
  mentions: ScanMention[];
  /** Time from the first poll until the count was stable. */
  settleMs: number;
  /** False when the count was still changing at `timeoutMs`. */
  stable: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls the content script of the tab at `urlPrefix` (typed `tab/mention-details` call) until
 * the number of mentions has not changed for `quietMs`. Marking may run in chunks or re-run as
 * the page changes, so one answer is not enough. Throws `ScanError` when the content script never
 * answers (the site is not one the extension runs on, or the page has no document).
 */
export async function settledDetails(
  bridge: ExtensionBridge,
  urlPrefix: string,
  opts: SettleOptions = {},
): Promise<Settled> {
  const { quietMs = 600, timeoutMs = 20_000, answerTimeoutMs = 10_000, pollMs = 150 } = opts;
  const started = Date.now();
  let last: { markMs: number; mentions: MentionDetail[] } | undefined;
  let stableSince = 0;
  for (;;) {
    const now = Date.now();
    try {
      const d = await bridge.details(urlPrefix);
      if (!last || d.mentions.length !== last.mentions.length) stableSince = Date.now();
      last = d;
    } catch (e) {
      const error = ((e as Error).message.split('\n')[0] ?? String(e)).replace(
        /^page\.evaluate: (Error: )?/,
        '',
      );
      if (now - started > answerTimeoutMs)
        throw new ScanError(
          `Context Cards did not answer on ${urlPrefix} within ${answerTimeoutMs / 1000} s ` +
            `(is the site in the extension's site list?): ${error}`,
        );
    }
    if (last && Date.now() - stableSince >= quietMs)
      return { ...toScan(last), settleMs: Date.now() - started, stable: true };
    if (last && now - started > timeoutMs)
      return { ...toScan(last), settleMs: Date.now() - started, stable: false };
    await sleep(pollMs);
  }
}

let names: Map<string, string> | undefined;
/** An entity's display name, from the dataset folder (the content script reports ids only). */
function nameOf(id: string): string {
  names ??= new Map(loadDataset().entities.map((e) => [e.id, e.name]));
  return names.get(id) ?? id;
}

function toScan(d: { markMs: number; mentions: MentionDetail[] }) {
  return {
    markMs: d.markMs,
    mentions: d.mentions.map((m): ScanMention => ({
      entity: m.entityId,
      name: nameOf(m.entityId),
      // The page's own line breaks and indentation say nothing; show the words.
      text: m.text.replace(/\s+/g, ' '),
      context: m.context,
      rule: m.reason.rule,
      alias: m.reason.alias,
      cues: m.reason.cues,
    })),
  };
}
