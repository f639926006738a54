/**
 * Settings: schema, defaults, versions, migrations and repair.
 *
 * Owns: the shape of user settings and their defaults; the schema version and the migrations
 * from every earlier version; and the rule that a corrupt or unknown value falls back to its
 * default *without* touching the valid ones (each repair is reported as a dotted path so the
 * options page can say what it fixed). Settings live in `storage.sync`, one key per area plus
 * `version`, so the stored object *is* a `Settings` object (and the export file is one too).
 * Never: touches storage, the DOM or pages (see `settings-store.ts`).
 *
 * Versions (every one has example fixtures in `tests/unit/settings-examples/v00N.ts`):
 * - v1 (0.1.0): `sites.blocked` was a list of hostnames as typed; `version` was never stored.
 * - v2: per-site rules. `sites.rules` maps a site ("bbc.co.uk": hostname without `www.`, covering
 *   its subdomains) to "on" (switched on by hand) or "off" (blocked); `version` is stored.
 */
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema.ts';
import { isShortcutSetting } from './shortcuts.ts';
import { isValidHost, siteKey } from './sites.ts';

export const SETTINGS_VERSION = 2;

export type Density = 'first' | 'all' | 'off';
export type HighlightStyle = 'underline' | 'background' | 'none';
export type Renderer = 'highlight' | 'wrap';
export type Theme = 'auto' | 'light' | 'dark';
/**
 * Where the extension runs: the curated news list plus sites switched on by hand; every site the
 * user allows the extension to access; or only sites switched on by hand.
 */
export type SiteMode = 'default-list' | 'allowed' | 'manual';
export type SiteRule = 'on' | 'off';

export interface SitesSettings {
  mode: SiteMode;
  /** Site → "on" (switched on by hand) or "off" (blocked). */
  rules: Record<string, SiteRule>;
}

export interface Settings {
  version: number;
  marking: {
    density: Density;
    kinds: Record<EntityKind, boolean>;
    style: HighlightStyle;
    renderer: Renderer;
    /** Most mentions marked on one page. */
    capPerPage: number;
    /**
     * Mark context entities (NHS England, A&E, section 136…) on every page, not only on pages
     * that touch the SIM story. Added within v2: a store without it gets the default.
     */
    contextEverywhere: boolean;
  };
  card: {
    hoverDelayMs: number;
    theme: Theme;
    shortcuts: CardShortcuts;
  };
  sites: SitesSettings;
  /** Terms hidden per site: hostname → entity ids. */
  hidden: Record<string, string[]>;
}

/**
 * The in-page keys for moving through mentions (`shared/shortcuts.ts` syntax; "" turns one off).
 * The same actions are also browser `commands`, bound in the browser's own shortcuts page.
 * Added within v2: a store without them gets the defaults, so no migration is needed.
 */
export interface CardShortcuts {
  enabled: boolean;
  next: string;
  previous: string;
  count: string;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  marking: {
    density: 'first',
    kinds: Object.fromEntries(ENTITY_KINDS.map((k) => [k, true])) as Record<EntityKind, boolean>,
    style: 'underline',
    renderer: 'highlight',
    capPerPage: 200,
    contextEverywhere: false,
  },
  card: {
    hoverDelayMs: 300,
    theme: 'auto',
    shortcuts: {
      enabled: true,
      next: 'Alt+Shift+Period',
      previous: 'Alt+Shift+Comma',
      count: 'Alt+Shift+Slash',
    },
  },
  sites: { mode: 'default-list', rules: {} },
  hidden: {},
};

export type SettingsArea = Exclude<keyof Settings, 'version'>;
export const SETTINGS_AREAS: SettingsArea[] = ['marking', 'card', 'sites', 'hidden'];
/** Every key settings use in `storage.sync`. */
export const SETTINGS_KEYS: (keyof Settings)[] = ['version', ...SETTINGS_AREAS];

export const HOVER_DELAY_RANGE = { min: 0, max: 5000 } as const;
export const CAP_RANGE = { min: 1, max: 100000 } as const;

// ---------------------------------------------------------------- checks

type Check<T> = (v: unknown) => v is T;
const oneOf =
  <T extends string>(...values: T[]): Check<T> =>
  (v): v is T =>
    typeof v === 'string' && (values as string[]).includes(v);
const intIn =
  (min: number, max: number): Check<number> =>
  (v): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isBool: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const DENSITIES: Density[] = ['first', 'all', 'off'];
export const STYLES: HighlightStyle[] = ['underline', 'background', 'none'];
export const RENDERERS: Renderer[] = ['highlight', 'wrap'];
export const THEMES: Theme[] = ['auto', 'light', 'dark'];
export const SITE_MODES: SiteMode[] = ['default-list', 'allowed', 'manual'];

// ---------------------------------------------------------------- migrations

/**
 * The stored version: `version` when it is a whole number; absent on a v1 store that holds any
 * area (v1 never wrote it); otherwise a fresh store, which is current.
 */
export function storedVersion(stored: Record<string, unknown>): number {
  const v = stored.version;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return v;
  return SETTINGS_AREAS.some((a) => stored[a] !== undefined) ? 1 : SETTINGS_VERSION;
}

/** One step: stored object of version N-1 in, version N out. Pure; must not throw on junk. */
type Migration = (stored: Record<string, unknown>, notes: string[]) => Record<string, unknown>;

/**
 * v1 → v2: the blocked list becomes per-site rules. Each hostname becomes its site key
 * ("www.BBC.co.uk" → "bbc.co.uk") with the rule "off"; duplicates merge. An entry that is not a
 * hostname cannot be kept and is reported; a `blocked` that is not a list is left for repair.
 */
const v1ToV2: Migration = (stored, notes) => {
  const out: Record<string, unknown> = { ...stored, version: 2 };
  const sites = stored.sites;
  if (!isRecord(sites)) return out;
  const { blocked, ...rest } = sites;
  const rules: Record<string, SiteRule> = {};
  if (Array.isArray(blocked)) {
    blocked.forEach((h, i) => {
      if (typeof h === 'string' && isValidHost(h)) rules[siteKey(h)] = 'off';
      else notes.push(`sites.blocked[${i}]`);
    });
  } else if (blocked !== undefined) notes.push('sites.blocked');
  out.sites = { ...rest, rules: isRecord(rest.rules) ? { ...rest.rules, ...rules } : rules };
  return out;
};

/** `MIGRATIONS[n]` turns version n-1 into version n. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 2: v1ToV2 };

export interface Migrated {
  stored: Record<string, unknown>;
  from: number;
  /** Values a migration could not carry over (dotted paths in the old version's terms). */
  notes: string[];
  /** True when the store comes from a newer version of the extension: it is read, never rewritten. */
  newer: boolean;
}

/** Brings a stored object of any earlier version to the current one. */
export function migrate(stored: Record<string, unknown>): Migrated {
  const from = storedVersion(stored);
  const notes: string[] = [];
  const v = stored.version;
  if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 1))
    notes.push('version');
  if (from > SETTINGS_VERSION) return { stored, from, notes, newer: true };
  let s = stored;
  for (let v = from + 1; v <= SETTINGS_VERSION; v++) s = MIGRATIONS[v]!(s, notes);
  return { stored: { ...s, version: SETTINGS_VERSION }, from, notes, newer: false };
}

// ---------------------------------------------------------------- repair

/** Repairs one flat group field by field; `path` names fields in repair notes. */
function repairFields<T extends object>(
  raw: unknown,
  defaults: T,
  checks: { [K in keyof T]: Check<T[K]> },
  path: string,
  repaired: string[],
): T {
  if (raw === undefined) return structuredClone(defaults);
  if (!isRecord(raw)) {
    repaired.push(path);
    return structuredClone(defaults);
  }
  const out = structuredClone(defaults);
  for (const key of Object.keys(checks) as (keyof T)[]) {
    const v = raw[key as string];
    if (v === undefined) continue;
    if (checks[key](v)) out[key] = structuredClone(v);
    else repaired.push(`${path}.${String(key)}`);
  }
  return out;
}

/**
 * Turns a current-version stored object into valid settings. Unknown or corrupt values fall back
 * to their defaults one field at a time; `repaired` lists the dotted paths that were replaced.
 */
export function repairSettings(stored: Record<string, unknown>): {
  settings: Settings;
  repaired: string[];
} {
  const repaired: string[] = [];
  const d = DEFAULT_SETTINGS;
  const markingRaw = stored.marking;
  const marking = repairFields(
    markingRaw,
    d.marking,
    {
      density: oneOf(...DENSITIES),
      kinds: (v): v is Record<EntityKind, boolean> => isRecord(v),
      style: oneOf(...STYLES),
      renderer: oneOf(...RENDERERS),
      capPerPage: intIn(CAP_RANGE.min, CAP_RANGE.max),
      contextEverywhere: isBool,
    },
    'marking',
    repaired,
  );
  // Kinds are repaired one kind at a time, so one bad toggle keeps the others.
  const kindsRaw = isRecord(markingRaw) && isRecord(markingRaw.kinds) ? markingRaw.kinds : {};
  marking.kinds = { ...d.marking.kinds };
  for (const k of ENTITY_KINDS) {
    const v = kindsRaw[k];
    if (v === undefined) continue;
    if (isBool(v)) marking.kinds[k] = v;
    else repaired.push(`marking.kinds.${k}`);
  }
  const card = repairFields(
    stored.card,
    d.card,
    {
      hoverDelayMs: intIn(HOVER_DELAY_RANGE.min, HOVER_DELAY_RANGE.max),
      theme: oneOf(...THEMES),
      shortcuts: (v): v is CardShortcuts => isRecord(v),
    },
    'card',
    repaired,
  );
  // Shortcuts are repaired one at a time, so one bad key keeps the others.
  const cardRaw = stored.card;
  const shortcutsRaw =
    isRecord(cardRaw) && isRecord(cardRaw.shortcuts) ? cardRaw.shortcuts : undefined;
  card.shortcuts = { ...d.card.shortcuts };
  for (const [k, check] of [
    ['enabled', isBool],
    ['next', isShortcutSetting],
    ['previous', isShortcutSetting],
    ['count', isShortcutSetting],
  ] as const) {
    const v = shortcutsRaw?.[k];
    if (v === undefined) continue;
    if (check(v)) (card.shortcuts as unknown as Record<string, unknown>)[k] = v;
    else repaired.push(`card.shortcuts.${k}`);
  }
  const sitesRaw = stored.sites;
  const sites = repairFields(
    sitesRaw,
    d.sites,
    { mode: oneOf(...SITE_MODES), rules: (v): v is Record<string, SiteRule> => isRecord(v) },
    'sites',
    repaired,
  );
  // Rules are repaired one site at a time; a valid rule under a non-canonical key ("www.x.org")
  // moves to its site key rather than being lost.
  sites.rules = {};
  const rulesRaw = isRecord(sitesRaw) && isRecord(sitesRaw.rules) ? sitesRaw.rules : {};
  for (const [site, rule] of Object.entries(rulesRaw)) {
    if (isValidHost(site) && (rule === 'on' || rule === 'off')) {
      if (siteKey(site) !== site) repaired.push(`sites.rules.${site}`);
      sites.rules[siteKey(site)] = rule;
    } else repaired.push(`sites.rules.${site}`);
  }
  const hidden: Record<string, string[]> = {};
  if (stored.hidden !== undefined) {
    if (!isRecord(stored.hidden)) repaired.push('hidden');
    else
      for (const [host, ids] of Object.entries(stored.hidden)) {
        if (Array.isArray(ids) && ids.every((i) => typeof i === 'string')) hidden[host] = [...ids];
        else repaired.push(`hidden.${host}`);
      }
  }
  return { settings: { version: SETTINGS_VERSION, marking, card, sites, hidden }, repaired };
}

/** Migrates, then repairs: whatever is stored, of whatever version, becomes valid settings. */
export function readSettings(stored: Record<string, unknown>): {
  settings: Settings;
  repaired: string[];
  migrated: Migrated;
} {
  const migrated = migrate(stored);
  if (migrated.newer) {
    // Written by a newer version: keep what this version understands, report nothing as
    // repaired (the values may be valid there) and never write it back.
    const { settings } = repairSettings({ ...stored, version: SETTINGS_VERSION });
    return { settings, repaired: [], migrated };
  }
  const { settings, repaired } = repairSettings(migrated.stored);
  return { settings, repaired: [...migrated.notes, ...repaired], migrated };
}

// ---------------------------------------------------------------- export / import

/** Marks a JSON file as ours. */
export const EXPORT_KIND = 'context-cards-settings';

export interface SettingsFile extends Settings {
  kind: typeof EXPORT_KIND;
}

export function toExportFile(settings: Settings): SettingsFile {
  return { kind: EXPORT_KIND, ...structuredClone(settings), version: SETTINGS_VERSION };
}

export type ImportResult =
  | { ok: true; settings: Settings; repaired: string[]; from: number }
  | { ok: false; error: 'not-json' | 'not-settings' | 'newer' };

/**
 * Reads an exported settings file (of this or an earlier version): migrated and repaired like
 * stored settings, so a hand-edited file with one bad value keeps all the others.
 */
export function parseImportFile(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not-json' };
  }
  if (!isRecord(raw) || raw.kind !== EXPORT_KIND) return { ok: false, error: 'not-settings' };
  const { kind: _kind, ...stored } = raw;
  const { settings, repaired, migrated } = readSettings(stored);
  if (migrated.newer) return { ok: false, error: 'newer' };
  return { ok: true, settings, repaired, from: migrated.from };
}
