/**
 * Card text helpers: labels for kinds and evidence, and readable dates. Pure.
 */
import type { DateOrRange, EntityKind, EvidenceLabel } from '../dataset/schema.ts';

export const KIND_LABEL: Record<EntityKind, string> = {
  programme: 'Programme',
  organisation: 'Organisation',
  campaign: 'Campaign',
  person: 'Person',
  role: 'Role',
  'legal-power': 'Legal power',
  'law-or-guidance': 'Law or guidance',
  publication: 'Publication',
  award: 'Award',
  event: 'Event',
  concept: 'Concept',
};

export const EVIDENCE_LABEL: Record<EvidenceLabel, string> = {
  'primary-document': 'Primary document',
  'official-statement': 'Official statement',
  'professional-body-statement': 'Professional body statement',
  'independent-review': 'Independent review',
  'academic-paper': 'Academic paper',
  journalism: 'Journalism',
  'campaign-statement': 'Campaign statement',
  'promoter-claim': 'Promoter claim',
  'personal-account': 'Personal account / blog',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDate(d: string): string {
  if (d === 'undated') return 'undated';
  const [y, m, day] = d.split('-');
  if (!m) return y!;
  const month = MONTHS[Number(m) - 1]!;
  return day ? `${Number(day)} ${month} ${y}` : `${month} ${y}`;
}

export function formatDateOrRange(d: DateOrRange): string {
  if (typeof d === 'string') return formatDate(d);
  return d.to ? `${formatDate(d.from)} – ${formatDate(d.to)}` : `${formatDate(d.from)} onwards`;
}
