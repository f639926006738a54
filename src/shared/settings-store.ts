/**
 * Settings storage: reads and writes `storage.sync` (one key per settings area) and watches it.
 *
 * Owns: the storage I/O for settings; repair rules live in `settings.ts`. A repaired area is
 * written back so the fix sticks, and only the repaired areas are written: valid ones are never
 * rewritten, so nothing the user set is lost.
 */
import browser from 'webextension-polyfill';
import { repairSettings, SETTINGS_AREAS, type Settings, type SettingsArea } from './settings.ts';

export async function loadSettings(): Promise<{ settings: Settings; repaired: string[] }> {
  const stored = (await browser.storage.sync.get(SETTINGS_AREAS)) as Record<string, unknown>;
  const result = repairSettings(stored);
  if (result.repaired.length > 0) {
    const areas = new Set(result.repaired.map((p) => p.split('.')[0] as SettingsArea));
    const fix: Record<string, unknown> = {};
    for (const a of areas) fix[a] = result.settings[a];
    await browser.storage.sync.set(fix);
  }
  return result;
}

export async function saveSettings(patch: Partial<Pick<Settings, SettingsArea>>): Promise<void> {
  await browser.storage.sync.set(patch);
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
