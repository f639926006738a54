/**
 * Options page: where the extension runs, how mentions are marked, and the card's behaviour.
 * Settings are read and repaired through `shared/settings-store.ts`.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadSettings, saveSettings } from '../shared/settings-store.ts';
import type { Density, Settings } from '../shared/settings.ts';

function Options() {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => void loadSettings().then((r) => setSettings(r.settings)), []);
  if (!settings) return null;
  const setDensity = (density: Density) => {
    const marking = { ...settings.marking, density };
    setSettings({ ...settings, marking });
    void saveSettings({ marking });
  };
  return (
    <main>
      <h1>Context Cards options</h1>
      <fieldset>
        <legend>Mark mentions</legend>
        {(['first', 'all', 'off'] as const).map((d) => (
          <label key={d}>
            <input
              type="radio"
              name="density"
              checked={settings.marking.density === d}
              onChange={() => setDensity(d)}
            />
            {d === 'first' ? 'First mention of each term' : d === 'all' ? 'Every mention' : 'Off'}
          </label>
        ))}
      </fieldset>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
