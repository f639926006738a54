/**
 * The keys that work on the page itself (`settings.card.shortcuts`): next and previous marked term,
 * and "how many are marked". They work without the browser's shortcuts, so each can be changed,
 * turned off or reset here, and all of them switched off at once.
 *
 * Owns: recording a key into one of them, refusing what cannot work (no Ctrl, Alt or Command; a
 * key another of them has), and saving. Never: touches the browser's own shortcuts (the table
 * beside it does).
 */
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../shared/i18n.ts';
import { DEFAULT_SETTINGS, type CardShortcuts } from '../shared/settings.ts';
import {
  checkPageKeys,
  displayShortcut,
  PAGE_KEYS,
  recordShortcut,
  type PageKey,
} from '../shared/shortcuts.ts';

const ACTION: Record<PageKey, MessageKey> = {
  next: 'cmdNextMention',
  previous: 'cmdPreviousMention',
  count: 'cmdAnnounceCount',
};

export function PageKeys({
  keys,
  save,
}: {
  keys: CardShortcuts;
  save: (change: (k: CardShortcuts) => CardShortcuts) => Promise<void>;
}) {
  const [error, setError] = useState<{ key: PageKey; text: string }>();
  const defaults = DEFAULT_SETTINGS.card.shortcuts;

  const set = (key: PageKey, value: string) => {
    const next = { ...keys, [key]: value };
    const problem = checkPageKeys(next)[key];
    if (problem === 'duplicate') {
      const other = PAGE_KEYS.find((k) => k !== key && next[k] === value)!;
      return setError({
        key,
        text: t('pageKeyTaken', [displayShortcut(value), t(ACTION[other])]),
      });
    }
    if (problem) return setError({ key, text: t('pageKeyNeedsModifier') });
    setError(undefined);
    void save((k) => ({ ...k, [key]: value }));
  };

  return (
    <div class="page-keys">
      <h3>{t('pageKeysTitle')}</h3>
      <p class="hint">{t('pageKeysHint')}</p>
      <label class="choice">
        <input
          type="checkbox"
          name="pageKeysEnabled"
          checked={keys.enabled}
          onChange={(e) => {
            const enabled = (e.target as HTMLInputElement).checked;
            void save((k) => ({ ...k, enabled }));
          }}
        />
        {t('pageKeysEnabled')}
      </label>
      <table class="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('shortcutAction')}</th>
            <th scope="col">{t('shortcutKeys')}</th>
            <th scope="col">{t('shortcutChange')}</th>
          </tr>
        </thead>
        <tbody>
          {PAGE_KEYS.map((key) => (
            <tr key={key} data-page-key={key} class={keys.enabled ? undefined : 'off'}>
              <td>{t(ACTION[key])}</td>
              <td>
                {keys[key] ? (
                  <kbd>{displayShortcut(keys[key])}</kbd>
                ) : (
                  <span class="muted">{t('shortcutOff')}</span>
                )}
              </td>
              <td>
                <div class="row">
                  <input
                    class="key-field"
                    name={`pageKey-${key}`}
                    aria-label={t('shortcutRecord', t(ACTION[key]))}
                    aria-describedby={error?.key === key ? 'page-key-error' : undefined}
                    placeholder={t('shortcutPress')}
                    value=""
                    readOnly
                    disabled={!keys.enabled}
                    onKeyDown={(e) => {
                      if (e.key === 'Tab') return;
                      e.preventDefault();
                      const r = recordShortcut(e);
                      if ('shortcut' in r) set(key, r.shortcut);
                      else if ('error' in r)
                        setError({
                          key,
                          text: t(
                            r.error === 'modifier' ? 'pageKeyNeedsModifier' : 'pageKeyUnknown',
                          ),
                        });
                    }}
                  />
                  <button
                    type="button"
                    disabled={!keys[key] || !keys.enabled}
                    onClick={() => set(key, '')}
                    aria-label={t('shortcutTurnOffFor', t(ACTION[key]))}
                  >
                    {t('shortcutTurnOff')}
                  </button>
                  <button
                    type="button"
                    disabled={keys[key] === defaults[key] || !keys.enabled}
                    onClick={() => set(key, defaults[key])}
                    aria-label={t('shortcutResetFor', t(ACTION[key]))}
                  >
                    {t('shortcutReset')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p id="page-key-error" class="error" role="alert">
          {error.text}
        </p>
      ) : null}
    </div>
  );
}
