/**
 * One source, two builds: `vite build --mode chrome` → dist/chrome, `--mode firefox` → dist/firefox.
 * The manifest at the top of the repo is the Chrome form; the Firefox form is derived here.
 */
import { crx, type CrxPlugin, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { datasetPlugin } from './src/dataset/vite-plugin.ts';

export const GECKO_ID = 'context-cards@context-cards.example';
export const FIREFOX_MIN_VERSION = '128.0';

type Browser = 'chrome' | 'firefox';

export function manifestFor(browser: Browser): ManifestV3Export {
  const base = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
  // The content script's stylesheet sits beside it; crxjs emits it.
  base.content_scripts[0].css = ['src/page/marks.css'];
  if (browser === 'chrome') return base;
  const { service_worker, ...background } = base.background;
  return {
    ...base,
    background: { ...background, scripts: [service_worker] },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

/**
 * The card script is injected with `scripting.executeScript`, which needs no web-accessible
 * resource; crxjs lists every `?script` import as one anyway. Dropping it keeps pages from
 * probing for the extension's files.
 */
function noWebAccessibleResources(): CrxPlugin {
  return {
    name: 'context-cards:no-web-accessible-resources',
    enforce: 'post',
    renderCrxManifest(manifest) {
      delete manifest.web_accessible_resources;
      return manifest;
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      datasetPlugin(),
      crx({ manifest: manifestFor(browser), browser }),
      noWebAccessibleResources(),
    ],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome120',
      sourcemap: false,
      minify: true,
      rollupOptions: {
        input: {
          glossary: 'src/glossary/index.html',
        },
      },
    },
  };
});
