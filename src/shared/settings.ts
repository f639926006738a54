/**
 * Settings: schema, defaults, repair and storage.
 *
 * Owns: the shape of user settings, their defaults, and the rule that a corrupt or unknown value
 * falls back to its default *without* touching the valid ones (each repair is reported so the
 * options page can say what it fixed). Settings live in `storage.sync` under one key per area.
 * Never: touches the DOM or knows about pages.
 */
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema.ts';
import { isShortcutSetting } from './shortcuts.ts';

export const SETTINGS_VERSION = 1;

export type Density = 'first' | 'all' | 'off';
export type HighlightStyle = 'underline' | 'background' | 'none';
export type Renderer = 'highlight' | 'wrap';
export type Theme = 'auto' | 'light' | 'dark';
export type SiteMode = 'default-list' | 'allowed' | 'manual';

export interface Settings {
  version: number;
  marking: {
    density: Density;
    kinds: Record<EntityKind, boolean>;
    style: HighlightStyle;
    renderer: Renderer;
    /** Most mentions marked on one page. */
    capPerPage: number;
  };
  card: {
    hoverDelayMs: number;
    theme: Theme;
    shortcuts: CardShortcuts;
  };
  sites: {
    mode: SiteMode;
    /** Hostnames where the extension never runs. */
    blocked: string[];
  };
  /** Terms hidden per site: hostname → entity ids. */
  hidden: Record<string, string[]>;
}

/**
 * The in-page keys for moving through mentions (`shared/shortcuts.ts` syntax; "" turns one off).
 * The same actions are also browser `commands`, bound in the browser's own shortcuts page;
 * `enabled: false` turns both off.
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
  sites: { mode: 'default-list', blocked: [] },
  hidden: {},
};

export type SettingsArea = Exclude<keyof Settings, 'version'>;
export const SETTINGS_AREAS: SettingsArea[] = ['marking', 'card', 'sites', 'hidden'];

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
const hostList: Check<string[]> = (v): v is string[] =>
  Array.isArray(v) && v.every((h) => typeof h === 'string' && /^[a-z0-9.-]+$/i.test(h));
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

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
 * Turns whatever is stored into valid settings. Unknown or corrupt values fall back to their
 * defaults one field at a time; `repaired` lists the dotted paths that were replaced.
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
      density: oneOf<Density>('first', 'all', 'off'),
      kinds: (v): v is Record<EntityKind, boolean> => isRecord(v),
      style: oneOf<HighlightStyle>('underline', 'background', 'none'),
      renderer: oneOf<Renderer>('highlight', 'wrap'),
      capPerPage: intIn(1, 100000),
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
      hoverDelayMs: intIn(0, 5000),
      theme: oneOf<Theme>('auto', 'light', 'dark'),
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
  const sites = repairFields(
    stored.sites,
    d.sites,
    { mode: oneOf<SiteMode>('default-list', 'allowed', 'manual'), blocked: hostList },
    'sites',
    repaired,
  );
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
