/**
 * Settings repair and storage: a corrupt or unknown value falls back to its default without
 * touching the others; only repaired areas are written back; repairs are logged for the options
 * page; a newer version's store is never rewritten; export files round-trip.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** In-memory `storage.sync` / `storage.local` with change events, as the extension sees them. */
const store = vi.hoisted(() => {
  const areas = { sync: {} as Record<string, unknown>, local: {} as Record<string, unknown> };
  const listeners: ((c: Record<string, unknown>, area: string) => void)[] = [];
  const writes: { area: string; keys: string[] }[] = [];
  const api = (name: 'sync' | 'local') => ({
    get: async (keys?: string | string[]) => {
      const list = keys === undefined ? Object.keys(areas[name]) : [keys].flat();
      return Object.fromEntries(
        list.filter((k) => k in areas[name]).map((k) => [k, structuredClone(areas[name][k])]),
      );
    },
    set: async (items: Record<string, unknown>) => {
      writes.push({ area: name, keys: Object.keys(items) });
      const changes: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: areas[name][k], newValue: v };
        areas[name][k] = structuredClone(v);
      }
      for (const l of listeners) l(changes, name);
    },
    remove: async (keys: string | string[]) => {
      for (const k of [keys].flat()) delete areas[name][k];
    },
  });
  return { areas, listeners, writes, sync: api('sync'), local: api('local') };
});

// The shared modules reach the extension API through src/shared/browser.ts.
vi.mock('../../src/shared/browser.ts', () => ({
  browser: {
    storage: {
      sync: store.sync,
      local: store.local,
      onChanged: {
        addListener: (l: (c: Record<string, unknown>, a: string) => void) =>
          store.listeners.push(l),
        removeListener: () => undefined,
      },
    },
  },
}));

const { DEFAULT_SETTINGS, parseImportFile, repairSettings, SETTINGS_VERSION, toExportFile } =
  await import('../../src/shared/settings.ts');
const { loadSettings, readRepairLog, updateSettings, clearRepairLog } =
  await import('../../src/shared/settings-store.ts');
const { examples: v001 } = await import('./settings-examples/v001.ts');

beforeEach(() => {
  store.areas.sync = {};
  store.areas.local = {};
  store.writes.length = 0;
});

describe('repairSettings', () => {
  it('gives defaults for an empty store, repairing nothing', () => {
    expect(repairSettings({})).toEqual({ settings: DEFAULT_SETTINGS, repaired: [] });
  });

  it('replaces one corrupt field and keeps every valid one', () => {
    const { settings, repaired } = repairSettings({
      marking: {
        density: 'sometimes',
        style: 'background',
        kinds: { person: 'yes', award: false },
      },
      card: { hoverDelayMs: 700, theme: 'dark' },
      sites: { mode: 'manual', rules: { 'bbc.co.uk': 'off', 'bad host': 'off', 'x.org': 'maybe' } },
    });
    expect(repaired).toEqual([
      'marking.density',
      'marking.kinds.person',
      'sites.rules.bad host',
      'sites.rules.x.org',
    ]);
    expect(settings.marking.density).toBe('first');
    expect(settings.marking.style).toBe('background');
    expect(settings.marking.kinds.person).toBe(true);
    expect(settings.marking.kinds.award).toBe(false);
    expect(settings.card).toEqual({ ...DEFAULT_SETTINGS.card, hoverDelayMs: 700, theme: 'dark' });
    expect(settings.sites).toEqual({ mode: 'manual', rules: { 'bbc.co.uk': 'off' } });
  });

  it('replaces a whole area that is not an object, and only that area', () => {
    const { settings, repaired } = repairSettings({ card: 'dark', hidden: { 'a.org': ['sim'] } });
    expect(repaired).toEqual(['card']);
    expect(settings.card).toEqual(DEFAULT_SETTINGS.card);
    expect(settings.hidden).toEqual({ 'a.org': ['sim'] });
  });

  it('rejects out-of-range numbers', () => {
    const { repaired } = repairSettings({
      card: { hoverDelayMs: -5 },
      marking: { capPerPage: 1.5 },
    });
    expect(repaired).toEqual(['marking.capPerPage', 'card.hoverDelayMs']);
  });

  it('marks related terms only where a page touches the story unless switched on, and repairs a bad value alone', () => {
    expect(DEFAULT_SETTINGS.marking.contextEverywhere).toBe(false);
    // A v2 store written before the option existed: the default, with nothing repaired.
    const before = repairSettings({ version: 2, marking: { density: 'all' } });
    expect(before.repaired).toEqual([]);
    expect(before.settings.marking.contextEverywhere).toBe(false);
    const on = repairSettings({ marking: { contextEverywhere: true, capPerPage: 20 } });
    expect(on.repaired).toEqual([]);
    expect(on.settings.marking).toMatchObject({ contextEverywhere: true, capPerPage: 20 });
    const bad = repairSettings({ marking: { contextEverywhere: 'yes', capPerPage: 20 } });
    expect(bad.repaired).toEqual(['marking.contextEverywhere']);
    expect(bad.settings.marking).toMatchObject({ contextEverywhere: false, capPerPage: 20 });
  });

  it('moves a rule stored under a www. hostname to its site', () => {
    const { settings, repaired } = repairSettings({ sites: { rules: { 'www.a.org': 'on' } } });
    expect(settings.sites.rules).toEqual({ 'a.org': 'on' });
    expect(repaired).toEqual(['sites.rules.www.a.org']);
  });
});

describe('loadSettings (storage)', () => {
  it('migrates a v1 store, writes it back at the current version and loses nothing', async () => {
    store.areas.sync = structuredClone(v001.everything!.stored);
    const { settings, repaired } = await loadSettings();
    expect(repaired).toEqual([]);
    expect(store.areas.sync.version).toBe(SETTINGS_VERSION);
    expect(store.areas.sync.sites).toEqual({ mode: 'manual', rules: { 'theguardian.com': 'off' } });
    expect(store.areas.sync.card).toEqual({
      ...DEFAULT_SETTINGS.card,
      hoverDelayMs: 650,
      theme: 'dark',
    });
    expect(settings.marking.density).toBe('off');
    // A second load finds nothing to do.
    store.writes.length = 0;
    await loadSettings();
    expect(store.writes).toEqual([]);
  });

  it('writes back only the repaired area, logs the repair and keeps unknown keys', async () => {
    store.areas.sync = {
      version: SETTINGS_VERSION,
      marking: { density: 'sometimes', style: 'background', futureField: 1 },
      card: { hoverDelayMs: 700, theme: 'light' },
      sites: { mode: 'default-list', rules: { 'bbc.co.uk': 'off' } },
    };
    const { settings } = await loadSettings();
    expect(store.writes).toEqual([
      { area: 'sync', keys: ['marking'] },
      { area: 'local', keys: ['settingsRepairs'] },
    ]);
    const marking = store.areas.sync.marking as Record<string, unknown>;
    expect(marking.density).toBe('first');
    expect(marking.style).toBe('background');
    expect(marking.futureField).toBe(1);
    expect(settings.card.hoverDelayMs).toBe(700);
    expect((await readRepairLog())?.paths).toEqual(['marking.density']);
    await clearRepairLog();
    expect(await readRepairLog()).toBeUndefined();
  });

  it('drops a corrupt site from the hidden terms when writing back, keeping the others', async () => {
    store.areas.sync = {
      version: SETTINGS_VERSION,
      hidden: { 'www.inews.co.uk': ['nhs-england'], 'www.example.org': 'oops' },
    };
    const { settings, repaired } = await loadSettings();
    expect(repaired).toEqual(['hidden.www.example.org']);
    expect(settings.hidden).toEqual({ 'www.inews.co.uk': ['nhs-england'] });
    expect(store.areas.sync.hidden).toEqual({ 'www.inews.co.uk': ['nhs-england'] });
  });

  it('leaves a fresh store untouched: a version alone would make a v1 store synced later look current', async () => {
    await loadSettings();
    expect(store.areas.sync).toEqual({});
    expect(store.writes).toEqual([]);
  });

  it('never rewrites a store written by a newer version', async () => {
    store.areas.sync = { version: SETTINGS_VERSION + 1, card: { theme: 'nebula' } };
    const { settings } = await loadSettings();
    expect(settings.card.theme).toBe('auto');
    expect(store.writes).toEqual([]);
  });

  it('updates one area from its freshest stored value', async () => {
    store.areas.sync = { version: SETTINGS_VERSION, card: { hoverDelayMs: 900, theme: 'dark' } };
    await updateSettings('card', (c) => ({ ...c, theme: 'light' }));
    expect(store.areas.sync.card).toEqual({
      ...DEFAULT_SETTINGS.card,
      hoverDelayMs: 900,
      theme: 'light',
    });
  });

  it('keeps both of two quick changes to one area (no lost update)', async () => {
    store.areas.sync = { version: SETTINGS_VERSION };
    await Promise.all([
      updateSettings('marking', (m) => ({ ...m, density: 'all' })),
      updateSettings('marking', (m) => ({ ...m, style: 'background' })),
      updateSettings('marking', (m) => ({ ...m, renderer: 'wrap' })),
    ]);
    expect(store.areas.sync.marking).toMatchObject({
      density: 'all',
      style: 'background',
      renderer: 'wrap',
    });
  });
});

describe('export and import files', () => {
  it('round-trips settings', () => {
    const s = structuredClone(DEFAULT_SETTINGS);
    s.card.theme = 'dark';
    s.sites.rules = { 'a.org': 'on' };
    const file = JSON.stringify(toExportFile(s));
    expect(parseImportFile(file)).toEqual({ ok: true, settings: s, repaired: [], from: 2 });
  });

  it('imports a v1-shaped file through the migration', () => {
    const file = JSON.stringify({
      kind: 'context-cards-settings',
      ...v001['blocked-sites']!.stored,
    });
    const r = parseImportFile(file);
    expect(r.ok && r.settings.sites.rules).toEqual({
      'bbc.co.uk': 'off',
      'news.example.org': 'off',
    });
  });

  it('repairs a bad value in a file and keeps the rest', () => {
    const file = JSON.stringify({
      kind: 'context-cards-settings',
      version: 2,
      card: { hoverDelayMs: 'slow', theme: 'dark' },
    });
    const r = parseImportFile(file);
    expect(r).toMatchObject({ ok: true, repaired: ['card.hoverDelayMs'] });
    expect(r.ok && r.settings.card).toEqual({ ...DEFAULT_SETTINGS.card, theme: 'dark' });
  });

  it('refuses what is not a settings file', () => {
    expect(parseImportFile('{')).toEqual({ ok: false, error: 'not-json' });
    expect(parseImportFile('{"marking":{}}')).toEqual({ ok: false, error: 'not-settings' });
    expect(parseImportFile('{"kind":"context-cards-settings","version":99}')).toEqual({
      ok: false,
      error: 'newer',
    });
  });
});
