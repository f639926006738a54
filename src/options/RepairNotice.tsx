/**
 * Says what a settings repair reset to its defaults (whichever part of the extension found the
 * damage first logged it), until the user dismisses it.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import {
  clearRepairLog,
  readRepairLog,
  REPAIR_LOG_KEY,
  type RepairLog,
} from '../shared/settings-store.ts';
import { repairLabel } from './repair-labels.ts';

export function RepairNotice() {
  const [log, setLog] = useState<RepairLog>();
  useEffect(() => {
    const read = () => void readRepairLog().then(setLog);
    read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && REPAIR_LOG_KEY in changes) read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!log) return null;
  return (
    <section class="notice" role="alert" aria-labelledby="repair-title" data-repairs>
      <h2 id="repair-title">{t('repairTitle')}</h2>
      <p>{t('repairIntro')}</p>
      <ul>
        {log.paths.map((p) => (
          <li key={p} data-path={p}>
            {repairLabel(p)} <code>{p}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void clearRepairLog().then(() => setLog(undefined))}>
        {t('repairDismiss')}
      </button>
    </section>
  );
}
