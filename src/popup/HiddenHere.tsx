/**
 * "Hidden on this site": the terms hidden on the tab's site ("Hide this term on this site" on a
 * card), each with Show, which marks it again at once (the page restarts on a settings change).
 *
 * Owns: that list in the popup. Never: hides a term (the card does) or reads the page.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { loadSettings, updateSettings, watchSettings } from '../shared/settings-store.ts';
import { showTerm } from '../options/hidden.ts';

export function HiddenHere({
  host,
  nameOf,
  onChange,
}: {
  host: string;
  nameOf: (entityId: string) => string;
  /** A term was shown again (the popup asks the page for its marks once more). */
  onChange: () => void;
}) {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    void loadSettings().then(({ settings }) => setIds(settings.hidden[host] ?? []));
    return watchSettings((s) => setIds(s.hidden[host] ?? []));
  }, [host]);
  if (ids.length === 0) return null;
  const show = (id: string) =>
    void updateSettings('hidden', (h) => showTerm(h, host, id)).then(onChange);
  return (
    <section class="hidden-here" aria-labelledby="hidden-title">
      <h2 id="hidden-title">{t('hiddenHereTitle')}</h2>
      <ul class="hidden-list">
        {ids.map((id) => (
          <li key={id} data-hidden={id}>
            <span class="name">{nameOf(id)}</span>
            <button
              type="button"
              class="link"
              onClick={() => show(id)}
              aria-label={t('hiddenShowFor', nameOf(id))}
            >
              {t('hiddenShow')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
