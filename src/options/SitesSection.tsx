/**
 * Where Context Cards runs: the site mode, access to every site (for the "every site you allow"
 * mode), the sites switched on by hand (with their access), and the blocked sites.
 * Permission requests happen synchronously inside clicks (they need the user's gesture).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { listedPatterns } from '../shared/site-control.ts';
import type { SiteMode, SitesSettings } from '../shared/settings.ts';
import { isListed, parseSite, sitePattern, sitesWith } from '../shared/sites.ts';
import { Radios, Section } from './controls.tsx';
import { DefaultList } from './DefaultList.tsx';

const ALL_SITES = '*://*/*';

export function SitesSection({
  sites,
  save,
}: {
  sites: SitesSettings;
  save: (change: (s: SitesSettings) => SitesSettings) => Promise<void>;
}) {
  const [access, setAccess] = useState<Record<string, boolean>>({});
  const [allSites, setAllSites] = useState(false);
  const [addOn, setAddOn] = useState('');
  const [addBlock, setAddBlock] = useState('');
  const [error, setError] = useState('');
  const on = sitesWith(sites.rules, 'on');
  const off = sitesWith(sites.rules, 'off');

  const onKey = on.join(' ');
  const readAccess = useCallback(async () => {
    const next: Record<string, boolean> = {};
    for (const s of onKey.split(' ').filter(Boolean))
      next[s] = await browser.permissions.contains({ origins: [sitePattern(s)] });
    setAccess(next);
    setAllSites(await browser.permissions.contains({ origins: [ALL_SITES] }));
  }, [onKey]);
  useEffect(() => {
    void readAccess();
    browser.permissions.onAdded.addListener(readAccess);
    browser.permissions.onRemoved.addListener(readAccess);
    return () => {
      browser.permissions.onAdded.removeListener(readAccess);
      browser.permissions.onRemoved.removeListener(readAccess);
    };
  }, [readAccess]);

  const setRule = (site: string, rule: 'on' | 'off' | undefined) =>
    save((s) => {
      const rules = { ...s.rules };
      if (rule) rules[site] = rule;
      else delete rules[site];
      return { ...s, rules };
    });

  const grant = (site: string) =>
    void browser.permissions.request({ origins: [sitePattern(site)] });
  const removeOn = (site: string) => {
    void setRule(site, undefined);
    if (!isListed(site, listedPatterns()))
      void browser.permissions.remove({ origins: [sitePattern(site)] });
  };
  const submitOn = (e: Event) => {
    e.preventDefault();
    const site = parseSite(addOn);
    if (!site) return setError(t('siteInvalid', addOn));
    setError('');
    // Ask first, inside the click; record the choice whatever the answer (the list shows access).
    if (!isListed(site, listedPatterns()))
      void browser.permissions.request({ origins: [sitePattern(site)] });
    void setRule(site, 'on').then(() => setAddOn(''));
  };
  const submitBlock = (e: Event) => {
    e.preventDefault();
    const site = parseSite(addBlock);
    if (!site) return setError(t('siteInvalid', addBlock));
    setError('');
    void setRule(site, 'off').then(() => setAddBlock(''));
  };

  return (
    <Section id="sites" title={t('sectionSites')}>
      <Radios<SiteMode>
        name="mode"
        legend={t('optMode')}
        value={sites.mode}
        onChange={(mode) => void save((s) => ({ ...s, mode }))}
        options={[
          { value: 'default-list', label: t('modeDefault'), hint: t('modeDefaultHint') },
          { value: 'allowed', label: t('modeAllowed'), hint: t('modeAllowedHint') },
          { value: 'manual', label: t('modeManual'), hint: t('modeManualHint') },
        ]}
      />
      <DefaultList />
      {sites.mode === 'allowed' ? (
        <p class="row">
          {allSites ? t('allSitesGranted') : t('allSitesNotGranted')}{' '}
          {allSites ? (
            <button
              type="button"
              onClick={() => void browser.permissions.remove({ origins: [ALL_SITES] })}
            >
              {t('allSitesRevoke')}
            </button>
          ) : (
            <button
              type="button"
              onClick={() => void browser.permissions.request({ origins: [ALL_SITES] })}
            >
              {t('allSitesGrant')}
            </button>
          )}
        </p>
      ) : null}

      <h3>{t('sitesOnTitle')}</h3>
      <p class="hint">{t('sitesOnHint')}</p>
      {on.length === 0 ? <p class="muted">{t('sitesNone')}</p> : null}
      <ul class="site-list" aria-label={t('sitesOnTitle')}>
        {on.map((s) => (
          <li key={s} data-site={s} data-rule="on">
            <span class="site">{s}</span>
            <span class="muted">
              {isListed(s, listedPatterns()) || access[s] ? t('siteAccess') : t('siteNoAccess')}
            </span>
            {!isListed(s, listedPatterns()) && access[s] === false ? (
              <button type="button" onClick={() => grant(s)}>
                {t('siteGrantButton', s)}
              </button>
            ) : null}
            <button type="button" onClick={() => removeOn(s)} aria-label={t('siteRemoveFor', s)}>
              {t('siteRemove')}
            </button>
          </li>
        ))}
      </ul>
      <form class="add" onSubmit={submitOn}>
        <label for="add-on">{t('siteAddOnLabel')}</label>
        <input
          id="add-on"
          value={addOn}
          placeholder="example.org"
          onInput={(e) => setAddOn((e.target as HTMLInputElement).value)}
        />
        <button type="submit">{t('siteAddOn')}</button>
      </form>

      <h3>{t('sitesBlockedTitle')}</h3>
      <p class="hint">{t('sitesBlockedHint')}</p>
      {off.length === 0 ? <p class="muted">{t('sitesNone')}</p> : null}
      <ul class="site-list" aria-label={t('sitesBlockedTitle')}>
        {off.map((s) => (
          <li key={s} data-site={s} data-rule="off">
            <span class="site">{s}</span>
            <button
              type="button"
              onClick={() => void setRule(s, undefined)}
              aria-label={t('siteUnblockFor', s)}
            >
              {t('siteUnblock')}
            </button>
          </li>
        ))}
      </ul>
      <form class="add" onSubmit={submitBlock}>
        <label for="add-block">{t('siteBlockLabel')}</label>
        <input
          id="add-block"
          value={addBlock}
          placeholder="example.org"
          onInput={(e) => setAddBlock((e.target as HTMLInputElement).value)}
        />
        <button type="submit">{t('siteBlock')}</button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </Section>
  );
}
