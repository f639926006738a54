/**
 * Keyboard shortcuts for moving through mentions, written in the same syntax as the manifest's
 * `commands` ("Alt+Shift+Period"), so one string can be shown beside the browser's own binding.
 *
 * Owns: parsing, validating and matching shortcut strings against `KeyboardEvent`s, and recording
 * one from an event (for the options page). Matching uses `KeyboardEvent.code`, not `key`: with Alt
 * held, macOS turns "." into "≥", and `key` follows the layout while `code` names the physical key.
 * Never: touches the DOM or storage.
 */

/** Card commands, as named in the manifest's `commands` and relayed by the background. */
export const CARD_COMMANDS = ['next-mention', 'previous-mention', 'announce-count'] as const;
export type CardCommand = (typeof CARD_COMMANDS)[number];

export function isCardCommand(v: unknown): v is CardCommand {
  return typeof v === 'string' && (CARD_COMMANDS as readonly string[]).includes(v);
}

/** The in-page key for each command, as stored in `settings.card.shortcuts`. */
export const SHORTCUT_FOR: Record<CardCommand, 'next' | 'previous' | 'count'> = {
  'next-mention': 'next',
  'previous-mention': 'previous',
  'announce-count': 'count',
};

export interface ParsedShortcut {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  /** `KeyboardEvent.code` of the key. */
  code: string;
}

const NAMED: Record<string, string> = {
  Comma: 'Comma',
  Period: 'Period',
  Slash: 'Slash',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Space: 'Space',
  Insert: 'Insert',
  Delete: 'Delete',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
};
const MODIFIERS = new Set(['Ctrl', 'Alt', 'Shift', 'Command', 'MacCtrl']);

function codeOf(key: string): string | undefined {
  if (/^[A-Z]$/.test(key)) return `Key${key}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  if (/^F([1-9]|1[0-2])$/.test(key)) return key;
  return NAMED[key];
}

/**
 * Parses "Alt+Shift+Period". A shortcut needs Ctrl, Alt, Command or MacCtrl: Shift alone would
 * steal ordinary typing. Returns undefined for anything else (including the empty string, which
 * means "off").
 */
export function parseShortcut(s: string): ParsedShortcut | undefined {
  const parts = s.split('+').map((p) => p.trim());
  const key = parts.pop();
  if (!key || parts.length === 0 || new Set(parts).size !== parts.length) return undefined;
  if (!parts.every((p) => MODIFIERS.has(p))) return undefined;
  const code = codeOf(key);
  if (!code) return undefined;
  const has = (m: string) => parts.includes(m);
  const parsed = {
    ctrl: has('Ctrl') || has('MacCtrl'),
    alt: has('Alt'),
    shift: has('Shift'),
    meta: has('Command'),
    code,
  };
  if (!parsed.ctrl && !parsed.alt && !parsed.meta) return undefined;
  return parsed;
}

/** True for a valid shortcut or the empty string (off). */
export function isShortcutSetting(v: unknown): v is string {
  return typeof v === 'string' && (v === '' || parseShortcut(v) !== undefined);
}

type KeyLike = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>;

export function matchesShortcut(e: KeyLike, s: ParsedShortcut | undefined): boolean {
  return (
    !!s &&
    e.code === s.code &&
    e.ctrlKey === s.ctrl &&
    e.altKey === s.alt &&
    e.shiftKey === s.shift &&
    e.metaKey === s.meta
  );
}

/** The shortcut string for a key press (options page: "press the new shortcut"), if valid. */
export function shortcutFromEvent(e: KeyLike): string | undefined {
  const key =
    Object.entries(NAMED).find(([, code]) => code === e.code)?.[0] ??
    e.code.match(/^Key([A-Z])$/)?.[1] ??
    e.code.match(/^Digit([0-9])$/)?.[1] ??
    e.code.match(/^(F(?:[1-9]|1[0-2]))$/)?.[1];
  if (!key) return undefined;
  const mods = [
    e.ctrlKey && 'Ctrl',
    e.altKey && 'Alt',
    e.metaKey && 'Command',
    e.shiftKey && 'Shift',
  ];
  const s = [...mods.filter(Boolean), key].join('+');
  return parseShortcut(s) ? s : undefined;
}
