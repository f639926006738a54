#!/usr/bin/env node
/**
 * Makes sure the browsers the project runs in are installed (used by `npm start` and `npm test`).
 * On Debian or Ubuntu as root, installs the missing packages with apt-get and says so; anywhere
 * else, stops with one line naming what to install. Browsers never come from npm.
 *
 *   node scripts/ensure-browsers.mjs [--chromium-only]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const CHROMIUM = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
const FIREFOX = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
const found = (paths) => paths.find((p) => p && existsSync(p));

const want = [{ name: 'Chromium', pkg: 'chromium', paths: CHROMIUM }];
if (!process.argv.includes('--chromium-only'))
  want.push({ name: 'Firefox ESR', pkg: 'firefox-esr', paths: FIREFOX });
const missing = want.filter((b) => !found(b.paths));
if (missing.length === 0) process.exit(0);

const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
const debianLike = /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const pkgs = missing.map((b) => b.pkg);

if (!debianLike || !root) {
  console.error(
    `Missing browser(s): ${missing.map((b) => b.name).join(' and ')}. Install ${pkgs.join(' and ')} ` +
      `(or set ${missing.map((b) => (b.pkg === 'chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH')).join(' / ')}) and run again.`,
  );
  process.exit(1);
}

console.log(
  `Installing ${pkgs.join(' and ')} with apt-get (Debian packages; nothing is downloaded from npm)…`,
);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
} catch {
  console.error(`apt-get could not install ${pkgs.join(' and ')}.`);
  process.exit(1);
}
const still = missing.filter((b) => !found(b.paths));
if (still.length > 0) {
  console.error(`Still missing after apt-get: ${still.map((b) => b.name).join(' and ')}.`);
  process.exit(1);
}
console.log(`Installed ${pkgs.join(' and ')}.`);
