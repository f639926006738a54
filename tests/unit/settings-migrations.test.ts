/**
 * Every schema version has examples (`settings-examples/v00N.ts`); migrating each series of
 * version N-1 must give the same series of version N, and the latest examples must be valid.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MIGRATIONS,
  migrate,
  readSettings,
  SETTINGS_VERSION,
} from '../../src/shared/settings.ts';
import type { Examples } from './settings-examples/types.ts';
import { examples as v001 } from './settings-examples/v001.ts';
import { examples as v002 } from './settings-examples/v002.ts';

const BY_VERSION: Record<number, Examples> = { 1: v001, 2: v002 };

describe('settings migrations', () => {
  it('has examples and a migration for every version up to the current one', () => {
    expect(Math.max(...Object.keys(BY_VERSION).map(Number))).toBe(SETTINGS_VERSION);
    for (let v = 2; v <= SETTINGS_VERSION; v++) expect(typeof MIGRATIONS[v]).toBe('function');
  });

  for (let to = 2; to <= SETTINGS_VERSION; to++) {
    const from = to - 1;
    for (const [series, old] of Object.entries(BY_VERSION[from]!)) {
      const next = BY_VERSION[to]![series];
      if (!next) continue;
      it(`v${from} → v${to} [${series}]: ${next.description}`, () => {
        const notes: string[] = [];
        expect(MIGRATIONS[to]!(structuredClone(old.stored), notes)).toEqual(next.stored);
        expect(notes).toEqual(next.notes ?? []);
      });
    }
  }

  it('migrates the oldest examples all the way, and the result reads without repairs', () => {
    for (const [series, old] of Object.entries(v001)) {
      const latest = BY_VERSION[SETTINGS_VERSION]![series];
      if (!latest) continue;
      const m = migrate(structuredClone(old.stored));
      expect(m.from).toBe(1);
      expect(m.stored).toEqual(latest.stored);
    }
  });

  it('reads every latest example as valid settings (nothing repaired)', () => {
    for (const s of Object.values(BY_VERSION[SETTINGS_VERSION]!)) {
      expect(readSettings(s.stored).repaired).toEqual([]);
    }
  });

  it('keeps every v1 value the new schema has a place for (no loss)', () => {
    const { settings } = readSettings(structuredClone(v001.everything!.stored));
    const old = v001.everything!.stored as Record<string, Record<string, unknown>>;
    // v1 values survive; fields added since (the card shortcuts, marking related terms
    // everywhere) take their defaults.
    expect(settings.marking).toEqual({ ...old.marking, contextEverywhere: false });
    expect(settings.card).toEqual({ ...DEFAULT_SETTINGS.card, ...old.card });
    expect(settings.hidden).toEqual(old.hidden);
    expect(settings.sites.mode).toBe('manual');
    expect(settings.sites.rules).toEqual({ 'theguardian.com': 'off' });
  });

  it('treats an empty store as current and a store from a newer version as read-only', () => {
    expect(migrate({}).from).toBe(SETTINGS_VERSION);
    const newer = migrate({ version: SETTINGS_VERSION + 1, card: { theme: 'dark' } });
    expect(newer.newer).toBe(true);
    const read = readSettings({ version: SETTINGS_VERSION + 1, card: { theme: 'dark', x: 1 } });
    expect(read.settings.card.theme).toBe('dark');
    expect(read.repaired).toEqual([]);
  });

  it('reports a corrupt version and migrates as v1', () => {
    const m = migrate({ version: 'two', sites: { mode: 'manual', blocked: ['a.org'] } });
    expect(m.from).toBe(1);
    expect(m.notes).toEqual(['version']);
    expect(m.stored.sites).toEqual({ mode: 'manual', rules: { 'a.org': 'off' } });
  });
});
