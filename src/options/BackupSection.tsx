/**
 * Export settings to a JSON file and import them back (the file is the settings object, marked
 * as ours and versioned; an older file is migrated, a damaged value repaired, as on load).
 */
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../shared/i18n.ts';
import { replaceSettings } from '../shared/settings-store.ts';
import { parseImportFile, toExportFile, type Settings } from '../shared/settings.ts';
import { Section } from './controls.tsx';
import { repairLabel } from './repair-labels.ts';

const IMPORT_ERRORS: Record<'not-json' | 'not-settings' | 'newer', MessageKey> = {
  'not-json': 'importNotJson',
  'not-settings': 'importNotSettings',
  newer: 'importNewer',
};

export function BackupSection({ settings }: { settings: Settings }) {
  const [status, setStatus] = useState<{ text: string; error?: boolean; repaired?: string[] }>();

  const exportFile = () => {
    const json = `${JSON.stringify(toExportFile(settings), null, 2)}\n`;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `context-cards-settings-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus({ text: t('exportDone') });
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const result = parseImportFile(await file.text());
    input.value = '';
    if (!result.ok) return setStatus({ text: t(IMPORT_ERRORS[result.error]), error: true });
    await replaceSettings(result.settings);
    setStatus({ text: t('importDone'), repaired: result.repaired });
  };

  return (
    <Section id="backup" title={t('sectionBackup')}>
      <p class="hint">{t('backupHint')}</p>
      <p class="row">
        <button type="button" data-action="export" onClick={exportFile}>
          {t('exportButton')}
        </button>
        <label class="file">
          {t('importLabel')}{' '}
          <input
            type="file"
            name="import"
            accept="application/json,.json"
            onChange={(e) => void importFile(e.target as HTMLInputElement)}
          />
        </label>
      </p>
      {status ? (
        <div
          class={status.error ? 'error' : 'ok'}
          role={status.error ? 'alert' : 'status'}
          data-backup-status
        >
          <p>{status.text}</p>
          {status.repaired?.length ? (
            <>
              <p>{t('importRepaired')}</p>
              <ul>
                {status.repaired.map((p) => (
                  <li key={p}>
                    {repairLabel(p)} <code>{p}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}
