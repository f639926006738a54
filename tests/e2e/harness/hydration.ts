/**
 * The hydration fixtures, built at test time: the React 19 and Vue 3 client bundles are built
 * with Vite (development builds, which report hydration mismatches in detail) into a temporary
 * folder, and the pages are rendered on the server in this process. `serveHydrationFixtures`
 * adds the routes `/reliability/react.html` and `/reliability/vue.html` (and their scripts) to a
 * test server. Nothing is written into the repository.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { reactPage, vuePage } from '../../fixtures/reliability/hydration/ssr.js';
import { REPO, type TestServer } from './server.ts';

const SRC = join(REPO, 'tests/fixtures/reliability/hydration');

async function bundle(entry: string, outDir: string, fileName: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    mode: 'development',
    root: SRC,
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true',
    },
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      write: true,
      lib: {
        entry: join(SRC, entry),
        formats: ['iife'],
        name: 'ccFixture',
        fileName: () => fileName,
      },
    },
  });
}

export interface HydrationFixtures {
  paths: { react: string; vue: string };
  dispose(): void;
}

export async function serveHydrationFixtures(server: TestServer): Promise<HydrationFixtures> {
  const out = mkdtempSync(join(tmpdir(), 'cc-hydration-'));
  await bundle('react-client.js', out, 'react-client.js');
  await bundle('vue-client.js', out, 'vue-client.js');
  const pages = {
    '/reliability/react.html': await reactPage('/reliability/react-client.js'),
    '/reliability/vue.html': await vuePage('/reliability/vue-client.js'),
  } as Record<string, string>;
  server.route((_req, res, url) => {
    const html = pages[url.pathname];
    if (html !== undefined) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(html);
      return true;
    }
    const m = /^\/reliability\/((react|vue)-client\.js)$/.exec(url.pathname);
    if (!m) return false;
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(join(out, m[1]!)));
    return true;
  });
  return {
    paths: { react: '/reliability/react.html', vue: '/reliability/vue.html' },
    dispose: () => rmSync(out, { recursive: true, force: true }),
  };
}
