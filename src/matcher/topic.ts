/**
 * The story decides what is marked: from the mentions already found on a page, in document order,
 * which are marked, which are held back and why.
 *
 * - Abbreviations as the page defines them (`defines.ts`): the nearest definition before a mention
 *   binds it, to the body spelled out or to nothing we have a card for; before any, the site's own
 *   organisation binds its abbreviations on its own pages; before that, the matcher's rules hold.
 * - Story entities mark wherever their rules hold; an ambiguous alias of one that found no cue is
 *   marked too once the page touches the story (its own long form is then the story's).
 * - Context entities mark only on a page that touches the story: a story mention anywhere in the
 *   document, or a page on a story body's own site (a frame: or the page around it). `everywhere`
 *   (the user's option, or "show them on this page") lifts this.
 * - A publication is never marked on its own site (its headline is not a mention of it).
 *
 * Owns: those rules, and the report of what was held back. Never: scans text, walks a page or
 * paints; it reads the records a page already holds (no pass over the page).
 */
import type { MatchTables } from '../dataset/tables.ts';
import { abbreviationKey, findDefinitions, isAbbreviation, type Definition } from './defines.ts';
import type { Reason } from './resolve.ts';
import type { Candidate } from './scan.ts';

/** A candidate with the matcher's decision, as a record keeps it. */
export interface Decided {
  cand: Candidate;
  alias: number;
  reason: Reason;
}

/** A block holding candidates: its text, its mentions and its ambiguous candidates left over. */
export interface TopicRecord<F extends Decided = Decided> {
  readonly text: string;
  readonly found: readonly F[];
  readonly pending: readonly Candidate[];
}

/** Why a mention was not marked. */
export type HeldReason =
  /** A context entity on a page that does not touch the story. */
  | 'off-topic'
  /** A publication on its own site. */
  | 'own-site'
  /** The page defines the abbreviation as something we have no card for. */
  | 'defined-other';

/**
 * What made the page touch the story: its first story mention (`text`), the story body's own
 * site it is on (`site`), or, for a frame, the page around it (`outer`).
 */
export type TopicBy =
  | {
      /** Index into `tables.entities`. */
      entity: number;
      /** The mention as the page writes it (absent when it is the site). */
      text?: string;
      /** The page's host, when it is the story body's own site. */
      site?: string;
    }
  | { outer: true };

export interface Topic {
  touches: boolean;
  by?: TopicBy;
}

/** A mention the story's rules bound to another alias than the matcher chose, or confirmed. */
export interface Rebound<R> {
  rebound: 'defined' | 'site' | 'story';
  rec: R;
  cand: Candidate;
  alias: number;
  reason: Reason;
}

/** A mark: the record's own decision as it is, or a rebound one. */
export type Mark<R, F> = F | Rebound<R>;

export const isRebound = <R, F>(m: Mark<R, F>): m is Rebound<R> =>
  (m as Partial<Rebound<R>>).rebound !== undefined;

export interface Held<R> {
  rec: R;
  cand: Candidate;
  /** Index into `tables.entities`: the entity it would have been marked as. */
  entity: number;
  /** The mention as the page writes it. */
  text: string;
  reason: HeldReason;
}

export interface TopicResult<R, F> {
  topic: Topic;
  /** In document order. */
  marks: Mark<R, F>[];
  held: Held<R>[];
}

/** What a record's candidates are, worked out once: they never change while it lives. */
interface RecordInfo {
  /** Mentions and ambiguous candidates together, in order. */
  all: Candidate[];
  definitions: Definition[];
  /** Each candidate's abbreviation (`abbreviationKey`), worked out when first needed. */
  keys?: (string | undefined)[];
}

/** Kept across calls for one page: what each record holds, and reasons shared by mentions. */
export interface TopicMemo {
  records: WeakMap<object, RecordInfo>;
  reasons: Map<string, Reason>;
}

export const topicMemo = (): TopicMemo => ({ records: new WeakMap(), reasons: new Map() });

export interface TopicOptions {
  /** The page's host name. */
  host: string;
  /** Mark context entities whatever the page (the user's option, or "show them on this page"). */
  everywhere: boolean;
  /** A frame whose surrounding page (the tab's top frame) touches the story. */
  outer?: boolean;
  memo?: TopicMemo;
}

/** Whether `host` is one of `sites` or a subdomain of one. */
export function onSite(sites: readonly string[] | undefined, host: string): boolean {
  if (!sites) return false;
  const h = host.toLowerCase().replace(/\.$/, '');
  return sites.some((s) => h === s || h.endsWith(`.${s}`));
}

interface Binding {
  /** Undefined: a meaning we have no card for. */
  entity: number | undefined;
  alias: number;
  def: Definition;
}

/** Every alias a candidate could be (its own, then the others with the same text). */
const optionsOf = (c: Candidate) => (c.others ? [c.alias, ...c.others] : [c.alias]);

/**
 * Decides, over a page's records in document order, which mentions are marked and which are held
 * back (see the module comment). Records are read, never changed; a record's `found` and
 * `pending` are each in order of where they start. Runs on every selection of a page that may
 * hold thousands of mentions: what a record holds is worked out once (`TopicMemo`), and a record
 * with nothing for these rules to change costs a look at each of its mentions.
 */
export function selectByTopic<F extends Decided, R extends TopicRecord<F>>(
  records: Iterable<R>,
  tables: MatchTables,
  opts: TopicOptions,
): TopicResult<R, F> {
  const { entities, aliases } = tables;
  const memo = opts.memo ?? topicMemo();
  const isContext = (e: number) => entities[e]!.role === 'context';
  const own = entities.flatMap((e, i) => (onSite(e.sites, opts.host) ? [i] : []));
  const reasonOf = (key: string, make: () => Reason) => {
    let r = memo.reasons.get(key);
    if (!r) memo.reasons.set(key, (r = make()));
    return r;
  };
  // Bindings, then the page's mentions, in document order; pending story candidates wait (as
  // `story`) until it is known whether the page touches the story.
  const bindings = new Map<string, Binding>();
  // Each item with its record; a decision the page's definitions undo is held back, `dropped`.
  const items: (F | Rebound<R>)[] = [];
  const recs: R[] = [];
  const dropped = new Set<F>();
  const push = (rec: R, it: F | Rebound<R>) => {
    items.push(it);
    recs.push(rec);
  };
  for (const rec of records) {
    const { found, pending } = rec;
    if (pending.length === 0 && found.length === 0) continue;
    let info = memo.records.get(rec);
    if (!info) {
      const all = [...found.map((f) => f.cand), ...pending].sort((a, b) => a.start - b.start);
      info = { all, definitions: findDefinitions(rec.text, all) };
      memo.records.set(rec, info);
    }
    const defs = info.definitions;
    // Nothing here for the rules to change: every mention as the matcher decided it.
    if (pending.length === 0 && defs.length === 0 && bindings.size === 0 && own.length === 0) {
      for (const f of found) push(rec, f);
      continue;
    }
    const keys = (info.keys ??= info.all.map((c) =>
      abbreviationKey(rec.text.slice(c.start, c.end)),
    ));
    let d = 0;
    let k = 0;
    info.all.forEach((cand, at) => {
      const f = found[k]?.cand === cand ? found[k++] : undefined;
      for (; d < defs.length && defs[d]!.at <= cand.start; d++) {
        const def = defs[d]!;
        const long = def.long && found.find((x) => x.cand === def.long);
        bindings.set(def.abbr, {
          entity: long ? aliases[long.alias]!.entity : undefined,
          alias: long ? long.alias : -1,
          def,
        });
      }
      const key = keys[at];
      const bound = key === undefined ? undefined : bindings.get(key);
      const chosen = f ? aliases[f.alias]!.entity : undefined;
      // A binding to the entity the matcher chose keeps the matcher's reason.
      if (bound && chosen !== bound.entity) {
        if (bound.entity === undefined) {
          if (f) {
            dropped.add(f);
            push(rec, f);
          }
          return;
        }
        const alias =
          optionsOf(cand).find((a) => aliases[a]!.entity === bound.entity) ?? bound.alias;
        const reason = reasonOf(`defined\0${alias}\0${bound.def.text}`, () => ({
          rule: 'defined',
          alias: aliases[alias]!.text,
          cues: [],
          definition: bound.def.text,
        }));
        push(rec, { rebound: 'defined', rec, cand, alias, reason });
        return;
      }
      const site =
        bound ||
        key === undefined ||
        own.length === 0 ||
        (chosen !== undefined && own.includes(chosen))
          ? undefined
          : optionsOf(cand).find(
              (a) => own.includes(aliases[a]!.entity) && isAbbreviation(aliases[a]!.text),
            );
      if (site !== undefined) {
        const reason = reasonOf(`site\0${site}\0${opts.host}`, () => ({
          rule: 'site',
          alias: aliases[site]!.text,
          cues: [],
          site: opts.host,
        }));
        push(rec, { rebound: 'site', rec, cand, alias: site, reason });
        return;
      }
      if (f) {
        push(rec, f);
        return;
      }
      const story = optionsOf(cand).find(
        (a) => !isContext(aliases[a]!.entity) && aliases[a]!.context?.longForm !== false,
      );
      if (story !== undefined) {
        const reason = reasonOf(`story\0${story}`, () => ({
          rule: 'story',
          alias: aliases[story]!.text,
          cues: [],
        }));
        push(rec, { rebound: 'story', rec, cand, alias: story, reason });
      }
    });
  }

  // The page touches the story through its first story mention, else its site.
  const isStory = (it: F | Rebound<R>) => isRebound(it) && it.rebound === 'story';
  let by: TopicBy | undefined;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const e = aliases[it.alias]!.entity;
    if (isStory(it) || dropped.has(it as F) || isContext(e)) continue;
    by = { entity: e, text: recs[i]!.text.slice(it.cand.start, it.cand.end) };
    break;
  }
  if (!by) {
    const site = own.find((e) => !isContext(e) && entities[e]!.kind !== 'publication');
    if (site !== undefined) by = { entity: site, site: opts.host };
    else if (opts.outer) by = { outer: true };
  }
  const touches = by !== undefined;
  const everywhere = touches || opts.everywhere;

  const marks: Mark<R, F>[] = [];
  const held: Held<R>[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (!touches && isStory(it)) continue;
    const e = aliases[it.alias]!.entity;
    const reason: HeldReason | undefined =
      dropped.size > 0 && dropped.has(it as F)
        ? 'defined-other'
        : own.length > 0 && own.includes(e) && entities[e]!.kind === 'publication'
          ? 'own-site'
          : !everywhere && isContext(e)
            ? 'off-topic'
            : undefined;
    if (reason === undefined) marks.push(it);
    else {
      const rec = recs[i]!;
      const text = rec.text.slice(it.cand.start, it.cand.end);
      held.push({ rec, cand: it.cand, entity: e, text, reason });
    }
  }
  return { topic: { touches, by }, marks, held };
}
