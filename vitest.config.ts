/**
 * Unit tests in two layers: `unit` runs pure code (matcher, dataset, settings) in Node; `dom` runs
 * anything touching Range, StaticRange, CSS.highlights, caret APIs or layout in real Chromium
 * (Vitest browser mode; jsdom and happy-dom lack or fake these APIs).
 * End-to-end tests with the built extension have their own config: `vitest.e2e.config.ts`.
 */
import { playwright } from '@vitest/browser-playwright';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { searchForWorkspaceRoot } from 'vite';
import { defineConfig } from 'vitest/config';
import { reportDestination } from './build/report-destination.ts';
import { datasetPlugin } from './src/dataset/vite-plugin.ts';
import { CHROMIUM_ARGS, chromiumPath } from './tests/e2e/harness/browsers.ts';

/** The real news pages beside the repository (read in place by DOM tests, never copied). */
const NEWS_CORPUS = '../shared/corpus/news';
const newsDir = fileURLToPath(new URL(NEWS_CORPUS, import.meta.url));
const newsPages = existsSync(newsDir)
  ? readdirSync(newsDir).filter((f) => f.endsWith('.html'))
  : [];

export default defineConfig({
  // Tests never depend on the developer's CC_REPORT_TO: the builder takes its destination as input.
  plugins: [datasetPlugin(), reportDestination('')],
  // The DOM tests read the news corpus with `commands.readFile`, which Vite's file rules guard.
  server: { fs: { allow: [searchForWorkspaceRoot(process.cwd()), newsDir] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['tests/dom/**/*.test.{ts,tsx}'],
          provide: { newsCorpus: { dir: NEWS_CORPUS, pages: newsPages } },
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromiumPath(),
                args: CHROMIUM_ARGS,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
