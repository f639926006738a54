/**
 * Settings storage: reads, migrates, repairs and writes `storage.sync` (one key per settings area
 * plus `version`), and watches it.
 *
 * Owns: the storage I/O for settings; schema, migrations and repair rules live in `settings.ts`.
 * A migrated store is written back whole, a repaired one area by area: valid areas are never
 * rewritten, so nothing the user set is lost, and keys this version does not know (written by a
 * newer version on another device) are kept. Whoever repairs first (any tab, the background or a
 * page) records what it fixed in `storage.local`, so the options page can say so later.
 * A store written by a newer version is read but never written back.
 */
import { browser } from './browser.ts';
import {
  isRecord,
  readSettings,
  SETTINGS_AREAS,
  SETTINGS_KEYS,
  SETTINGS_VERSION,
  type Settings,
  type SettingsArea,
} from './settings.ts';

/** `storage.local` key of the last repairs, shown (and dismissed) on the options page. */
export const REPAIR_LOG_KEY = 'settingsRepairs';

export interface RepairLog {
  /** When the repair happened (ms since the epoch). */
  at: number;
  /** Dotted paths of the values that fell back to their defaults. */
  paths: string[];
}

async function logRepairs(paths: string[]): Promise<void> {
  const got = await browser.storage.local.get(REPAIR_LOG_KEY);
  const old = got[REPAIR_LOG_KEY] as RepairLog | undefined;
  const merged = [...new Set([...(old?.paths ?? []), ...paths])];
  await browser.storage.local.set({ [REPAIR_LOG_KEY]: { at: Date.now(), paths: merged } });
}

export async function readRepairLog(): Promise<RepairLog | undefined> {
  const got = await browser.storage.local.get(REPAIR_LOG_KEY);
  const log = got[REPAIR_LOG_KEY] as RepairLog | undefined;
  return log && Array.isArray(log.paths) && log.paths.length > 0 ? log : undefined;
}

export async function clearRepairLog(): Promise<void> {
  await browser.storage.local.remove(REPAIR_LOG_KEY);
}

/**
 * An area as written back: the valid settings, over any keys this version does not know. The
 * `hidden` area is a map of sites, not a record of named fields: every key in it is data, so a
 * key that failed repair is dropped, not kept.
 */
function writeBack(area: SettingsArea, raw: unknown, valid: Settings[SettingsArea]): unknown {
  return isRecord(raw) && area !== 'hidden' ? { ...raw, ...valid } : valid;
}

export async function loadSettings(): Promise<{ settings: Settings; repaired: string[] }> {
  const stored = (await browser.storage.sync.get(SETTINGS_KEYS)) as Record<string, unknown>;
  const { settings, repaired, migrated } = readSettings(stored);
  if (migrated.newer) return { settings, repaired };
  const fix: Record<string, unknown> = {};
  if (migrated.from !== SETTINGS_VERSION) {
    // A migration rewrites every area the old version had.
    for (const a of SETTINGS_AREAS)
      if (stored[a] !== undefined) fix[a] = writeBack(a, migrated.stored[a], settings[a]);
  }
  for (const path of repaired) {
    const a = path.split('.')[0] as SettingsArea;
    if (SETTINGS_AREAS.includes(a)) fix[a] = writeBack(a, migrated.stored[a], settings[a]);
  }
  // The version is written with the areas it describes, never alone: stamped on a store that holds
  // no area yet, it would make a v1 store arriving afterwards (by sync from an older install)
  // look current, and its v1 values would be dropped instead of migrated.
  if (
    stored.version !== SETTINGS_VERSION &&
    (Object.keys(fix).length > 0 || stored.version !== undefined)
  )
    fix.version = SETTINGS_VERSION;
  if (Object.keys(fix).length > 0) await browser.storage.sync.set(fix);
  if (repaired.length > 0) await logRepairs(repaired);
  return { settings, repaired };
}

/** Writes areas of current-version settings, and the version they are written in. */
export async function saveSettings(patch: Partial<Pick<Settings, SettingsArea>>): Promise<void> {
  await browser.storage.sync.set({ ...patch, version: SETTINGS_VERSION });
}

/** This page's changes, one at a time (see `updateSettings`). */
let updates: Promise<unknown> = Promise.resolve();

/**
 * Changes one area from its freshest stored value (not from a copy a page loaded minutes ago), so
 * two pages editing different fields of the same area do not undo each other; a page's changes
 * run one after another, so two quick clicks never read the area before the other has saved.
 */
export function updateSettings<A extends SettingsArea>(
  area: A,
  change: (current: Settings[A]) => Settings[A],
): Promise<Settings> {
  const run = updates.then(async () => {
    const { settings } = await loadSettings();
    const next = { ...settings, [area]: change(structuredClone(settings[area])) };
    await saveSettings({ [area]: next[area] } as Partial<Pick<Settings, SettingsArea>>);
    return next;
  });
  updates = run.catch(() => undefined);
  return run;
}

/** Replaces every area (settings import). */
export async function replaceSettings(settings: Settings): Promise<void> {
  const all: Record<string, unknown> = { version: SETTINGS_VERSION };
  for (const a of SETTINGS_AREAS) all[a] = settings[a];
  await browser.storage.sync.set(all);
}

/** Calls `listener` with fresh settings whenever any settings area changes. Returns a stop function. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !SETTINGS_AREAS.some((k) => k in changes)) return;
    void loadSettings().then(({ settings }) => listener(settings));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
