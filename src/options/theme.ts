/**
 * The theme setting (auto / light / dark) applied to an extension page: `data-theme` on the root
 * element, which each page's stylesheet reads (with `prefers-color-scheme` for "auto"). Applied
 * after the first render, so no page waits for storage to paint.
 */
import { loadSettings, watchSettings } from '../shared/settings-store.ts';
import type { Settings } from '../shared/settings.ts';

export function applyTheme(): void {
  const set = (s: Settings) => {
    document.documentElement.dataset.theme = s.card.theme;
  };
  void loadSettings().then(({ settings }) => set(settings));
  watchSettings(set);
}
