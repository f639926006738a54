/**
 * The e2e web server: serves fixture pages on 127.0.0.1 and answers for the news domains we test
 * under, so the shipped manifest's content-script matches apply unchanged.
 *
 * Chromium reaches it through `--host-resolver-rules` (every other host fails to resolve);
 * Firefox through it acting as its HTTP proxy (absolute-URI requests; HTTPS CONNECT refused).
 * Only the hosts in `TEST_HOSTS` (and those a test asks for) are served; every other request is
 * refused and recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Listed news domains (in the manifest's default site list) that tests open pages under. */
export const NEWS_HOST = 'www.inews.co.uk';
export const OTHER_NEWS_HOST = 'www.onthewight.com';
export const TEST_HOSTS = [NEWS_HOST, OTHER_NEWS_HOST, 'www.example-unlisted.org'];
export const CORPUS_DIR = resolve(REPO, '../shared/corpus/news');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** URL path prefix → folder served there. */
const ROOTS: Record<string, string> = {
  '/fixtures/': join(REPO, 'tests/fixtures'),
  '/demo/': join(REPO, 'demo'),
  '/corpus/': CORPUS_DIR,
};

export interface Route {
  (req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

export interface TestServer {
  port: number;
  /** The hosts served (`TEST_HOSTS` and any given to `startServer`); the browsers map them here. */
  hosts: readonly string[];
  /** `http://www.inews.co.uk/<path>` */
  url(path: string, host?: string): string;
  /** Requests refused because they were for a host or path we do not serve. */
  blocked: string[];
  /** Every request that reached the server (method and URL). */
  log: string[];
  /** Adds a handler tried before the static roots (for headers such as CSP, or dynamic pages). */
  route(handler: Route): void;
  close(): Promise<void>;
}

export async function startServer(opts: { hosts?: readonly string[] } = {}): Promise<TestServer> {
  /** Extra hosts: real pages served under the host they were published on (site rules apply). */
  const hosts = [...new Set([...TEST_HOSTS, ...(opts.hosts ?? [])])];
  const blocked: string[] = [];
  const log: string[] = [];
  const routes: Route[] = [];
  const sockets = new Set<Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // A proxied request carries an absolute URL; a direct one a path plus a Host header.
    const raw = req.url ?? '/';
    const url = raw.startsWith('http://')
      ? new URL(raw)
      : new URL(raw, `http://${req.headers.host ?? NEWS_HOST}`);
    log.push(`${req.method} ${url.href}`);
    if (!hosts.includes(url.hostname)) {
      blocked.push(url.href);
      res.writeHead(403).end();
      return;
    }
    for (const r of routes) if (r(req, res, url)) return;
    for (const [prefix, dir] of Object.entries(ROOTS)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
      if (file.startsWith(dir) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(readFileSync(file));
        return;
      }
    }
    if (url.pathname !== '/favicon.ico') blocked.push(url.href);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };

  const server: Server = createServer(handle);
  server.on('connect', (req, socket) => {
    blocked.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    hosts,
    url: (path, host = NEWS_HOST) => `http://${host}${path.startsWith('/') ? path : `/${path}`}`,
    blocked,
    log,
    route: (h) => routes.push(h),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
