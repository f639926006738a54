/**
 * Dataset validation: turns raw dataset files into a checked `Dataset`, or into a list of precise
 * problems, one line each, naming file, entity and field.
 *
 * Owns: every rule a curator can break (shape, vocabularies, references, uniqueness, lengths).
 * Never: reads the file system (see `load.ts`), or fixes data silently. Pure, so the build, the
 * `check:data` script and the tests all run exactly the same checks.
 */
import {
  ENTITY_KINDS,
  EVIDENCE_LABELS,
  FACT_TYPES,
  ROLES,
  SUMMARY_MAX,
  type Alias,
  type Dataset,
  type DatasetMeta,
  type Entity,
  type Source,
} from './schema.ts';

/** One dataset file as read from disk: its path relative to the dataset folder and its text. */
export interface RawFile {
  path: string;
  text: string;
}

export interface Problem {
  file: string;
  /** Entity or source id, when the problem is inside one. */
  entity?: string;
  /** What `entity` names: an entity (the default) or a source in `sources.json`. */
  kind?: 'entity' | 'source';
  /** Dotted path to the field, e.g. `facts[2].sources[0]`. */
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = [
    p.file,
    p.entity && `${p.kind ?? 'entity'} "${p.entity}"`,
    p.field && `field ${p.field}`,
  ]
    .filter(Boolean)
    .join(': ');
  return `${where}: ${p.message}`;
}

export const META_FILE = 'meta.json';
export const SOURCES_FILE = 'sources.json';
export const ENTITY_DIR = 'entities/';

const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const FULL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SOURCE_ID = /^S-[A-Za-z0-9-]+$/;
const HOST = /^[a-z0-9]+([.-][a-z0-9]+)*\.[a-z]{2,}$/;
/**
 * "Disputed by …" names a party that disagrees; these words name a document or a slip instead
 * (a page's own typo, its web address, one line of it), which belong in the fact's text.
 */
const NOT_A_PARTY = /\b(page|line|address|url|typo|version)\b/i;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Same normalisation the matcher applies before comparing alias text. */
export function aliasKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

class Checker {
  problems: Problem[] = [];
  constructor(
    private file: string,
    private entity?: string,
    private kind?: Problem['kind'],
  ) {}
  add(field: string | undefined, message: string): void {
    this.problems.push({
      file: this.file,
      entity: this.entity,
      ...(this.kind ? { kind: this.kind } : {}),
      field,
      message,
    });
  }
  str(o: Obj, key: string, field = key): string | undefined {
    const v = o[key];
    if (v === undefined) this.add(field, 'is missing');
    else if (!isStr(v)) this.add(field, 'must be a non-empty string');
    else return v;
    return undefined;
  }
  optStr(o: Obj, key: string, field = key): string | undefined {
    return o[key] === undefined ? undefined : this.str(o, key, field);
  }
  strArray(v: unknown, field: string, { nonEmpty = false } = {}): string[] {
    if (!Array.isArray(v)) {
      this.add(field, 'must be a list of strings');
      return [];
    }
    if (nonEmpty && v.length === 0) this.add(field, 'must not be empty');
    const out: string[] = [];
    v.forEach((x, i) =>
      isStr(x) ? out.push(x) : this.add(`${field}[${i}]`, 'must be a non-empty string'),
    );
    return out;
  }
  date(v: unknown, field: string, { allowRange = true } = {}): void {
    if (typeof v === 'string') {
      if (!PARTIAL_DATE.test(v))
        this.add(field, `"${v}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    } else if (allowRange && isObj(v)) {
      this.date(v.from, `${field}.from`, { allowRange: false });
      if (v.to !== undefined) this.date(v.to, `${field}.to`, { allowRange: false });
      if (typeof v.from === 'string' && typeof v.to === 'string' && v.to < v.from)
        this.add(field, 'ends before it starts');
    } else {
      this.add(field, allowRange ? 'must be a date or {from, to}' : 'must be a date');
    }
  }
  optBool(o: Obj, key: string, field = key): void {
    if (o[key] !== undefined && typeof o[key] !== 'boolean')
      this.add(field, 'must be true or false');
  }
  unknownKeys(o: Obj, allowed: readonly string[], field?: string): void {
    for (const k of Object.keys(o))
      if (!allowed.includes(k)) this.add(field ? `${field}.${k}` : k, 'is not a known field');
  }
}

function parse(file: RawFile, problems: Problem[]): unknown {
  try {
    return JSON.parse(file.text) as unknown;
  } catch (e) {
    problems.push({ file: file.path, message: `is not valid JSON (${(e as Error).message})` });
    return undefined;
  }
}

function checkMeta(raw: unknown, c: Checker): DatasetMeta | undefined {
  if (!isObj(raw)) return (c.add(undefined, 'must be an object'), undefined);
  c.unknownKeys(raw, ['version', 'changelog']);
  const version = c.str(raw, 'version');
  if (raw.changelog !== undefined) {
    if (!Array.isArray(raw.changelog)) c.add('changelog', 'must be a list');
    else
      raw.changelog.forEach((e, i) => {
        const field = `changelog[${i}]`;
        if (!isObj(e)) return c.add(field, 'must be an object');
        c.unknownKeys(e, ['version', 'date', 'changes'], field);
        const v = c.str(e, 'version', `${field}.version`);
        if (i === 0 && v && version && v !== version)
          c.add(`${field}.version`, `the newest entry must describe version "${version}"`);
        if (typeof e.date !== 'string' || !FULL_DATE.test(e.date))
          c.add(`${field}.date`, 'must be a full date (YYYY-MM-DD)');
        c.strArray(e.changes, `${field}.changes`, { nonEmpty: true });
      });
  }
  return version ? (raw as unknown as DatasetMeta) : undefined;
}

function checkSource(raw: unknown, c: Checker, field: string): Source | undefined {
  if (!isObj(raw)) return (c.add(field, 'must be an object'), undefined);
  c.unknownKeys(raw, ['id', 'title', 'publisher', 'date', 'url', 'kind', 'mirror'], field);
  const id = c.str(raw, 'id', `${field}.id`);
  if (id && !SOURCE_ID.test(id)) c.add(`${field}.id`, `"${id}" must look like S-UPPER-CASE`);
  c.str(raw, 'title', `${field}.title`);
  c.str(raw, 'publisher', `${field}.publisher`);
  if (raw.date === undefined)
    c.add(`${field}.date`, 'is missing (use "undated" when none is known)');
  else if (raw.date !== 'undated') c.date(raw.date, `${field}.date`, { allowRange: false });
  if (raw.url !== undefined) {
    if (typeof raw.url !== 'string') c.add(`${field}.url`, 'must be a string');
    else if (!raw.url.startsWith('https://'))
      c.add(`${field}.url`, `"${raw.url}" is not an https URL`);
    else {
      try {
        new URL(raw.url);
      } catch {
        c.add(`${field}.url`, `"${raw.url}" is not a valid URL`);
      }
    }
  }
  if (!EVIDENCE_LABELS.includes(raw.kind as never))
    c.add(`${field}.kind`, `must be one of ${EVIDENCE_LABELS.join(', ')}`);
  if (raw.mirror !== undefined && typeof raw.mirror !== 'boolean')
    c.add(`${field}.mirror`, 'must be true or false');
  return raw as unknown as Source;
}

function checkAlias(raw: unknown, c: Checker, field: string): Alias | undefined {
  if (!isObj(raw)) return (c.add(field, 'must be an object'), undefined);
  c.unknownKeys(raw, ['text', 'caseSensitive', 'suffixes', 'context', 'exclude'], field);
  const text = c.str(raw, 'text', `${field}.text`);
  if (text && text !== text.trim()) c.add(`${field}.text`, 'must not start or end with spaces');
  if (raw.caseSensitive !== undefined && typeof raw.caseSensitive !== 'boolean')
    c.add(`${field}.caseSensitive`, 'must be true or false');
  if (raw.suffixes !== undefined) c.strArray(raw.suffixes, `${field}.suffixes`);
  if (raw.exclude !== undefined) {
    const ex = c.strArray(raw.exclude, `${field}.exclude`);
    ex.forEach((phrase, i) => {
      if (text && !aliasKey(phrase).includes(aliasKey(text)))
        c.add(`${field}.exclude[${i}]`, `"${phrase}" does not contain the alias "${text}"`);
    });
  }
  if (raw.context !== undefined) {
    const ctx = raw.context;
    if (!isObj(ctx)) c.add(`${field}.context`, 'must be an object');
    else {
      c.unknownKeys(ctx, ['cues', 'window', 'longForm'], `${field}.context`);
      c.strArray(ctx.cues, `${field}.context.cues`, { nonEmpty: true });
      const w = ctx.window;
      if (!(w === 'block' || (typeof w === 'number' && Number.isInteger(w) && w > 0 && w <= 5000)))
        c.add(
          `${field}.context.window`,
          'must be "block" or a whole number of characters (1–5000)',
        );
      if (ctx.longForm !== undefined && typeof ctx.longForm !== 'boolean')
        c.add(`${field}.context.longForm`, 'must be true or false');
    }
  }
  return raw as unknown as Alias;
}

/**
 * A fact says when it was true: an `event` by its `date`, a `state` by `asOf` (the date of the
 * newest source that supports it; `checkReferences` holds it to the sources' dates).
 */
function checkDating(f: Obj, c: Checker, field: string): void {
  if (f.type === undefined)
    c.add(
      `${field}.type`,
      'is missing: a fact is an "event" (with a date) or a "state" (with asOf)',
    );
  else if (!FACT_TYPES.includes(f.type as never))
    c.add(`${field}.type`, `must be one of ${FACT_TYPES.join(', ')}`);
  if (f.date !== undefined) c.date(f.date, `${field}.date`);
  if (f.asOf !== undefined) c.date(f.asOf, `${field}.asOf`, { allowRange: false });
  if (f.type === 'event') {
    if (f.date === undefined) c.add(`${field}.date`, 'is missing: an event says when it happened');
    if (f.asOf !== undefined) c.add(`${field}.asOf`, 'belongs to a state; an event has a date');
  } else if (f.type === 'state') {
    if (f.asOf === undefined)
      c.add(
        `${field}.asOf`,
        'is missing: a state says as of when it held (the date of its newest source)',
      );
    if (f.date !== undefined) c.add(`${field}.date`, 'belongs to an event; a state has asOf');
  }
}

/** Is partial date `a` older than `b`? A date and one inside it ("2023", "2023-03") tie. */
function olderThan(a: string, b: string): boolean {
  return !(a.startsWith(b) || b.startsWith(a)) && a < b;
}

function checkEntity(raw: unknown, c: Checker, fileId: string): Entity | undefined {
  if (!isObj(raw)) return (c.add(undefined, 'must be an object'), undefined);
  c.unknownKeys(raw, [
    'id',
    'name',
    'kind',
    'role',
    'roleReason',
    'sites',
    'support',
    'summary',
    'aliases',
    'facts',
    'timeline',
    'related',
    'notThisOne',
    'lastReviewed',
  ]);
  const id = c.str(raw, 'id');
  if (id && !ID.test(id)) c.add('id', `"${id}" must be lower-case words joined by hyphens`);
  if (id && id !== fileId) c.add('id', `"${id}" does not match the file name "${fileId}.json"`);
  c.str(raw, 'name');
  if (!ENTITY_KINDS.includes(raw.kind as never))
    c.add('kind', `must be one of ${ENTITY_KINDS.join(', ')}`);
  if (!ROLES.includes(raw.role as never)) c.add('role', `must be one of ${ROLES.join(', ')}`);
  c.str(raw, 'roleReason');
  if (raw.sites !== undefined)
    c.strArray(raw.sites, 'sites', { nonEmpty: true }).forEach((h, i) => {
      if (!HOST.test(h)) c.add(`sites[${i}]`, `"${h}" is not a host name (lower case, no scheme)`);
    });
  c.optBool(raw, 'support');
  const summary = c.str(raw, 'summary');
  if (summary && summary.length > SUMMARY_MAX)
    c.add('summary', `is ${summary.length} characters; the limit is ${SUMMARY_MAX}`);
  if (raw.lastReviewed === undefined) c.add('lastReviewed', 'is missing');
  else if (typeof raw.lastReviewed !== 'string' || !FULL_DATE.test(raw.lastReviewed))
    c.add('lastReviewed', 'must be a full date (YYYY-MM-DD)');

  if (!Array.isArray(raw.aliases) || raw.aliases.length === 0)
    c.add('aliases', 'must be a non-empty list');
  else raw.aliases.forEach((a, i) => checkAlias(a, c, `aliases[${i}]`));

  if (!Array.isArray(raw.facts) || raw.facts.length === 0)
    c.add('facts', 'must be a non-empty list');
  else
    raw.facts.forEach((f, i) => {
      const field = `facts[${i}]`;
      if (!isObj(f)) return c.add(field, 'must be an object');
      c.unknownKeys(
        f,
        ['text', 'type', 'date', 'asOf', 'key', 'sources', 'evidence', 'contested'],
        field,
      );
      c.str(f, 'text', `${field}.text`);
      checkDating(f, c, field);
      c.optBool(f, 'key', `${field}.key`);
      if (f.sources === undefined || (Array.isArray(f.sources) && f.sources.length === 0))
        c.add(`${field}.sources`, 'fact has no source');
      else c.strArray(f.sources, `${field}.sources`);
      if (!EVIDENCE_LABELS.includes(f.evidence as never))
        c.add(`${field}.evidence`, `must be one of ${EVIDENCE_LABELS.join(', ')}`);
      if (f.contested !== undefined) {
        const k = f.contested;
        if (!isObj(k)) c.add(`${field}.contested`, 'must be an object');
        else {
          c.unknownKeys(k, ['by', 'note', 'sources'], `${field}.contested`);
          c.str(k, 'by', `${field}.contested.by`);
          c.str(k, 'note', `${field}.contested.note`);
          c.strArray(k.sources, `${field}.contested.sources`, { nonEmpty: true });
        }
      }
    });

  if (raw.timeline !== undefined) {
    if (!Array.isArray(raw.timeline)) c.add('timeline', 'must be a list');
    else
      raw.timeline.forEach((t, i) => {
        const field = `timeline[${i}]`;
        if (!isObj(t)) return c.add(field, 'must be an object');
        c.unknownKeys(t, ['date', 'text', 'sources', 'key'], field);
        c.date(t.date, `${field}.date`);
        c.optBool(t, 'key', `${field}.key`);
        c.str(t, 'text', `${field}.text`);
        c.strArray(t.sources, `${field}.sources`, { nonEmpty: true });
      });
  }
  if (raw.related !== undefined) {
    if (!Array.isArray(raw.related)) c.add('related', 'must be a list');
    else
      raw.related.forEach((r, i) => {
        const field = `related[${i}]`;
        if (!isObj(r)) return c.add(field, 'must be an object');
        c.unknownKeys(r, ['id', 'relation'], field);
        c.str(r, 'id', `${field}.id`);
        c.str(r, 'relation', `${field}.relation`);
      });
  }
  if (raw.notThisOne !== undefined) {
    if (!Array.isArray(raw.notThisOne)) c.add('notThisOne', 'must be a list');
    else
      raw.notThisOne.forEach((n, i) => {
        const field = `notThisOne[${i}]`;
        if (!isObj(n)) return c.add(field, 'must be an object');
        c.unknownKeys(n, ['name', 'note', 'id'], field);
        c.str(n, 'name', `${field}.name`);
        c.str(n, 'note', `${field}.note`);
        c.optStr(n, 'id', `${field}.id`);
      });
  }
  return raw as unknown as Entity;
}

/** Cross-file rules: references resolve, ids are unique, shared aliases are disambiguated. */
function checkReferences(
  entities: { file: string; entity: Entity }[],
  sources: Source[],
  problems: Problem[],
): void {
  const sourceIds = new Set<string>();
  /** Source id → [id, date] for dated sources ("undated" ones set no bound). */
  const sourceDates = new Map<string, [string, string]>();
  const urls = new Map<string, string>();
  sources.forEach((s, i) => {
    if (typeof s.id !== 'string') return;
    const at = (field: string, message: string) =>
      problems.push({ file: SOURCES_FILE, entity: s.id, kind: 'source', field, message });
    if (sourceIds.has(s.id)) at(`[${i}].id`, `duplicate source id "${s.id}"`);
    sourceIds.add(s.id);
    if (typeof s.date === 'string' && PARTIAL_DATE.test(s.date))
      sourceDates.set(s.id, [s.id, s.date]);
    if (typeof s.url === 'string') {
      const first = urls.get(s.url);
      if (first) at(`[${i}].url`, `the same URL is already given for source "${first}"`);
      else urls.set(s.url, s.id);
    }
  });
  const cited = new Set<string>();
  const entityIds = new Map<string, string>();
  for (const { file, entity } of entities) {
    if (typeof entity.id !== 'string') continue;
    const first = entityIds.get(entity.id);
    if (first)
      problems.push({
        file,
        entity: entity.id,
        field: 'id',
        message: `duplicate entity id "${entity.id}" (also in ${first})`,
      });
    else entityIds.set(entity.id, file);
  }
  const aliasOwners = new Map<
    string,
    { entity: string; file: string; field: string; ruled: boolean }[]
  >();
  for (const { file, entity } of entities) {
    const at = (field: string, message: string) =>
      problems.push({ file, entity: entity.id, field, message });
    const refSources = (list: unknown, field: string) => {
      if (!Array.isArray(list)) return;
      list.forEach((id, i) => {
        if (typeof id !== 'string') return;
        cited.add(id);
        if (!sourceIds.has(id)) at(`${field}[${i}]`, `unknown source id "${id}"`);
      });
    };
    (Array.isArray(entity.facts) ? entity.facts : []).forEach((f, i) => {
      if (!isObj(f)) return;
      refSources(f.sources, `facts[${i}].sources`);
      if (isObj(f.contested)) refSources(f.contested.sources, `facts[${i}].contested.sources`);
      // A state is "as of" its newest source: a dated source it cites cannot be newer.
      if (f.type === 'state' && typeof f.asOf === 'string' && Array.isArray(f.sources)) {
        const asOf = f.asOf;
        const newer = f.sources
          .map((id) => (typeof id === 'string' ? sourceDates.get(id) : undefined))
          .filter((d): d is [string, string] => d !== undefined && olderThan(asOf, d[1]))
          .sort((a, b) => (a[1] < b[1] ? 1 : -1))[0];
        if (newer)
          at(
            `facts[${i}].asOf`,
            `"${asOf}" is older than its source "${newer[0]}" (${newer[1]}): a state is as of its newest source`,
          );
      }
      if (
        isObj(f.contested) &&
        typeof f.contested.by === 'string' &&
        NOT_A_PARTY.test(f.contested.by)
      )
        at(
          `facts[${i}].contested.by`,
          `"${f.contested.by}" names a document, not a party: put a typo, slip or inconsistent page in the fact's text`,
        );
    });
    (Array.isArray(entity.timeline) ? entity.timeline : []).forEach((t, i) => {
      if (isObj(t)) refSources(t.sources, `timeline[${i}].sources`);
    });
    (Array.isArray(entity.related) ? entity.related : []).forEach((r, i) => {
      if (!isObj(r) || typeof r.id !== 'string') return;
      if (!entityIds.has(r.id)) at(`related[${i}].id`, `unknown related id "${r.id}"`);
      else if (r.id === entity.id) at(`related[${i}].id`, 'an entity cannot be related to itself');
    });
    (Array.isArray(entity.notThisOne) ? entity.notThisOne : []).forEach((n, i) => {
      if (isObj(n) && typeof n.id === 'string' && !entityIds.has(n.id))
        at(`notThisOne[${i}].id`, `unknown entity id "${n.id}"`);
    });
    const ownKeys = new Set<string>();
    (Array.isArray(entity.aliases) ? entity.aliases : []).forEach((a, i) => {
      if (!isObj(a) || typeof a.text !== 'string') return;
      const key = aliasKey(a.text);
      const owners = aliasOwners.get(key) ?? [];
      if (ownKeys.has(key))
        at(`aliases[${i}].text`, `alias "${a.text}" is listed twice for this entity`);
      ownKeys.add(key);
      owners.push({
        entity: entity.id,
        file,
        field: `aliases[${i}].text`,
        ruled: isObj(a.context),
      });
      aliasOwners.set(key, owners);
    });
  }
  // A source nothing cites is dead weight on every card load, and usually a typo in a citation.
  sources.forEach((s, i) => {
    if (typeof s.id === 'string' && !cited.has(s.id))
      problems.push({
        file: SOURCES_FILE,
        entity: s.id,
        kind: 'source',
        field: `[${i}].id`,
        message: 'is not cited by any fact or timeline event',
      });
  });
  for (const owners of aliasOwners.values()) {
    const entitiesOwning = new Set(owners.map((o) => o.entity));
    if (entitiesOwning.size < 2) continue;
    for (const o of owners) {
      if (o.ruled) continue;
      const others = owners.filter((x) => x.entity !== o.entity).map((x) => `"${x.entity}"`);
      problems.push({
        file: o.file,
        entity: o.entity,
        field: o.field,
        message: `alias is also claimed by ${others.join(', ')}; every claimant needs a context rule to tell them apart`,
      });
    }
  }
}

/**
 * Checks every dataset file. Returns the dataset only when there are no problems.
 * `files` holds paths relative to the dataset folder: `meta.json`, `sources.json`, `entities/*.json`.
 */
export function validateDataset(files: RawFile[]): { dataset?: Dataset; problems: Problem[] } {
  const problems: Problem[] = [];
  let meta: DatasetMeta | undefined;
  let sources: Source[] = [];
  const entities: { file: string; entity: Entity }[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));

  const metaFile = byPath.get(META_FILE);
  if (!metaFile) problems.push({ file: META_FILE, message: 'is missing' });
  else {
    const raw = parse(metaFile, problems);
    if (raw !== undefined) {
      const c = new Checker(META_FILE);
      meta = checkMeta(raw, c);
      problems.push(...c.problems);
    }
  }

  const sourcesFile = byPath.get(SOURCES_FILE);
  if (!sourcesFile) problems.push({ file: SOURCES_FILE, message: 'is missing' });
  else {
    const raw = parse(sourcesFile, problems);
    if (raw !== undefined) {
      if (!Array.isArray(raw))
        problems.push({ file: SOURCES_FILE, message: 'must be a list of sources' });
      else
        raw.forEach((s, i) => {
          const id = isObj(s) && typeof s.id === 'string' ? s.id : undefined;
          const c = new Checker(SOURCES_FILE, id, 'source');
          const src = checkSource(s, c, `[${i}]`);
          problems.push(...c.problems);
          if (src) sources.push(src);
        });
    }
  }

  for (const file of files) {
    if (!file.path.startsWith(ENTITY_DIR)) continue;
    if (!file.path.endsWith('.json')) {
      problems.push({ file: file.path, message: 'entity files must be .json' });
      continue;
    }
    const raw = parse(file, problems);
    if (raw === undefined) continue;
    const fileId = file.path.slice(ENTITY_DIR.length, -'.json'.length);
    const id = isObj(raw) && typeof raw.id === 'string' ? raw.id : fileId;
    const c = new Checker(file.path, id);
    const entity = checkEntity(raw, c, fileId);
    problems.push(...c.problems);
    if (entity) entities.push({ file: file.path, entity });
  }
  if (entities.length === 0) problems.push({ file: ENTITY_DIR, message: 'holds no entity files' });

  checkReferences(entities, sources, problems);
  if (problems.length > 0 || !meta) return { problems };
  sources = [...sources].sort((a, b) => a.id.localeCompare(b.id));
  const sorted = entities.map((e) => e.entity).sort((a, b) => a.id.localeCompare(b.id));
  return { dataset: { meta, entities: sorted, sources }, problems };
}
