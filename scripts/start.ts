/**
 * `npm start`: builds the extension, then opens the bundled demo article in Chromium with the
 * extension loaded, on a fresh temporary profile. The article is served locally but opened under
 * a news domain from the default site list (as in the e2e harness), so the shipped manifest runs
 * unchanged.
 *
 * - With a display: the browser opens for you; close it to stop.
 * - Without one (`DISPLAY` unset): runs headless, hovers the first mention, saves
 *   `demo-output/card.png` and prints the mentions found and the screenshot path.
 *
 * Chromium is looked up in `CHROME_PATH`, then the standard install paths.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../src/dataset/load.ts';
import type { PageDates } from '../src/shared/card-bridge.ts';
import { chromiumPath, launchChromium } from '../tests/e2e/harness/browsers.ts';
import { ExtensionBridge } from '../tests/e2e/harness/ext.ts';
import { highlighted, poll, waitForMarks } from '../tests/e2e/harness/fixture.ts';
import { REPO, startServer } from '../tests/e2e/harness/server.ts';

const step = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: REPO, stdio: 'inherit' });

step(process.execPath, ['scripts/ensure-browsers.mjs', '--chromium-only']);
step(process.execPath, ['scripts/build.mjs']);

const headless = !process.env.DISPLAY;
const server = await startServer();
const session = await launchChromium({ server, headless });
const url = server.url('/demo/article.html');
console.log(`\nChromium: ${chromiumPath()}${headless ? ' (headless: DISPLAY is not set)' : ''}`);
console.log(`Demo article: ${url} (served from demo/article.html)`);

const page = await session.newPage();
await page.goto(url);

if (!headless) {
  console.log('\nHover an underlined term to open its card. Close the browser window to stop.');
  await new Promise<void>((resolve) => session.context.on('close', () => resolve()));
  await server.close();
  process.exit(0);
}

try {
  await waitForMarks(page, 1);
  const bridge = await ExtensionBridge.open(session);
  const { mentions, markMs } = await bridge.details(url);
  console.log(
    `\nMentions found (${mentions.length}, marked in ${markMs.toFixed(1)} ms; first mention of each term):`,
  );
  const names = new Map(loadDataset().entities.map((e) => [e.id, e.name]));
  for (const m of mentions)
    console.log(
      `  • ${m.text.replace(/\s+/g, ' ')}  →  ${names.get(m.entityId) ?? m.entityId}  [${m.reason.rule}]`,
    );

  const [first] = await highlighted(page);
  if (!first) throw new Error('no mention is visible to hover');
  await page.hover(first.x, first.y);
  const card = await poll(
    () => bridge.cardState(url),
    (s) => s !== null,
    10_000,
  );
  if (!card) throw new Error('the card did not open on hover');
  // Let the card's 140 ms fade-in finish (and fonts settle) before the picture is taken.
  await new Promise((r) => setTimeout(r, 600));
  const out = join(REPO, 'demo-output');
  mkdirSync(out, { recursive: true });
  const png = join(out, 'card.png');
  await page.screenshot(png);
  console.log(`\nHovered “${first.text}”: the card for ${card.entityId} opened.`);
  // "Since this article": the date the page gives for itself, and what the card says since.
  const dates = await bridge.call<PageDates | null>(url, 'tab/article-date');
  const published = dates?.published;
  console.log(
    published
      ? `Article date: ${published.date} (${published.source}: ${published.field})`
      : 'Article date: none found on the page',
  );
  const since = card.text.split('\n').findIndex((l) => l.startsWith('This article is from'));
  if (since >= 0)
    console.log(
      card.text
        .split('\n')
        .slice(since, since + 4)
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  console.log(`Screenshot: ${png}`);
} finally {
  await session.close();
  await server.close();
}
