/**
 * Card text helpers: labels for kinds and evidence, and readable dates. Every word comes from
 * `_locales` through `t()`; dates are formatted by `Intl` in the browser's UI language.
 *
 * Owns: turning dataset vocabularies and partial ISO dates into reader-facing text.
 * Never: touches the DOM. (The popup and glossary use `KIND_LABEL` too.)
 */
import browser from 'webextension-polyfill';
import type { DateOrRange, EntityKind, EvidenceLabel } from '../dataset/schema.ts';
import { t, type MessageKey } from '../shared/i18n.ts';

const KIND_KEY: Record<EntityKind, MessageKey> = {
  programme: 'kindProgramme',
  organisation: 'kindOrganisation',
  campaign: 'kindCampaign',
  person: 'kindPerson',
  role: 'kindRole',
  'legal-power': 'kindLegalPower',
  'law-or-guidance': 'kindLawOrGuidance',
  publication: 'kindPublication',
  award: 'kindAward',
  event: 'kindEvent',
  concept: 'kindConcept',
};

const EVIDENCE_KEY: Record<EvidenceLabel, MessageKey> = {
  'primary-document': 'evidencePrimaryDocument',
  'official-statement': 'evidenceOfficialStatement',
  'professional-body-statement': 'evidenceProfessionalBodyStatement',
  'independent-review': 'evidenceIndependentReview',
  'academic-paper': 'evidenceAcademicPaper',
  journalism: 'evidenceJournalism',
  'campaign-statement': 'evidenceCampaignStatement',
  'promoter-claim': 'evidencePromoterClaim',
  'personal-account': 'evidencePersonalAccount',
};

const labels = <K extends string>(keys: Record<K, MessageKey>) =>
  Object.fromEntries(Object.entries(keys).map(([k, key]) => [k, t(key as MessageKey)])) as Record<
    K,
    string
  >;

export const KIND_LABEL: Record<EntityKind, string> = labels(KIND_KEY);
export const EVIDENCE_LABEL: Record<EvidenceLabel, string> = labels(EVIDENCE_KEY);

let formats: { day: Intl.DateTimeFormat; month: Intl.DateTimeFormat } | undefined;

function uiLocale(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return undefined;
  }
}

/** "2021-05-11" → "11 May 2021"; "2021-05" → "May 2021"; "2021" → "2021". */
export function formatDate(d: string): string {
  if (d === 'undated') return t('dateUndated');
  const [y, m, day] = d.split('-').map(Number) as [number, number?, number?];
  if (!m) return String(y);
  formats ??= {
    day: new Intl.DateTimeFormat(uiLocale(), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }),
    month: new Intl.DateTimeFormat(uiLocale(), {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }),
  };
  const date = new Date(Date.UTC(y, m - 1, day ?? 1));
  return (day ? formats.day : formats.month).format(date);
}

export function formatDateOrRange(d: DateOrRange): string {
  if (typeof d === 'string') return formatDate(d);
  return d.to
    ? t('dateRange', [formatDate(d.from), formatDate(d.to)])
    : t('dateOnwards', formatDate(d.from));
}
