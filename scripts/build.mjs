#!/usr/bin/env node
/**
 * `npm run build`: validates the dataset, then builds dist/chrome and dist/firefox from one source
 * and prints each entry's size (raw and gzip). A broken dataset fails here with one line per
 * problem.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

for (const mode of ['chrome', 'firefox']) {
  try {
    await build({ root, mode, logLevel: 'warn' });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  const dist = join(root, 'dist', mode);
  console.log(`\ndist/${mode}:`);
  const rows = files(dist)
    .filter((f) => /\.(js|css|html)$/.test(f))
    .map((f) => {
      const buf = readFileSync(f);
      return { file: relative(dist, f), raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
    })
    .sort((a, b) => b.raw - a.raw);
  for (const r of rows)
    console.log(
      `  ${r.file.padEnd(48)} ${(r.raw / 1024).toFixed(1).padStart(7)} KB  ${(r.gz / 1024).toFixed(1).padStart(6)} KB gzip`,
    );
}
