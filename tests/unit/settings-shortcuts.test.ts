/**
 * The in-page keys as the options page edits them: recording a key press, refusing what cannot
 * work (no Ctrl, Alt or Command; a key another action has), showing them, and a round trip of
 * every edit through settings repair.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, repairSettings } from '../../src/shared/settings.ts';
import {
  checkPageKeys,
  displayShortcut,
  recordShortcut,
  isShortcutSetting,
} from '../../src/shared/shortcuts.ts';

const press = (
  code: string,
  mods: Partial<Record<'ctrl' | 'alt' | 'shift' | 'meta', boolean>> = {},
) => ({
  code,
  ctrlKey: !!mods.ctrl,
  altKey: !!mods.alt,
  shiftKey: !!mods.shift,
  metaKey: !!mods.meta,
});
const keys = DEFAULT_SETTINGS.card.shortcuts;

describe('recording an in-page key', () => {
  it('gives the shortcut string for a valid chord', () => {
    expect(recordShortcut(press('KeyJ', { alt: true, shift: true }))).toEqual({
      shortcut: 'Alt+Shift+J',
    });
    expect(recordShortcut(press('Slash', { ctrl: true }))).toEqual({ shortcut: 'Ctrl+Slash' });
  });

  it('waits while only modifiers are held', () => {
    expect(recordShortcut(press('AltLeft', { alt: true }))).toEqual({ pending: true });
    expect(recordShortcut(press('ShiftRight', { shift: true }))).toEqual({ pending: true });
  });

  it('refuses a key without Ctrl, Alt or Command, and a key it cannot name', () => {
    expect(recordShortcut(press('KeyJ'))).toEqual({ error: 'modifier' });
    expect(recordShortcut(press('KeyJ', { shift: true }))).toEqual({ error: 'modifier' });
    expect(recordShortcut(press('Semicolon', { alt: true }))).toEqual({ error: 'key' });
    // A real KeyboardEvent (its fields are getters on the prototype) reads the same.
    const real = Object.create(
      Object.fromEntries(Object.entries(press('KeyJ', { shift: true })).map(([k, v]) => [k, v])),
    ) as ReturnType<typeof press>;
    expect(recordShortcut(real)).toEqual({ error: 'modifier' });
  });
});

describe('checking the in-page keys', () => {
  it('accepts the defaults and keys turned off', () => {
    expect(checkPageKeys(keys)).toEqual({});
    expect(checkPageKeys({ ...keys, next: '', previous: '' })).toEqual({});
  });

  it('marks the second of two equal keys, and an invalid one', () => {
    expect(checkPageKeys({ ...keys, count: keys.next })).toEqual({ count: 'duplicate' });
    // The same chord written with MacCtrl is the same key as Ctrl.
    expect(checkPageKeys({ ...keys, next: 'Ctrl+J', previous: 'MacCtrl+J' })).toEqual({
      previous: 'duplicate',
    });
    expect(checkPageKeys({ ...keys, count: 'Shift+J' })).toEqual({ count: 'invalid' });
  });

  it('shows punctuation keys as their symbols', () => {
    expect(displayShortcut('Alt+Shift+Period')).toBe('Alt+Shift+.');
    expect(displayShortcut('Alt+Shift+Comma')).toBe('Alt+Shift+,');
    expect(displayShortcut('Ctrl+Slash')).toBe('Ctrl+/');
    expect(displayShortcut('Alt+K')).toBe('Alt+K');
  });

  it('round-trips every edit the options make through settings repair', () => {
    const edited = { enabled: false, next: 'Alt+Shift+J', previous: '', count: 'Ctrl+Slash' };
    for (const v of Object.values(edited))
      if (typeof v === 'string') expect(isShortcutSetting(v)).toBe(true);
    const { settings, repaired } = repairSettings({
      version: 2,
      card: { ...DEFAULT_SETTINGS.card, shortcuts: edited },
    });
    expect(repaired).toEqual([]);
    expect(settings.card.shortcuts).toEqual(edited);
  });
});
