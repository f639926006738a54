/**
 * Compiled tables: the small, matching-only view of the dataset that ships in the content script.
 *
 * Owns: the `MatchTables` shape and `compileTables` (dataset → tables). Facts, sources and
 * summaries stay out of the tables so the script loaded on every page stays small; the card
 * loads the full dataset on first use.
 * Never: builds RegExps or automata (that is the matcher's job) or touches the DOM.
 */
import type { ContextRule, Entity, EntityKind, Role, StampedDataset } from './schema.ts';

/** Names stay out: whoever shows one (popup, scan tool) has the full dataset. */
export interface TableEntity {
  id: string;
  kind: EntityKind;
  /** Whether a mention means the page touches the story (`schema.ts` `ROLES`); absent: story. */
  role?: Role;
  /** Host names of the entity's own site (subdomains included), where it has one. */
  sites?: string[];
}

export interface TableAlias {
  text: string;
  /** Index into `MatchTables.entities`. */
  entity: number;
  caseSensitive: boolean;
  suffixes: string[];
  /** Absent for unambiguous aliases. */
  context?: Required<ContextRule>;
  exclude: string[];
}

export interface MatchTables {
  version: string;
  hash: string;
  entities: TableEntity[];
  aliases: TableAlias[];
}

function aliasesOf(entity: Entity, index: number): TableAlias[] {
  return entity.aliases.map((a) => ({
    text: a.text,
    entity: index,
    caseSensitive: a.caseSensitive ?? false,
    suffixes: a.suffixes ?? [],
    ...(a.context
      ? {
          context: {
            cues: a.context.cues,
            window: a.context.window,
            longForm: a.context.longForm ?? true,
          },
        }
      : {}),
    exclude: a.exclude ?? [],
  }));
}

function entityOf({ id, kind, role, sites }: Entity): TableEntity {
  return { id, kind, role, ...(sites?.length ? { sites: [...sites] } : {}) };
}

export function compileTables(dataset: StampedDataset): MatchTables {
  return {
    version: dataset.meta.version,
    hash: dataset.hash,
    entities: dataset.entities.map(entityOf),
    aliases: dataset.entities.flatMap(aliasesOf),
  };
}

/**
 * The tables as shipped in the content script: lists shared between aliases (cue lists,
 * suffixes, exclusions) are stored once, and defaults are left out. About half the gzip size
 * of the plain form; `unpackTables(packTables(t))` equals `t`.
 */
export interface PackedTables {
  v: string;
  h: string;
  /**
   * Entities: [id, kind, role (1: context, 0: story), own sites], trailing defaults (story, no
   * sites) left out.
   */
  e: [string, EntityKind, number?, string[]?][];
  /** Shared string lists (suffixes, cues, exclusions), referenced by index. */
  l: string[][];
  /** Context rules: [cue list, window, long form (1 or 0)]. */
  c: [number, 'block' | number, number][];
  /**
   * Aliases: [text, entity, case-sensitive (1 or 0), context or -1, suffix list or -1,
   * exclusion list or -1], trailing defaults (0 and -1) left out.
   */
  a: (string | number)[][];
}

export function packTables(t: MatchTables): PackedTables {
  const l: string[][] = [];
  const lists = new Map<string, number>();
  const list = (xs: readonly string[]) => {
    if (xs.length === 0) return -1;
    const key = JSON.stringify(xs);
    let i = lists.get(key);
    if (i === undefined) lists.set(key, (i = l.push([...xs]) - 1));
    return i;
  };
  const c: PackedTables['c'] = [];
  const contexts = new Map<string, number>();
  const a = t.aliases.map((x) => {
    let ctx = -1;
    if (x.context) {
      const rule: [number, 'block' | number, number] = [
        list(x.context.cues),
        x.context.window,
        x.context.longForm ? 1 : 0,
      ];
      const key = JSON.stringify(rule);
      ctx = contexts.get(key) ?? -1;
      if (ctx < 0) contexts.set(key, (ctx = c.push(rule) - 1));
    }
    const row: (string | number)[] = [
      x.text,
      x.entity,
      x.caseSensitive ? 1 : 0,
      ctx,
      list(x.suffixes),
      list(x.exclude),
    ];
    while (row.length > 2 && row[row.length - 1] === (row.length === 3 ? 0 : -1)) row.pop();
    return row;
  });
  return {
    v: t.version,
    h: t.hash,
    e: t.entities.map(({ id, kind, role, sites }) => {
      const row: PackedTables['e'][number] = [id, kind, role === 'context' ? 1 : 0];
      if (sites?.length) row.push([...sites]);
      else if (role !== 'context') row.pop();
      return row;
    }),
    l,
    c,
    a,
  };
}

export function unpackTables(p: PackedTables): MatchTables {
  const list = (i: number | undefined) => (i === undefined || i < 0 ? [] : [...p.l[i]!]);
  return {
    version: p.v,
    hash: p.h,
    entities: p.e.map(([id, kind, role, sites]): TableEntity => ({
      id,
      kind,
      role: role === 1 ? 'context' : 'story',
      ...(sites?.length ? { sites: [...sites] } : {}),
    })),
    aliases: p.a.map(([text, entity, cs, ctx, suffixes, exclude]) => {
      const alias: TableAlias = {
        text: text as string,
        entity: entity as number,
        caseSensitive: cs === 1,
        suffixes: list(suffixes as number | undefined),
        exclude: list(exclude as number | undefined),
      };
      const rule = ctx === undefined || (ctx as number) < 0 ? undefined : p.c[ctx as number]!;
      if (rule) alias.context = { cues: list(rule[0]), window: rule[1], longForm: rule[2] === 1 };
      return alias;
    }),
  };
}
