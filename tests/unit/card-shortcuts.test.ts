import { describe, expect, it } from 'vitest';
import { repairSettings, DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import {
  isShortcutSetting,
  matchesShortcut,
  parseShortcut,
  shortcutFromEvent,
} from '../../src/shared/shortcuts.ts';

const key = (
  code: string,
  mods: Partial<Record<'ctrl' | 'alt' | 'shift' | 'meta', boolean>> = {},
) => ({
  code,
  ctrlKey: !!mods.ctrl,
  altKey: !!mods.alt,
  shiftKey: !!mods.shift,
  metaKey: !!mods.meta,
});

describe('card shortcuts', () => {
  it('parses the manifest syntax into physical key codes', () => {
    expect(parseShortcut('Alt+Shift+Period')).toEqual({
      ctrl: false,
      alt: true,
      shift: true,
      meta: false,
      code: 'Period',
    });
    expect(parseShortcut('Ctrl+K')?.code).toBe('KeyK');
    expect(parseShortcut('Alt+7')?.code).toBe('Digit7');
    expect(parseShortcut('Command+Shift+Up')).toMatchObject({ meta: true, code: 'ArrowUp' });
    expect(parseShortcut('MacCtrl+F5')).toMatchObject({ ctrl: true, code: 'F5' });
  });

  it('rejects shortcuts that would steal typing or are not keys', () => {
    for (const bad of [
      '',
      'Period',
      'Shift+Period',
      'Alt+Alt+K',
      'Alt+Hyper+K',
      'Alt+Shift+',
      'Alt+é',
    ])
      expect(parseShortcut(bad), bad).toBeUndefined();
    expect(isShortcutSetting('')).toBe(true); // off
    expect(isShortcutSetting('Shift+K')).toBe(false);
    expect(isShortcutSetting(42)).toBe(false);
  });

  it('matches by code and exact modifiers', () => {
    const s = parseShortcut('Alt+Shift+Comma');
    expect(matchesShortcut(key('Comma', { alt: true, shift: true }), s)).toBe(true);
    expect(matchesShortcut(key('Comma', { alt: true }), s)).toBe(false);
    expect(matchesShortcut(key('Comma', { alt: true, shift: true, ctrl: true }), s)).toBe(false);
    expect(matchesShortcut(key('Period', { alt: true, shift: true }), s)).toBe(false);
    expect(matchesShortcut(key('Comma', { alt: true, shift: true }), undefined)).toBe(false);
  });

  it('records a shortcut from a key press, round-tripping through parse', () => {
    expect(shortcutFromEvent(key('Period', { alt: true, shift: true }))).toBe('Alt+Shift+Period');
    expect(shortcutFromEvent(key('KeyJ', { ctrl: true }))).toBe('Ctrl+J');
    expect(shortcutFromEvent(key('KeyJ', { shift: true }))).toBeUndefined();
    expect(shortcutFromEvent(key('Backquote', { alt: true }))).toBeUndefined();
  });

  it('settings: defaults, and a bad shortcut falls back alone', () => {
    expect(DEFAULT_SETTINGS.card.shortcuts).toEqual({
      enabled: true,
      next: 'Alt+Shift+Period',
      previous: 'Alt+Shift+Comma',
      count: 'Alt+Shift+Slash',
    });
    const { settings, repaired } = repairSettings({
      card: {
        theme: 'dark',
        shortcuts: { enabled: false, next: 'Shift+X', previous: '', count: 'Ctrl+Alt+C' },
      },
    });
    expect(settings.card.theme).toBe('dark');
    expect(settings.card.shortcuts).toEqual({
      enabled: false,
      next: 'Alt+Shift+Period',
      previous: '',
      count: 'Ctrl+Alt+C',
    });
    expect(repaired).toEqual(['card.shortcuts.next']);
    expect(repairSettings({ card: { shortcuts: 'x' } }).repaired).toEqual(['card.shortcuts']);
    expect(repairSettings({ card: { hoverDelayMs: 100 } }).settings.card.shortcuts).toEqual(
      DEFAULT_SETTINGS.card.shortcuts,
    );
  });
});
