/**
 * One source, two builds: `vite build --mode chrome` → dist/chrome, `--mode firefox` → dist/firefox.
 * The manifest at the top of the repo is the Chrome form; the Firefox form is derived here.
 */
import { crx, type CrxPlugin, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import { pagesData } from './build/pages-data.ts';
import { preactWithoutInnerHtml } from './build/preact-without-inner-html.ts';
import { reportDestination } from './build/report-destination.ts';
import { datasetPlugin } from './src/dataset/vite-plugin.ts';
import { patternsForHosts } from './src/shared/sites.ts';

export const GECKO_ID = 'context-cards@context-cards.example';
// 140 is the first desktop release (and ESR) with `data_collection_permissions`; Android got it in 142.
export const FIREFOX_MIN_VERSION = '140.0';
export const FIREFOX_ANDROID_MIN_VERSION = '142.0';

type Browser = 'chrome' | 'firefox';

/** Every host the dataset's sources link to (`sources.json`), as written there. */
export function citedHosts(): string[] {
  const file = new URL('./src/dataset/data/sources.json', import.meta.url);
  const sources = JSON.parse(readFileSync(file, 'utf8')) as { url?: string }[];
  return sources.flatMap((s) => (s.url ? [new URL(s.url).hostname] : []));
}

export function manifestFor(browser: Browser): ManifestV3Export {
  const base = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
  // The default list also covers every site the cards cite: a reader who follows a source there
  // gets marks. Added to both the content script and the host permissions, as the curated list is.
  const cited = patternsForHosts(citedHosts(), base.content_scripts[0].matches);
  base.content_scripts[0].matches.push(...cited);
  base.host_permissions.push(...cited);
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
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    },
  };
}

/**
 * The card script is injected with `scripting.executeScript`, which needs no web-accessible
 * resource; crxjs lists every `?script` import as one anyway. Dropping it keeps pages from
 * probing for the extension's files.
 *
 * crxjs also bundles each `?script` IIFE once more as an ES chunk that nothing loads (its IIFE
 * sub-build writes the file that is injected); that chunk is dropped from the output.
 */
function onlyWhatShips(): CrxPlugin {
  return {
    name: 'context-cards:only-what-ships',
    enforce: 'post',
    renderCrxManifest(manifest) {
      delete manifest.web_accessible_resources;
      return manifest;
    },
    generateBundle(_options, bundle) {
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type !== 'chunk' || !/\.iife\.tsx?$/.test(out.facadeModuleId ?? '')) continue;
        if (!file.startsWith('assets/')) continue;
        const used = Object.values(bundle).some(
          (o) =>
            o.type === 'chunk' && (o.imports.includes(file) || o.dynamicImports.includes(file)),
        );
        if (!used) delete bundle[file];
      }
    },
  };
}

/**
 * Chromium gives every element a style for each `::highlight()` rule that could match it, so the
 * bare `::highlight(x)` of marks.css (a universal selector) adds ~46 MB on a page of 200,000
 * elements. Chromium's highlight styles inherit (CSS Highlight Inheritance), so one rule on
 * `:root` styles the whole page at no cost. Firefox paints highlights only from rules that match
 * the text's own element, so its build keeps the universal form; so do shadow roots (their sheet
 * comes from marks.css itself, see page/highlight.ts).
 */
export function rootHighlights(css: string): string {
  return css.replace(/(^|[\s,}])::highlight\(/g, '$1:root::highlight(');
}

function chromiumMarks(): CrxPlugin {
  return {
    name: 'context-cards:chromium-marks',
    enforce: 'post',
    // crxjs emits manifest stylesheets in its own last step; rewrite the written file.
    writeBundle(options) {
      const file = join(options.dir!, 'src/page/marks.css');
      writeFileSync(file, rootHighlights(readFileSync(file, 'utf8')));
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      datasetPlugin(),
      pagesData(),
      preactWithoutInnerHtml(),
      reportDestination(),
      crx({ manifest: manifestFor(browser), browser }),
      onlyWhatShips(),
      ...(browser === 'chrome' ? [chromiumMarks()] : []),
    ],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox140' : 'chrome120',
      sourcemap: false,
      // Both browsers preload modules natively; the polyfill would be one more file to load.
      modulePreload: { polyfill: false },
      minify: true,
      rollupOptions: {
        input: {
          glossary: 'src/glossary/index.html',
        },
      },
    },
  };
});
