/**
 * The marking engine on pages that change, with the built extension in both browsers: a
 * single-page app that changes route (History API), an infinite-scroll feed beside a ticker
 * that never stops, and content removed, put back and re-rendered.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, type TestPage } from './harness/browsers.ts';
import { poll, useBrowser, waitForMarks } from './harness/fixture.ts';

/** Names these fixtures use (the live dataset may mark more; only these are compared). */
const KNOWN = ['StopSIM', 'NHS England', 'Serenity Integrated Mentoring', 'SIM'];

/** Our marks on the page, in document order, and whether every range is still in the page. */
function marks(page: TestPage) {
  return page.evaluate((known) => {
    const ranges = [...CSS.highlights.entries()]
      .filter(([name]) => name.startsWith('context-cards-') && name !== 'context-cards-active')
      .flatMap(([, h]) => [...h] as AbstractRange[]);
    const inPage = ranges.filter((r) => r.startContainer.isConnected && r.endContainer.isConnected);
    const live = inPage.map((r) => {
      const range = new Range();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range;
    });
    live.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    return {
      texts: live.map((r) => r.toString().replace(/\s+/g, ' ')).filter((t) => known.includes(t)),
      connected: inPage.length === ranges.length,
    };
  }, KNOWN);
}

async function expectMarks(page: TestPage, expected: string[]) {
  const got = await poll(
    () => marks(page),
    (m) => m.connected && JSON.stringify(m.texts) === JSON.stringify(expected),
  );
  expect(got.texts).toEqual(expected);
  expect(got.connected).toBe(true);
}

describe.each(BROWSERS)('%s: engine on changing pages', (name) => {
  const e2e = useBrowser(name);

  it('resets per-page state on SPA navigation, and again on going back', async () => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.server.url('/fixtures/engine/spa.html'));
    await waitForMarks(page, 2);
    await expectMarks(page, ['StopSIM', 'NHS England']);
    await page.evaluate(() => (document.getElementById('next') as HTMLButtonElement).click());
    // A new page: its first mention of NHS England is marked again.
    await expectMarks(page, ['NHS England', 'Serenity Integrated Mentoring']);
    await page.evaluate(() => history.back());
    await expectMarks(page, ['StopSIM', 'NHS England']);
    expect(page.errors, page.errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('marks an infinite-scroll feed as it grows, beside a ticker that never stops', async () => {
    const page = await e2e.session.newPage();
    const url = e2e.server.url('/fixtures/engine/scroll.html');
    await page.goto(url);
    await waitForMarks(page, 1);
    await expectMarks(page, ['StopSIM']);
    for (let i = 0; i < 6; i++) {
      await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
      await new Promise((r) => setTimeout(r, 150));
    }
    await expectMarks(page, ['StopSIM', 'NHS England', 'Serenity Integrated Mentoring']);
    const summary = await e2e.bridge.mentions(url);
    expect(summary.map((s) => s.entityId)).toEqual(
      expect.arrayContaining(['stopsim', 'nhs-england', 'sim']),
    );
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('follows content that is removed, put back, and rendered again', async () => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.server.url('/fixtures/engine/churn.html'));
    await waitForMarks(page, 3);
    const all = ['Serenity Integrated Mentoring', 'NHS England', 'StopSIM'];
    await expectMarks(page, all);
    await page.evaluate(() =>
      (window as unknown as { fixture: { remove(): void } }).fixture.remove(),
    );
    await expectMarks(page, []);
    await page.evaluate(() =>
      (window as unknown as { fixture: { restore(): void } }).fixture.restore(),
    );
    await expectMarks(page, all);
    await page.evaluate(() =>
      (window as unknown as { fixture: { rerender(): void } }).fixture.rerender(),
    );
    await expectMarks(page, all);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
