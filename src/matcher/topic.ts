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
 *   document, or a page on a story body's own site. `everywhere` (the user's option, or "show them
 *   on this page") lifts this.
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

/** What made the page touch the story: its first story mention, or the site it is on. */
export interface TopicBy {
  /** Index into `tables.entities`. */
  entity: number;
  /** The mention as the page writes it (absent when it is the site). */
  text?: string;
  /** The page's host, when it is the story body's own site. */
  site?: string;
}

export interface Topic {
  touches: boolean;
  by?: TopicBy;
}

export interface Mark<R, F> {
  rec: R;
  cand: Candidate;
  alias: number;
  reason: Reason;
  /** The record's own decision, when the mark is that decision unchanged. */
  found?: F;
}

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

/** Kept across calls for one page: definitions per record, and reasons shared by mentions. */
export interface TopicMemo {
  definitions: WeakMap<object, Definition[]>;
  reasons: Map<string, Reason>;
}

export const topicMemo = (): TopicMemo => ({ definitions: new WeakMap(), reasons: new Map() });

export interface TopicOptions {
  /** The page's host name. */
  host: string;
  /** Mark context entities whatever the page (the user's option, or "show them on this page"). */
  everywhere: boolean;
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
 * back (see the module comment). Records are read, never changed.
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
  type Item = Mark<R, F> & { story?: boolean; dropped?: boolean };
  const items: Item[] = [];
  for (const rec of records) {
    if (rec.found.length === 0 && rec.pending.length === 0) continue;
    const all = [...rec.found.map((f) => f.cand), ...rec.pending].sort((a, b) => a.start - b.start);
    let defs = memo.definitions.get(rec);
    if (!defs) memo.definitions.set(rec, (defs = findDefinitions(rec.text, all)));
    const decided = new Map<Candidate, F>();
    for (const f of rec.found) decided.set(f.cand, f);
    let d = 0;
    for (const cand of all) {
      for (; d < defs.length && defs[d]!.at <= cand.start; d++) {
        const def = defs[d]!;
        const long = def.long && decided.get(def.long);
        bindings.set(def.abbr, {
          entity: long ? aliases[long.alias]!.entity : undefined,
          alias: long ? long.alias : -1,
          def,
        });
      }
      const found = decided.get(cand);
      const text = rec.text.slice(cand.start, cand.end);
      const key = abbreviationKey(text);
      const bound = key === undefined ? undefined : bindings.get(key);
      // A binding to the entity the matcher chose keeps the matcher's reason.
      if (bound && !(found && aliases[found.alias]!.entity === bound.entity)) {
        if (bound.entity === undefined) {
          if (found)
            items.push({ rec, cand, alias: found.alias, reason: found.reason, dropped: true });
          continue;
        }
        const alias =
          optionsOf(cand).find((a) => aliases[a]!.entity === bound.entity) ?? bound.alias;
        const shown = aliases[alias]!.text;
        const reason = reasonOf(`defined\0${alias}\0${bound.def.text}`, () => ({
          rule: 'defined',
          alias: shown,
          cues: [],
          definition: bound.def.text,
        }));
        items.push({ rec, cand, alias, reason });
        continue;
      }
      const site =
        bound ||
        key === undefined ||
        own.length === 0 ||
        (found && own.includes(aliases[found.alias]!.entity))
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
        items.push({ rec, cand, alias: site, reason });
        continue;
      }
      if (found) {
        items.push({ rec, cand, alias: found.alias, reason: found.reason, found });
        continue;
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
        items.push({ rec, cand, alias: story, reason, story: true });
      }
    }
  }

  // The page touches the story through its first story mention, else its site.
  let by: TopicBy | undefined;
  for (const it of items) {
    const e = aliases[it.alias]!.entity;
    if (it.story || it.dropped || isContext(e)) continue;
    by = { entity: e, text: it.rec.text.slice(it.cand.start, it.cand.end) };
    break;
  }
  if (!by) {
    const site = own.find((e) => !isContext(e) && entities[e]!.kind !== 'publication');
    if (site !== undefined) by = { entity: site, site: opts.host };
  }
  const touches = by !== undefined;

  const marks: Mark<R, F>[] = [];
  const held: Held<R>[] = [];
  for (const it of items) {
    if (it.story && !touches) continue;
    const e = aliases[it.alias]!.entity;
    const text = it.rec.text.slice(it.cand.start, it.cand.end);
    const reason: HeldReason | undefined = it.dropped
      ? 'defined-other'
      : entities[e]!.kind === 'publication' && own.includes(e)
        ? 'own-site'
        : isContext(e) && !touches && !opts.everywhere
          ? 'off-topic'
          : undefined;
    if (reason) held.push({ rec: it.rec, cand: it.cand, entity: e, text, reason });
    else {
      const { story: _story, dropped: _dropped, ...mark } = it;
      marks.push(mark);
    }
  }
  return { topic: { touches, by }, marks, held };
}
