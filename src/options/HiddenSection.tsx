/**
 * Hidden terms, for every site: what "Hide this term on this site" on a card has hidden, each with
 * Show, and each site with "Show all". A term shown again is marked at once on open pages (they
 * restart on a settings change).
 *
 * Owns: this list in the options. Never: hides a term (the card does).
 */
import entries from 'virtual:cc-entries';
import { t } from '../shared/i18n.ts';
import type { Settings } from '../shared/settings.ts';
import { Section } from './controls.tsx';
import { hiddenSites, showAll, showTerm } from './hidden.ts';

const names = new Map(entries.map((e) => [e.id, e.name]));
const nameOf = (id: string) => names.get(id) ?? id;

type Hidden = Settings['hidden'];

export function HiddenSection({
  hidden,
  save,
}: {
  hidden: Hidden;
  save: (change: (h: Hidden) => Hidden) => Promise<void>;
}) {
  const sites = hiddenSites(hidden);
  return (
    <Section id="hidden" title={t('sectionHidden')}>
      <p class="hint">{t('hiddenHint')}</p>
      {sites.length === 0 ? <p class="muted">{t('hiddenNone')}</p> : null}
      <ul class="hidden-sites">
        {sites.map(([host, ids]) => (
          <li key={host} data-hidden-site={host}>
            <div class="row">
              <span class="site">{host}</span>
              {ids.length > 1 ? (
                <button
                  type="button"
                  onClick={() => void save((h) => showAll(h, host))}
                  aria-label={t('hiddenShowAllFor', host)}
                >
                  {t('hiddenShowAll')}
                </button>
              ) : null}
            </div>
            <ul class="site-list">
              {ids.map((id) => (
                <li key={id} data-hidden={id}>
                  <span>{nameOf(id)}</span>
                  <button
                    type="button"
                    onClick={() => void save((h) => showTerm(h, host, id))}
                    aria-label={t('hiddenShowOn', [nameOf(id), host])}
                  >
                    {t('hiddenShow')}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Section>
  );
}
