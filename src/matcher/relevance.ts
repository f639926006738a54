/**
 * A page's state under the story's rules (`topic.ts`): its host, whether context entities are
 * shown whatever the page (the user's option, or "show them on this page"), and the last
 * decision, which the popup, the scan tool and the card read. No DOM: the page layer holds one.
 *
 * Owns: that state, and turning it into the tab calls' answers and the card's "shown because".
 * Never: decides what is marked (`topic-select.ts` does) or imports the rules' code: it loads on
 * every page.
 */
import type { MatchTables } from '../dataset/tables.ts';
import type { Reason } from './resolve.ts';
import type { Held, HeldReason, Topic } from './topic.ts';

/** Whether a frame touches the story, and what made it (`TopicBy`, with entity ids). */
export interface TopicDetail {
  touches: boolean;
  by?: { entityId: string; text?: string; site?: string } | { outer: true };
}

/** A mention found but not marked, and why. */
export interface HeldBackDetail {
  entityId: string;
  text: string;
  reason: HeldReason;
}

/** What the popup says about a frame's story: the topic, and the related terms left unmarked. */
export interface TopicSummary extends TopicDetail {
  /** Entities held back because the page does not touch the story. */
  heldEntities: number;
  /** Context entities are shown anyway (the user's option, or "show them on this page"). */
  shown: boolean;
}

export type HeldMention = Pick<Held<unknown>, 'entity' | 'text' | 'reason'>;

export class PageRelevance {
  #shownHere = false;
  #outer = false;
  #listeners: (() => void)[] = [];
  /**
   * Told when whether the frame's own text (or site) touches the story changes: the top frame
   * tells the tab's other frames.
   */
  onTopic: ((touches: boolean) => void) | undefined;
  /** The marker's last decision. */
  topic: Topic = { touches: false };
  held: readonly HeldMention[] = [];

  /**
   * `host`: the frame's host name; `option`: the user's "mark related terms on every page"
   * (`marking.contextEverywhere`); `shownHere`: the reader already asked for them on this page.
   */
  constructor(
    readonly host: string,
    readonly option: boolean,
    shownHere = false,
  ) {
    this.#shownHere = shownHere;
  }

  /** Context entities are marked whatever the page. */
  get everywhere(): boolean {
    return this.option || this.#shownHere;
  }

  get shownHere(): boolean {
    return this.#shownHere;
  }

  /** Called when the choices change (the marker then selects again). */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** Whether the page around this frame (the tab's top frame) touches the story. */
  get outer(): boolean {
    return this.#outer;
  }

  setOuter(touches: boolean): void {
    if (this.#outer === touches) return;
    this.#outer = touches;
    for (const l of this.#listeners) l();
  }

  /** "Show them on this page": the related terms held back are marked. */
  showHere(): void {
    if (this.#shownHere) return;
    this.#shownHere = true;
    for (const l of this.#listeners) l();
  }

  /** The marker's decision, after each selection. */
  decided(topic: Topic, held: readonly HeldMention[]): void {
    const own = (t: Topic) => !!t.by && !('outer' in t.by);
    const was = own(this.topic);
    this.topic = topic;
    this.held = held;
    if (own(topic) !== was) this.onTopic?.(own(topic));
  }

  detail(tables: MatchTables): TopicDetail {
    const { touches, by } = this.topic;
    if (!by) return { touches };
    if ('outer' in by) return { touches, by };
    const entityId = tables.entities[by.entity]!.id;
    return {
      touches,
      by: by.site ? { entityId, site: by.site } : { entityId, text: by.text },
    };
  }

  heldBack(tables: MatchTables): HeldBackDetail[] {
    return this.held.map((h) => ({
      entityId: tables.entities[h.entity]!.id,
      text: h.text.replace(/\s+/g, ' '),
      reason: h.reason,
    }));
  }

  summary(tables: MatchTables): TopicSummary {
    const off = new Set(this.held.filter((h) => h.reason === 'off-topic').map((h) => h.entity));
    return { ...this.detail(tables), heldEntities: off.size, shown: this.everywhere };
  }

  /**
   * A mention's reason, with why it is shown on this page when that depends on the story: a
   * context entity, or a story entity's ambiguous name marked because the page touches the story.
   */
  because(reason: Reason, entity: number, tables: MatchTables): Reason {
    const context = tables.entities[entity]!.role === 'context';
    if (!context && reason.rule !== 'story') return reason;
    const { by } = this.detail(tables);
    if (by) return { ...reason, because: by };
    return this.everywhere
      ? { ...reason, because: { user: this.option ? 'option' : 'here' } }
      : reason;
  }
}
