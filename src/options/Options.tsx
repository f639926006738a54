/**
 * The options page: where the extension runs, how mentions are marked, hidden terms, the card,
 * keyboard shortcuts, and settings backup. Every change is saved at once, area by area, from the freshest
 * stored value (`updateSettings`); changes made elsewhere (the popup, another device) show here
 * as they happen. A notice says what a settings repair reset.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { loadSettings, updateSettings, watchSettings } from '../shared/settings-store.ts';
import type { Settings, SettingsArea } from '../shared/settings.ts';
import { BackupSection } from './BackupSection.tsx';
import { CardSection } from './CardSection.tsx';
import { HiddenSection } from './HiddenSection.tsx';
import { MarkingSection } from './MarkingSection.tsx';
import { RepairNotice } from './RepairNotice.tsx';
import { ShortcutsSection } from './ShortcutsSection.tsx';
import { SitesSection } from './SitesSection.tsx';

export function Options() {
  const [settings, setSettings] = useState<Settings>();
  const [saved, setSaved] = useState('');
  useEffect(() => {
    void loadSettings().then((r) => setSettings(r.settings));
    return watchSettings(setSettings);
  }, []);
  if (!settings) return null;

  const saver =
    <A extends SettingsArea>(area: A) =>
    async (change: (v: Settings[A]) => Settings[A]) => {
      try {
        setSettings(await updateSettings(area, change));
        setSaved(t('saved'));
      } catch (e) {
        setSaved(t('saveFailed', String((e as Error).message ?? e)));
      }
    };

  return (
    <>
      <header class="top">
        <h1>{t('optionsTitle')}</h1>
        <p class="status" role="status" data-saved>
          {saved}
        </p>
      </header>
      <main>
        <RepairNotice />
        <SitesSection sites={settings.sites} save={saver('sites')} />
        <MarkingSection marking={settings.marking} save={saver('marking')} />
        <HiddenSection hidden={settings.hidden} save={saver('hidden')} />
        <CardSection card={settings.card} save={saver('card')} />
        <ShortcutsSection
          keys={settings.card.shortcuts}
          save={(change) => saver('card')((c) => ({ ...c, shortcuts: change(c.shortcuts) }))}
        />
        <BackupSection settings={settings} />
      </main>
      <footer class="foot">
        <p>{t('privacyShort')}</p>
        <p class="muted">{t('versionLine', browser.runtime.getManifest().version)}</p>
      </footer>
    </>
  );
}
