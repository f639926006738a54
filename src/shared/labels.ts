/**
 * Labels for every UI (card, popup, glossary, options): entity kinds, evidence labels and what
 * each means (the legend), and dates, including a fact's "as of", all from `_locales` or `Intl`
 * in the browser's UI language (no text written here).
 *
 * Owns: mapping closed vocabularies to message keys; the one place dates are formatted.
 * Never: touches the DOM.
 */
import { browser } from './browser.ts';
import {
  EVIDENCE_LABELS,
  type DateOrRange,
  type EntityKind,
  type EvidenceLabel,
  type Fact,
} from '../dataset/schema.ts';
import { t, type MessageKey } from './i18n.ts';

/** Message keys may not contain '-': "legal-power" → "kind_legal_power". */
const keyOf = (prefix: string, value: string) =>
  `${prefix}_${value.replace(/-/g, '_')}` as MessageKey;

export const kindLabel = (kind: EntityKind): string => t(keyOf('kind', kind));
export const kindPluralLabel = (kind: EntityKind): string => t(keyOf('kinds', kind));
export const evidenceLabel = (e: EvidenceLabel): string => t(keyOf('evidence', e));
/** What kind of source a label stands for, in one sentence (it is a kind, not a grade). */
export const evidenceDescription = (e: EvidenceLabel): string => t(keyOf('evidenceHelp', e));

export interface LegendEntry {
  label: EvidenceLabel;
  name: string;
  description: string;
}

/** The evidence legend: every label with what it means, in the schema's order. */
export function evidenceLegend(): { title: string; intro: string; entries: LegendEntry[] } {
  return {
    title: t('evidenceLegendTitle'),
    intro: t('evidenceLegendIntro'),
    entries: EVIDENCE_LABELS.map((label) => ({
      label,
      name: evidenceLabel(label),
      description: evidenceDescription(label),
    })),
  };
}

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** Made once per month style: a card formats dozens of dates, and a formatter is the costly part. */
const formats: Partial<
  Record<'short' | 'long', { day: Intl.DateTimeFormat; month: Intl.DateTimeFormat }>
> = {};

/**
 * "2021", "May 2021" or "11 May 2021", from a partial ISO date; "undated" stays a word. Months
 * are short ("Mar") in lists of dates, long ("March") in running text such as "as of March 2024".
 */
export function formatDate(d: string, months: 'short' | 'long' = 'short'): string {
  if (d === 'undated') return t('dateUndated');
  const [y, m, day] = d.split('-').map(Number) as [number, number?, number?];
  if (!m) return String(y);
  const lang = uiLanguage();
  const month = { timeZone: 'UTC', year: 'numeric', month: months } as const;
  const f = (formats[months] ??= {
    day: new Intl.DateTimeFormat(lang, { ...month, day: 'numeric' }),
    month: new Intl.DateTimeFormat(lang, month),
  });
  return (day ? f.day : f.month).format(new Date(Date.UTC(y, m - 1, day ?? 1)));
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

/**
 * When a fact held, as shown beside it: a state (a role, a position, a count) says "as of" the
 * date of its newest source; an event, or a fact without a type, shows its date.
 */
export function factDate(f: Pick<Fact, 'type' | 'date' | 'asOf'>): string | undefined {
  if (f.type === 'state' && f.asOf) return t('dateAsOf', formatDate(f.asOf, 'long'));
  return f.date ? formatDateOrRange(f.date) : undefined;
}

/** Sort key of a fact: its date, or for a state its "as of"; undated facts sort last. */
export function factSortKey(f: Pick<Fact, 'type' | 'date' | 'asOf'>): string {
  if (f.type === 'state' && f.asOf) return f.asOf;
  return f.date ? dateSortKey(f.date) : '9999';
}
