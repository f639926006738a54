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

/** The in-page keys' names in `settings.card.shortcuts`, in the order the options show them. */
export const PAGE_KEYS = ['next', 'previous', 'count'] as const;
export type PageKey = (typeof PAGE_KEYS)[number];

/** The in-page key for each command, as stored in `settings.card.shortcuts`. */
export const SHORTCUT_FOR: Record<CardCommand, PageKey> = {
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

/** What a key press in a shortcut field gives: a shortcut, nothing yet, or why it is refused. */
export type Recorded =
  | { shortcut: string }
  /** Only modifiers so far: wait for the main key. */
  | { pending: true }
  /** A main key without Ctrl, Alt or Command (it would steal typing), or a key we cannot name. */
  | { error: 'modifier' | 'key' };

const MODIFIER_CODES = /^(Shift|Control|Alt|Meta|OS)(Left|Right)?$/;

/** Reads a key press in a shortcut field (options page). */
export function recordShortcut(e: KeyLike): Recorded {
  if (MODIFIER_CODES.test(e.code)) return { pending: true };
  const shortcut = shortcutFromEvent(e);
  if (shortcut) return { shortcut };
  // Copied field by field: a KeyboardEvent's fields are getters that a spread does not copy.
  const { code, ctrlKey, shiftKey, metaKey } = e;
  const named = shortcutFromEvent({ code, ctrlKey, shiftKey, metaKey, altKey: true });
  return { error: named ? 'modifier' : 'key' };
}

/**
 * Problems with a set of in-page keys, per key: one that is not a valid shortcut, or the same as
 * another (the first of two keeps it). An empty object when all can be saved; "" (off) is fine.
 */
export function checkPageKeys(
  keys: Readonly<Record<PageKey, string>>,
): Partial<Record<PageKey, 'invalid' | 'duplicate'>> {
  const out: Partial<Record<PageKey, 'invalid' | 'duplicate'>> = {};
  const seen = new Set<string>();
  for (const k of PAGE_KEYS) {
    const v = keys[k];
    if (v === '') continue;
    const p = parseShortcut(v);
    if (!p) {
      out[k] = 'invalid';
      continue;
    }
    const id = `${p.ctrl}${p.alt}${p.shift}${p.meta}${p.code}`;
    if (seen.has(id)) out[k] = 'duplicate';
    seen.add(id);
  }
  return out;
}

const SYMBOLS: Record<string, string> = { Period: '.', Comma: ',', Slash: '/' };

/** A shortcut as a reader knows it: "Alt+Shift+." for "Alt+Shift+Period". */
export function displayShortcut(s: string): string {
  return s
    .split('+')
    .map((p) => SYMBOLS[p] ?? p)
    .join('+');
}
