/**
 * The first vertical slice, in both browsers: a mention is marked, hovering it opens its card,
 * the popup's search finds an entity, and the extension logs no error.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS } from './harness/browsers.ts';
import { highlighted, poll, useBrowser, waitForMarks } from './harness/fixture.ts';

describe.each(BROWSERS)('%s: first slice', (name) => {
  const e2e = useBrowser(name);

  it('marks mentions with CSS highlights, across inline elements, and skips "SIM card"', async () => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.server.url('/fixtures/basic.html'));
    await waitForMarks(page, 3);
    const marks = await highlighted(page);
    expect(marks.map((m) => m.text)).toEqual([
      'StopSIM',
      'Serenity Integrated Mentoring',
      'NHS England',
    ]);
    await page.close();
  });

  it('opens the card on hover and closes it after leaving', async () => {
    const page = await e2e.session.newPage();
    const url = e2e.server.url('/fixtures/basic.html');
    await page.goto(url);
    await waitForMarks(page, 3);
    const [first] = await highlighted(page);
    await page.hover(first!.x, first!.y);
    const state = await poll(
      () => e2e.bridge.cardState(url),
      (s) => s !== null,
    );
    expect(state?.entityId).toBe('stopsim');
    expect(state?.text).toContain('StopSIM Coalition');
    expect(state?.text).toMatch(/Open full entry/);
    await page.hover(5, 5);
    const closed = await poll(
      () => e2e.bridge.cardState(url),
      (s) => s === null,
    );
    expect(closed).toBeNull();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('popup search finds an entity', async () => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.session.extensionUrl('src/popup/index.html'));
    await page.waitFor(() => document.querySelectorAll('li[data-entity]').length > 0);
    // With the real dataset "stopsim" also matches the summaries of bodies that mention the
    // coalition (Centre for Mental Health, NSUN, High Intensity Network); by its full name, it is
    // the one entry found by name, and first.
    await page.type('stopsim coalition');
    await page.waitFor(
      () =>
        [...document.querySelectorAll('li[data-entity]:not([data-field="summary"])')]
          .map((li) => li.getAttribute('data-entity'))
          .join() === 'stopsim',
    );
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll('li[data-entity]')].map((li) => li.getAttribute('data-entity')),
    );
    expect(ids[0]).toBe('stopsim');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
