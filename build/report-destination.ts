/**
 * The one build setting for "Report a problem": `CC_REPORT_TO`, a tracker's new-issue address or
 * a `mailto:` (absent by default: the reader copies the report). Checked at config time, so a
 * wrong value fails the build with the reason, and served as `virtual:cc-report-to`.
 *
 * An alias to a generated file rather than `define`, because crxjs builds IIFE scripts (the card)
 * in a sub-build that runs no plugins and gets no `define`, but inherits `resolve.alias`. The file
 * is named after the destination: builds with different settings at the same time (the e2e test
 * with a destination, another worktree sharing node_modules) never read each other's.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { parseDestination } from '../src/shared/problem-report.ts';

const OUT_DIR = fileURLToPath(new URL('../node_modules/.context-cards/', import.meta.url));

export function reportDestination(setting: string | undefined = process.env.CC_REPORT_TO): Plugin {
  return {
    name: 'context-cards:report-destination',
    enforce: 'pre',
    config() {
      const destination = parseDestination(setting) ?? null;
      mkdirSync(OUT_DIR, { recursive: true });
      const json = JSON.stringify(destination);
      const name = destination
        ? `report-to-${createHash('sha256').update(json).digest('hex').slice(0, 12)}.json`
        : 'report-to.json';
      const file = join(OUT_DIR, name);
      writeFileSync(file, json);
      return {
        resolve: { alias: [{ find: /^virtual:cc-report-to$/, replacement: file }] },
      };
    },
  };
}
