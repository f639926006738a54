/**
 * The one protocol between the extension's parts: every message name, its request and its reply.
 *
 * Owns: message names and types, and the only `send`/`on` helpers. Nothing else in `src/` calls
 * `runtime.sendMessage`, `tabs.sendMessage` or `runtime.onMessage` directly, so no part can send
 * an untyped object (modelled on Yomitan's `types/ext/api.d.ts` and Read Frog's `message.ts`).
 * Never: holds behaviour; handlers live with the part that answers.
 */
import type { Runtime } from 'webextension-polyfill';
import { browser } from './browser.ts';
import type { EntityKind } from '../dataset/schema.ts';
import type { Reason } from '../matcher/index.ts';
import type { CardState, PageDates } from './card-bridge.ts';
import type { GateSources } from '../matcher/gate-sources.ts';
import type { Settings } from './settings.ts';
import type { CardCommand } from './shortcuts.ts';

/**
 * One entity's mentions in a frame, as the popup's "On this page" lists them. No name: the
 * content script carries ids, not names; the popup has the dataset.
 */
export interface MentionSummary {
  entityId: string;
  kind: EntityKind;
  /** Mentions marked. */
  count: number;
  /** Mentions on the page, marked or not (the "first mention" density marks one); popup only. */
  total?: number;
}

export interface MentionDetail {
  entityId: string;
  text: string;
  context: string;
  reason: Reason;
}

/** Whether a frame touches the SIM story, what was held back, what the popup says. */
export type { HeldBackDetail, TopicDetail, TopicSummary } from '../matcher/relevance.ts';
import type { HeldBackDetail, TopicDetail, TopicSummary } from '../matcher/relevance.ts';

/** Calls answered by the background service worker. */
export interface BackgroundCalls {
  /** A frame reports what it has marked; the background keeps the badge. */
  'page/report': { req: { mentions: MentionSummary[] }; res: void };
  /** A content script asks for the card UI to be injected into its frame (first use only). */
  'card/load': { req: void; res: { ok: boolean; error?: string } };
  /**
   * A content script starting in a frame (or seeing settings change) asks for its settings, read,
   * migrated and repaired here, and whether it runs on `host` (its frame's host).
   */
  'settings/for-frame': {
    req: { host: string };
    /** `gate`: the gate's patterns (matcher/gate-sources.ts), built once here, not per page. */
    res: { settings: Settings; runs: boolean; listed: boolean; gate: GateSources };
  };
  /** A tab's top frame reports whether its page touches the SIM story (when that changes). */
  'page/topic': { req: { touches: boolean }; res: void };
  /** A frame asks whether the page around it (its tab's top frame) touches the SIM story. */
  'frame/outer-topic': { req: void; res: { touches: boolean } };
  /** A content script asks for the wrap renderer to be injected into its frame (when used). */
  'wrap/load': { req: void; res: { ok: boolean; error?: string } };
  /** A content script asks for the marker to be injected into its frame (where the page may hold a mention). */
  'marker/load': { req: void; res: { ok: boolean; error?: string } };
  /** The card's "Open full entry": open the glossary page at an entity in a new tab. */
  'card/open-entry': { req: { entityId: string }; res: void };
  /**
   * The card's links into the glossary, in a new tab: the whole story's timeline from a date
   * ("N more" since the article), or what changed in this dataset version.
   */
  'glossary/open': { req: { view: 'timeline'; from?: string } | { view: 'changes' }; res: void };
  /**
   * Recompute the per-site content-script registration from settings and permissions (it is also
   * recomputed on every change of either), then start the script in `tabId` if it should run
   * there and is not running yet. Replies with the match patterns registered.
   */
  'sites/sync': { req: { tabId?: number }; res: { registered: string[] } };
  /** Look a text up (context menu, popup): opens the glossary at the best match. */
  'lookup/open': { req: { text: string; openerTabId?: number }; res: { url: string } };
}

/** Calls answered by the content script in a tab's frames. */
export interface TabCalls {
  /** The mentions marked in this frame. */
  'tab/mentions': { req: void; res: MentionSummary[] };
  /** Every mention in this frame with its context and the rule that marked it (scan tool). */
  'tab/mention-details': {
    req: void;
    res: {
      markMs: number;
      mentions: MentionDetail[];
      topic: TopicDetail;
      heldBack: HeldBackDetail[];
    };
  };
  /** Whether this frame touches the story, and how many related terms it left unmarked. */
  'tab/topic': { req: void; res: TopicSummary };
  /** Marks the related terms held back in this frame ("show them on this page"). */
  'tab/show-held': { req: void; res: TopicSummary };
  /** To every frame of a tab: whether the page around them (the top frame) touches the story. */
  'tab/outer-topic': { req: { touches: boolean }; res: void };
  /**
   * The article's dates as the page gives them (top frame; the date reader loads with the card,
   * so this loads the card chunk), or null where the content script cannot load it.
   */
  'tab/article-date': { req: void; res: PageDates | null };
  /** The card open in this frame, if any. */
  'tab/card-state': { req: void; res: CardState | null };
  /** Scroll to the first mention of an entity and open its card. */
  'tab/reveal': { req: { entityId: string }; res: boolean };
  /** A card keyboard command (browser `commands` shortcut) relayed by the background. */
  'tab/card-command': { req: { command: CardCommand }; res: boolean };
  /**
   * Whether the content script marks this frame (site on, not blocked) and whether the frame's
   * host is on the curated list. Answered even when the site is switched off.
   */
  'tab/status': { req: void; res: { running: boolean; listed: boolean } };
}

type Calls = BackgroundCalls & TabCalls;
export type CallName = keyof Calls;
export type Req<K extends CallName> = Calls[K]['req'];
export type Res<K extends CallName> = Calls[K]['res'];

/** The wire form of every message; the tag tells our messages from anyone else's. */
interface Envelope<K extends CallName = CallName> {
  cc: K;
  data: Req<K>;
}

function isEnvelope(msg: unknown): msg is Envelope {
  return (
    typeof msg === 'object' && msg !== null && typeof (msg as { cc?: unknown }).cc === 'string'
  );
}

/**
 * A handler that throws replies with this, so the sender's promise rejects as it would with the
 * polyfill (a `sendResponse` reply cannot reject by itself).
 */
interface Failure {
  ccError: string;
}
const isFailure = (v: unknown): v is Failure =>
  typeof v === 'object' && v !== null && typeof (v as Failure).ccError === 'string';

function unwrap<T>(reply: unknown): T {
  if (isFailure(reply)) throw new Error(reply.ccError);
  return reply as T;
}

export async function sendToBackground<K extends keyof BackgroundCalls>(
  name: K,
  data: Req<K>,
): Promise<Res<K>> {
  const envelope: Envelope<K> = { cc: name, data };
  return unwrap<Res<K>>(await browser.runtime.sendMessage(envelope));
}

export async function sendToTab<K extends keyof TabCalls>(
  tabId: number,
  name: K,
  data: Req<K>,
  frameId = 0,
): Promise<Res<K>> {
  const envelope: Envelope<K> = { cc: name, data };
  return unwrap<Res<K>>(await browser.tabs.sendMessage(tabId, envelope, { frameId }));
}

/** Sends a tab call to every frame of a tab (each answers for itself; the first reply wins). */
export async function broadcastToTab<K extends keyof TabCalls>(
  tabId: number,
  name: K,
  data: Req<K>,
): Promise<void> {
  const envelope: Envelope<K> = { cc: name, data };
  await browser.tabs.sendMessage(tabId, envelope);
}

export type Handlers<C> = {
  [K in keyof C]?: (
    data: C[K] extends { req: infer R } ? R : never,
    sender: Runtime.MessageSender,
  ) =>
    | (C[K] extends { res: infer S } ? S : never)
    | Promise<C[K] extends { res: infer S } ? S : never>;
};

/**
 * Answers the given calls. Messages that are not ours, or not handled here, are left for other
 * listeners (the listener returns nothing for them). A handled call replies through
 * `sendResponse` and returns true to keep the channel open: the one form of asynchronous reply
 * that Chrome and Firefox both accept without a polyfill. Returns a function that removes the
 * listener.
 */
export function onCalls<C extends BackgroundCalls | TabCalls>(handlers: Handlers<C>): () => void {
  const listener = (
    msg: unknown,
    sender: Runtime.MessageSender,
    sendResponse: (reply: unknown) => void,
  ): true | undefined => {
    if (!isEnvelope(msg)) return undefined;
    const handler = (
      handlers as Record<string, ((d: unknown, s: Runtime.MessageSender) => unknown) | undefined>
    )[msg.cc];
    if (!handler) return undefined;
    new Promise((resolve) => resolve(handler(msg.data, sender))).then(
      (v) => sendResponse(v === undefined ? null : v),
      (e: unknown) => sendResponse({ ccError: e instanceof Error ? e.message : String(e) }),
    );
    return true;
  };
  const event = browser.runtime.onMessage as unknown as {
    addListener(l: typeof listener): void;
    removeListener(l: typeof listener): void;
  };
  event.addListener(listener);
  return () => event.removeListener(listener);
}
