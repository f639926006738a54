/**
 * Labels for every UI (card, popup, glossary, options): entity kinds, evidence labels and dates,
 * all from `_locales` or `Intl` in the browser's UI language (no text written here).
 *
 * Owns: mapping closed vocabularies to message keys. Never: touches the DOM.
 */
import { browser } from './browser.ts';
import type { DateOrRange, EntityKind, EvidenceLabel } from '../dataset/schema.ts';
import { t, type MessageKey } from './i18n.ts';

/** Message keys may not contain '-': "legal-power" → "kind_legal_power". */
const keyOf = (prefix: string, value: string) =>
  `${prefix}_${value.replace(/-/g, '_')}` as MessageKey;

export const kindLabel = (kind: EntityKind): string => t(keyOf('kind', kind));
export const kindPluralLabel = (kind: EntityKind): string => t(keyOf('kinds', kind));
export const evidenceLabel = (e: EvidenceLabel): string => t(keyOf('evidence', e));

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** Made once: a card formats dozens of dates, and building a formatter is the costly part. */
let formats: { day: Intl.DateTimeFormat; month: Intl.DateTimeFormat } | undefined;

/** "2021", "May 2021" or "11 May 2021", from a partial ISO date; "undated" stays a word. */
export function formatDate(d: string): string {
  if (d === 'undated') return t('dateUndated');
  const [y, m, day] = d.split('-').map(Number) as [number, number?, number?];
  if (!m) return String(y);
  const month = { timeZone: 'UTC', year: 'numeric', month: 'short' } as const;
  // The UI language is asked once, with the formatters: each call to the browser costs.
  formats ??= {
    day: new Intl.DateTimeFormat(uiLanguage(), { ...month, day: 'numeric' }),
    month: new Intl.DateTimeFormat(uiLanguage(), month),
  };
  return (day ? formats.day : formats.month).format(new Date(Date.UTC(y, m - 1, day ?? 1)));
}

export function formatDateOrRange(d: DateOrRange): string {
  if (typeof d === 'string') return formatDate(d);
  return d.to
    ? t('dateRange', [formatDate(d.from), formatDate(d.to)])
    : t('dateFrom', formatDate(d.from));
}

/** Sort key of a date or range: its start, padded so "2021" sorts before "2021-05". */
export function dateSortKey(d: DateOrRange): string {
  const from = typeof d === 'string' ? d : d.from;
  return from === 'undated' ? '9999' : from;
}
