/**
 * Builds Preact without its only `innerHTML` sink (the `dangerouslySetInnerHTML` branch of the
 * differ). We never use that prop, and with the sink gone no page text can ever reach HTML
 * parsing through our UI; it also keeps `web-ext lint` free of UNSAFE_VAR_ASSIGNMENT warnings.
 *
 * Aliases rather than a transform hook, because crxjs builds IIFE scripts (the card) in a
 * sub-build that runs no plugins but inherits `resolve.alias`. If a Preact update changes the
 * code so the pattern no longer matches, the build fails here instead of shipping the sink.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const OUT_DIR = fileURLToPath(new URL('../node_modules/.context-cards/', import.meta.url));
const SINK = /(\w+)\.innerHTML=(\w+)\.__html/g;

export function preactWithoutInnerHtml(): Plugin {
  return {
    name: 'context-cards:preact-without-inner-html',
    enforce: 'pre',
    config() {
      const require = createRequire(import.meta.url);
      const source = readFileSync(
        join(require.resolve('preact/package.json'), '..', 'dist/preact.mjs'),
        'utf8',
      );
      const matches = source.match(SINK) ?? [];
      if (matches.length !== 1)
        throw new Error(
          `preact-without-inner-html: expected one innerHTML sink in preact.mjs, found ${matches.length}`,
        );
      const patched = source.replace(
        SINK,
        '(()=>{throw new Error("dangerouslySetInnerHTML is disabled in Context Cards")})()',
      );
      mkdirSync(OUT_DIR, { recursive: true });
      const file = join(OUT_DIR, 'preact.mjs');
      writeFileSync(file, patched);
      return { resolve: { alias: [{ find: /^preact$/, replacement: file }] } };
    },
  };
}
