/**
 * Names, in words, for the settings a repair reset (the dotted paths `settings.ts` reports).
 */
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { kindPluralLabel } from '../shared/labels.ts';

const FIXED: Record<string, MessageKey> = {
  version: 'repairVersion',
  marking: 'sectionMarking',
  'marking.density': 'optDensity',
  'marking.kinds': 'optKinds',
  'marking.style': 'optStyle',
  'marking.renderer': 'optRenderer',
  'marking.capPerPage': 'optCap',
  card: 'sectionCards',
  'card.hoverDelayMs': 'optHoverDelay',
  'card.theme': 'optTheme',
  sites: 'sectionSites',
  'sites.mode': 'optMode',
  'sites.rules': 'repairRules',
  'sites.blocked': 'repairBlockedList',
  hidden: 'repairHidden',
};

export function repairLabel(path: string): string {
  const fixed = FIXED[path];
  if (fixed) return t(fixed);
  let m = /^marking\.kinds\.(.+)$/.exec(path);
  if (m && (ENTITY_KINDS as readonly string[]).includes(m[1]!))
    return t('repairKind', kindPluralLabel(m[1] as EntityKind));
  if ((m = /^sites\.rules\.(.+)$/.exec(path))) return t('repairRule', m[1]!);
  if ((m = /^sites\.blocked\[(\d+)\]$/.exec(path)))
    return t('repairBlockedEntry', String(Number(m[1]) + 1));
  if ((m = /^hidden\.(.+)$/.exec(path))) return t('repairHiddenSite', m[1]!);
  return path;
}
