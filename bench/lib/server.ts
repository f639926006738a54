/**
 * The bench's HTTP server on 127.0.0.1: corpus pages (read from `../shared/corpus/news`, never
 * copied), the generated dense page and a blank page. Pages are served with a CSP that blocks
 * their own scripts, so the DOM measured is the same in every load and every variant (the
 * runner's code is evaluated through DevTools, which the CSP does not apply to).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';

export async function startBenchServer(opts: { corpus: string; dense: string }) {
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "script-src 'none'",
    // Cross-origin isolated, so that performance.now() has 5 µs resolution, not 100 µs: floors
    // of a millisecond or less are measured, not rounded (every variant alike).
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/dense.html') return void res.writeHead(200, headers).end(opts.dense);
    if (path === '/blank.html')
      return void res.writeHead(200, headers).end('<!doctype html><title>blank</title><body>');
    if (path.startsWith('/corpus/')) {
      const file = join(opts.corpus, basename(path));
      if (existsSync(file)) return void res.writeHead(200, headers).end(readFileSync(file));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path: string) => origin + path,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
