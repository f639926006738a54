/**
 * The default site list, whole and searchable: every site the extension runs on without being
 * asked (the curated news list and every site the dataset cites), read from the manifest.
 *
 * Owns: showing and filtering that list. Never: changes it (it is fixed at build time).
 */
import { useMemo, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { listedPatterns } from '../shared/site-control.ts';
import { patternHost } from '../shared/sites.ts';

/** The list as site names ("bbc.co.uk"), sorted. */
export function defaultSites(patterns: readonly string[]): string[] {
  const hosts = patterns.flatMap((p) => {
    const h = patternHost(p);
    return h ? [h.replace(/^\*\./, '')] : [];
  });
  return [...new Set(hosts)].sort((a, b) => a.localeCompare(b));
}

export function DefaultList() {
  const all = useMemo(() => defaultSites(listedPatterns()), []);
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = q ? all.filter((s) => s.includes(q)) : all;
  return (
    <details class="default-list">
      <summary>{t('defaultListTitle', String(all.length))}</summary>
      <p class="hint">{t('defaultListHint')}</p>
      <label class="field">
        <span>{t('defaultListSearch')}</span>
        <input
          type="search"
          name="defaultListSearch"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
      </label>
      <p class="muted" role="status">
        {q ? t('defaultListCount', [String(shown.length), String(all.length)]) : ''}
      </p>
      <ul class="default-sites">
        {shown.map((s) => (
          <li key={s} data-default-site={s}>
            {s}
          </li>
        ))}
      </ul>
    </details>
  );
}
