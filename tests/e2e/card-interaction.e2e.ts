/**
 * Opening and closing the card, in both browsers, with the built extension: hover intent, the
 * grace period and the safe corridor, adjacent mentions, pin, no reopening loop, touch, and the
 * keyboard (next / previous / Enter / Tab / Escape with focus returned, changed or disabled
 * shortcuts, browser commands relayed as `tab/card-command`, the count announcement).
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS } from './harness/browsers.ts';
import { poll, useBrowser } from './harness/fixture.ts';
import {
  cardState,
  clickControl,
  hoverOpen,
  intersects,
  mark,
  setSettings,
  sleep,
  waitForCard,
  waitForNoCard,
  CARD_ARTICLE,
  useCardArticle,
} from './card-support.ts';

describe.each(BROWSERS)('%s: card interactions', (name) => {
  const e2e = useBrowser(name);
  const article = useCardArticle(e2e);

  it('opens on hover after the dwell, not before; the grace period survives a brief exit', async () => {
    const page = await article.open();
    // The card's code is not in the page until first use: no element of ours yet.
    expect(await page.evaluate(() => document.querySelector('context-cards-card'))).toBeNull();
    const stop = await mark(page, 'StopSIM');
    const hovered = Date.now();
    await page.hover(stop.x, stop.y);
    const dwelling = await cardState(e2e, article.url);
    // Still dwelling (300 ms by default): counts only when the round trip was well inside it.
    if (Date.now() - hovered < 200) expect(dwelling).toBeNull();
    const s = await waitForCard(e2e, article.url, 'stopsim');
    expect(s.openedBy).toBe('hover');
    expect(s.rect.x).toBeGreaterThan(0);
    // Out to the empty margin and straight back, within the grace period: it stays.
    await page.hover(20, stop.y + 200);
    await page.hover(stop.x, stop.y);
    await sleep(800);
    expect((await cardState(e2e, article.url))?.entityId).toBe('stopsim');
    // Out for good: still there within the grace period, gone after it. (The first check only
    // counts when it ran inside the 300 ms; on a loaded machine the round trip can take longer.)
    const left = Date.now();
    await page.hover(20, stop.y + 200);
    const during = await cardState(e2e, article.url);
    if (Date.now() - left < 250) expect(during).not.toBeNull();
    await waitForNoCard(e2e, article.url, 2000);
    expect(page.errors).toEqual([]);
  });

  it('stays open while the pointer travels slowly into it (safe corridor), closes after leaving it', async () => {
    const page = await article.open();
    const stop = await mark(page, 'StopSIM');
    const s = await hoverOpen(e2e, page, article.url, stop, 'stopsim');
    const target = { x: s.rect.x + 60, y: s.rect.y + 80 };
    // The page's pointer events, timed where they land: the gaps say how a failure came about.
    await page.evaluate(() => {
      const w = window as unknown as { __ccFixtureMoves: number[] };
      w.__ccFixtureMoves = [];
      addEventListener('pointermove', () => w.__ccFixtureMoves.push(performance.now()), true);
    });
    // Small moves over about a second, as a hand makes them (a mouse reports every frame or
    // so; here every 40 ms plus the driver's round trip): far longer than the 300 ms grace period.
    const moves = 24;
    for (let i = 1; i <= moves; i++) {
      await page.hover(
        stop.x + ((target.x - stop.x) * i) / moves,
        stop.y + ((target.y - stop.y) * i) / moves,
      );
      await sleep(40);
    }
    await sleep(800);
    const times = await page.evaluate(
      () => (window as unknown as { __ccFixtureMoves: number[] }).__ccFixtureMoves,
    );
    const longestGap = Math.max(0, ...times.slice(1).map((t, i) => t - times[i]!));
    expect(
      (await cardState(e2e, article.url))?.entityId,
      `${times.length} pointer moves, ${(times.at(-1)! - times[0]!).toFixed(0)} ms, longest gap ${longestGap.toFixed(0)} ms`,
    ).toBe('stopsim');
    await page.hover(1200, 880);
    await waitForNoCard(e2e, article.url, 2000);
  });

  it('moves between adjacent mentions without closing the card in between', async () => {
    const page = await article.open();
    const stop = await mark(page, 'StopSIM');
    const nhse = await mark(page, 'NHS England');
    expect(Math.abs(stop.y - nhse.y)).toBeLessThan(2); // same line
    await hoverOpen(e2e, page, article.url, stop, 'stopsim');
    let sampling = true;
    const samples: (string | null)[] = [];
    const sampler = (async () => {
      while (sampling) samples.push((await cardState(e2e, article.url))?.entityId ?? null);
    })();
    await page.hover(nhse.x, nhse.y);
    await waitForCard(e2e, article.url, 'nhs-england');
    sampling = false;
    await sampler;
    expect(samples).not.toContain(null);
    expect(samples.at(-1)).toBe('nhs-england');
  });

  it('never opens over the pointer or the hovered line, and does not reopen in a loop', async () => {
    const page = await article.open();
    const stop = await mark(page, 'StopSIM');
    const s = await hoverOpen(e2e, page, article.url, stop, 'stopsim');
    for (const line of stop.rects) expect(intersects(s.rect, line)).toBe(false);
    // Closed with Escape while the pointer stays on the mention: it stays closed.
    await page.press('Escape');
    await waitForNoCard(e2e, article.url, 2000);
    await sleep(1000);
    expect(await cardState(e2e, article.url)).toBeNull();
    // Leaving (for a few frames: hover is sampled once per frame) and coming back opens it again.
    await page.hover(20, stop.y + 200);
    await sleep(100);
    await page.hover(stop.x, stop.y);
    await waitForCard(e2e, article.url, 'stopsim');
  });

  it('a pinned card stays open and is not replaced by hovering; there is only ever one card', async () => {
    const page = await article.open();
    const stop = await mark(page, 'StopSIM');
    const nhse = await mark(page, 'NHS England');
    await hoverOpen(e2e, page, article.url, stop, 'stopsim');
    await clickControl(e2e, page, article.url, /^Keep this card open$/);
    expect((await cardState(e2e, article.url))!.pinned).toBe(true);
    await page.hover(1200, 880);
    await sleep(1000);
    expect((await cardState(e2e, article.url))?.entityId).toBe('stopsim');
    await page.hover(nhse.x, nhse.y);
    await sleep(1000);
    expect((await cardState(e2e, article.url))?.entityId).toBe('stopsim');
    expect(await page.evaluate(() => document.querySelectorAll('context-cards-card').length)).toBe(
      1,
    );
    await clickControl(e2e, page, article.url, /^Close$/);
    await waitForNoCard(e2e, article.url, 2000);
  });

  it('touch: a tap opens the card without following the link; a tap outside closes it; a second tap follows it', async () => {
    const page = await article.open();
    const stop = await mark(page, 'StopSIM'); // inside a link
    await page.tap(stop.x, stop.y);
    const s = await waitForCard(e2e, article.url, 'stopsim');
    expect(s.openedBy).toBe('tap');
    await sleep(500);
    expect(await page.evaluate(() => location.pathname)).toBe(CARD_ARTICLE);
    await page.tap(1200, 880);
    await waitForNoCard(e2e, article.url, 2000);
    await page.tap(stop.x, stop.y);
    await waitForCard(e2e, article.url, 'stopsim');
    await page.tap(stop.x, stop.y);
    await page.waitFor(() => location.pathname.endsWith('/target.html'));
  });

  it('keyboard: next and previous move through the mentions, Enter enters the card, Tab moves inside, Escape returns focus', async () => {
    const page = await article.open();
    const order = (await e2e.bridge.details(article.url)).mentions.map((m) => m.entityId);
    expect(order.length).toBeGreaterThanOrEqual(3);
    await page.evaluate(() => document.getElementById('before')!.focus());

    await page.press('Alt+Shift+Period');
    let s = await waitForCard(e2e, article.url, order[0]);
    expect(s.openedBy).toBe('keyboard');
    expect(s.announcement).toContain(`Mention 1 of ${order.length}`);
    // The card is already open: Enter moves focus into it, and the announcement says so.
    expect(s.announcement).toContain('Its card is open: press Enter to move into it');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('before');

    await page.press('Alt+Shift+Period');
    await waitForCard(e2e, article.url, order[1]);
    // The last mention is far below: the page scrolls to it.
    for (let i = 2; i < order.length; i++) await page.press('Alt+Shift+Period');
    s = await waitForCard(e2e, article.url, order.at(-1));
    const scrolled = await page.evaluate(() => scrollY);
    expect(scrolled).toBeGreaterThan(500);
    expect(s.announcement).toContain(`Mention ${order.length} of ${order.length}`);
    await page.press('Alt+Shift+Comma');
    await waitForCard(e2e, article.url, order.at(-2));
    await page.press('Alt+Shift+Period');
    await waitForCard(e2e, article.url, order.at(-1));

    await page.press('Enter');
    await page.waitFor(() => document.activeElement?.localName === 'context-cards-card');
    s = (await cardState(e2e, article.url))!;
    expect(s.focused).toBe('dialog');
    await page.press('Tab');
    s = (await cardState(e2e, article.url))!;
    expect(s.focused).toBe(s.controls[0]!.name);
    await page.press('Alt+Shift+Comma'); // from inside the card: focus stays in the card
    s = await waitForCard(e2e, article.url, order.at(-2));
    expect(s.focused).toBe('dialog');
    s = (await poll(
      () => cardState(e2e, article.url),
      (v) => !!v?.announcement.includes('You are in its card'),
    ))!;
    expect(s.announcement).not.toContain('press Enter');
    await page.press('Escape');
    await waitForNoCard(e2e, article.url, 2000);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('before');
    expect(page.errors).toEqual([]);
  });

  it('keyboard: shortcuts can be changed or turned off; browser commands are relayed; the count is announced on request', async () => {
    const page = await article.open();
    const order = (await e2e.bridge.details(article.url)).mentions.map((m) => m.entityId);
    await setSettings(article.ext, {
      card: {
        shortcuts: { enabled: true, next: 'Alt+Shift+J', previous: '', count: 'Alt+Shift+K' },
      },
    });
    await sleep(500); // the content script restarts with the new settings
    await page.press('Alt+Shift+Period');
    await sleep(600);
    expect(await cardState(e2e, article.url)).toBeNull();
    await page.press('Alt+Shift+KeyJ');
    await waitForCard(e2e, article.url, order[0]);
    await page.press('Alt+Shift+KeyK');
    const terms = new Set(order).size;
    let s = await waitForCard(e2e, article.url);
    for (let i = 0; i < 20 && !s.announcement.startsWith('Marked'); i++) {
      await sleep(100);
      s = (await cardState(e2e, article.url))!;
    }
    expect(s.announcement).toBe(`Marked on this page: ${order.length} mentions of ${terms} terms.`);
    // What the background sends when a browser `commands` shortcut is pressed.
    expect(
      await e2e.bridge.call<boolean>(article.url, 'tab/card-command', { command: 'next-mention' }),
    ).toBe(true);
    await waitForCard(e2e, article.url, order[1]);

    await setSettings(article.ext, { card: { shortcuts: { enabled: false } } });
    await waitForNoCard(e2e, article.url); // the restart closes the card
    await page.press('Alt+Shift+KeyJ');
    await sleep(600);
    expect(await cardState(e2e, article.url)).toBeNull();
    expect(
      await e2e.bridge.call<boolean>(article.url, 'tab/card-command', { command: 'next-mention' }),
    ).toBe(false);
  });
});
