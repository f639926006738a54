/**
 * Keyboard shortcuts, of two kinds: the keys on the page (`PageKeys.tsx`, kept in settings), and
 * the extension's browser-level commands with their current keys. Firefox lets an extension
 * change its own shortcuts (`commands.update` / `reset`), so each can be recorded, turned off or
 * reset here; Chrome does not, so the page links to Chrome's shortcut page. A command with no
 * browser key that has a key on the page says so, rather than "Not set".
 *
 * Owns: this section. Never: stores the browser's shortcuts in settings.
 */
import { useEffect, useState } from 'preact/hooks';
import browser, { type Commands } from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import type { CardShortcuts } from '../shared/settings.ts';
import { displayShortcut, isCardCommand, SHORTCUT_FOR } from '../shared/shortcuts.ts';
import { Section } from './controls.tsx';
import { PageKeys } from './PageKeys.tsx';

const CHROME_SHORTCUTS = 'chrome://extensions/shortcuts';
/** Firefox lets extensions change their shortcuts; Chrome has no `commands.update`. */
const canEdit = typeof browser.commands.update === 'function';

const KEY_NAMES: Record<string, string> = {
  Comma: 'Comma',
  Period: 'Period',
  Space: 'Space',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
};

/** A keydown as a WebExtension shortcut string ("Alt+Shift+K"), once a main key is pressed. */
export function shortcutOf(e: KeyboardEvent): string | undefined {
  let key: string | undefined;
  if (/^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (/^Digit\d$/.test(e.code)) key = e.code.slice(5);
  else if (/^F([1-9]|1[0-2])$/.test(e.code)) key = e.code;
  else key = KEY_NAMES[e.code];
  if (!key) return undefined;
  const mods = [
    e.ctrlKey && 'Ctrl',
    e.altKey && 'Alt',
    e.metaKey && 'Command',
    e.shiftKey && 'Shift',
  ];
  return [...mods.filter(Boolean), key].join('+');
}

/** An unset browser shortcut, saying where the same action still has a key (on the page). */
function noneWith(keys: CardShortcuts) {
  return (name: string | undefined): string => {
    const onPage = isCardCommand(name) && keys.enabled ? keys[SHORTCUT_FOR[name]] : '';
    return onPage ? t('shortcutNoneOnPage', displayShortcut(onPage)) : t('shortcutNone');
  };
}

function describe(c: Commands.Command): string {
  if (c.name === '_execute_action' || c.name === '_execute_browser_action')
    return c.description || t('cmdOpenPopup');
  return c.description || c.name || '';
}

function Recorder({
  command,
  onDone,
}: {
  command: Commands.Command;
  onDone: (e?: string) => void;
}) {
  const [value, setValue] = useState('');
  const save = async (shortcut: string) => {
    try {
      await browser.commands.update({ name: command.name!, shortcut });
      onDone();
    } catch (e) {
      onDone(t('shortcutInvalid', [shortcut, String((e as Error).message ?? e)]));
    }
  };
  return (
    <span class="recorder">
      <input
        aria-label={t('shortcutRecord', describe(command))}
        placeholder={t('shortcutPress')}
        value={value}
        readOnly
        onKeyDown={(e) => {
          if (e.key === 'Tab') return;
          e.preventDefault();
          const s = shortcutOf(e);
          if (s) setValue(s);
        }}
      />
      <button type="button" disabled={!value} onClick={() => void save(value)}>
        {t('shortcutSave')}
      </button>
    </span>
  );
}

export function ShortcutsSection({
  keys,
  save,
}: {
  keys: CardShortcuts;
  save: (change: (k: CardShortcuts) => CardShortcuts) => Promise<void>;
}) {
  const [commands, setCommands] = useState<Commands.Command[]>([]);
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState('');
  const read = () => void browser.commands.getAll().then(setCommands);
  const noneText = noneWith(keys);
  useEffect(read, []);

  const done = (e?: string) => {
    setEditing(undefined);
    setError(e ?? '');
    read();
  };

  return (
    <Section id="shortcuts" title={t('sectionShortcuts')}>
      <PageKeys keys={keys} save={save} />
      <h3>{t('browserKeysTitle')}</h3>
      <p class="hint">{t('browserKeysHint')}</p>
      <table class="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('shortcutAction')}</th>
            <th scope="col">{t('shortcutKeys')}</th>
            {canEdit ? <th scope="col">{t('shortcutChange')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {commands.map((c) => (
            <tr key={c.name} data-command={c.name}>
              <td>{describe(c)}</td>
              <td>
                {c.shortcut ? (
                  <kbd>{c.shortcut}</kbd>
                ) : (
                  <span class="muted">{noneText(c.name)}</span>
                )}
              </td>
              {canEdit ? (
                <td class="row">
                  {editing === c.name ? (
                    <Recorder command={c} onDone={done} />
                  ) : (
                    <button type="button" onClick={() => setEditing(c.name)}>
                      {t('shortcutChange')}
                    </button>
                  )}
                  <button
                    type="button"
                    disabled={!c.shortcut}
                    onClick={() =>
                      void browser.commands
                        .update({ name: c.name!, shortcut: '' })
                        .then(() => done())
                    }
                  >
                    {t('shortcutTurnOff')}
                  </button>
                  <button
                    type="button"
                    onClick={() => void browser.commands.reset(c.name!).then(() => done())}
                  >
                    {t('shortcutReset')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {canEdit ? (
        <p class="hint browser-hint">
          {t('shortcutsFirefox')}{' '}
          {typeof browser.commands.openShortcutSettings === 'function' ? (
            <button type="button" onClick={() => void browser.commands.openShortcutSettings()}>
              {t('shortcutsOpenBrowser')}
            </button>
          ) : null}
        </p>
      ) : (
        <p class="hint browser-hint">
          {t('shortcutsChrome')}{' '}
          <button type="button" onClick={() => void browser.tabs.create({ url: CHROME_SHORTCUTS })}>
            {t('shortcutsOpenBrowser')}
          </button>
        </p>
      )}
    </Section>
  );
}
