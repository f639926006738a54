/**
 * This site's switch, and the prompt to grant access where the extension does not run yet.
 * Switching on a site outside the default list asks the browser for that site's permission;
 * the request is made synchronously inside the click (browsers require the user's gesture) and
 * the choice is recorded at once, so the background finishes the job (register the script, start
 * it in the tab) even if the popup closes while the browser asks.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t, type MessageKey } from '../shared/i18n.ts';
import { sendToBackground } from '../shared/messages.ts';
import { canRunOn, siteStatus, switchSite, type SiteStatus } from '../shared/site-control.ts';
import type { Target } from './target.ts';

const REASON: Record<SiteStatus['reason'], MessageKey> = {
  listed: 'reasonListed',
  'switched-on': 'reasonSwitchedOn',
  allowed: 'reasonAllowed',
  blocked: 'reasonBlocked',
  manual: 'reasonManual',
  'not-listed': 'reasonNotListed',
  'no-access': 'reasonNoAccess',
};

export function SiteSwitch({ target, onChange }: { target: Target; onChange: () => void }) {
  const [status, setStatus] = useState<SiteStatus>();
  const [note, setNote] = useState('');
  const host = target.host;
  const refresh = useCallback(() => {
    if (host) void siteStatus(host).then(setStatus);
  }, [host]);

  useEffect(() => {
    refresh();
    const onStorage = (_c: unknown, area: string) => area === 'sync' && refresh();
    browser.storage.onChanged.addListener(onStorage);
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.storage.onChanged.removeListener(onStorage);
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, [refresh]);

  if (!host || !canRunOn(target.url)) return <p class="site-note">{t('siteUnsupported')}</p>;
  if (!status) return <div class="site" aria-busy="true" />;

  const turnOn = () => {
    // Must stay synchronous up to here: the permission request needs the click's user gesture.
    const asked = status.granted
      ? Promise.resolve(true)
      : browser.permissions.request({ origins: [status.pattern] });
    setNote('');
    void (async () => {
      await switchSite(host, true);
      const granted = await asked.catch(() => false);
      if (!granted) {
        await switchSite(host, false);
        setNote(t('siteGrantDenied'));
        return;
      }
      await sendToBackground('sites/sync', { tabId: target.tabId });
      onChange();
    })();
  };
  const turnOff = () => {
    setNote('');
    void switchSite(host, false).then(onChange);
  };

  return (
    <div class="site">
      <div class="site-row">
        <span id="site-label" class="site-label">
          {t('siteSwitch', status.site)}
        </span>
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={status.runs}
          aria-labelledby="site-label"
          aria-describedby="site-reason"
          onClick={status.runs ? turnOff : turnOn}
        >
          <span class="switch-knob" aria-hidden="true" />
        </button>
      </div>
      <p id="site-reason" class="site-note">
        {t(REASON[status.reason])}
      </p>
      {!status.granted && status.reason !== 'blocked' ? (
        <div class="grant">
          <p>{t('siteGrantPrompt', status.site)}</p>
          <button type="button" class="primary" data-action="grant" onClick={turnOn}>
            {t('siteGrantButton', status.site)}
          </button>
        </div>
      ) : null}
      {note ? (
        <p class="site-note" role="status">
          {note}
        </p>
      ) : null}
    </div>
  );
}
