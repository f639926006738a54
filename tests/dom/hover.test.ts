/**
 * Hit-testing: the caret position under a point, looked up in our interval index and confirmed
 * against the mention's boxes, in light DOM, open shadow roots and wrap mode; and the delegated,
 * frame-throttled pointer listener.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { initHover, mentionAt } from '../../src/page/hover.ts';
import { liveRange, type PageMention } from '../../src/page/mentions.ts';
import { html, run } from './helpers.ts';

const STYLE = 'font: 20px/1.5 monospace; width: 600px; margin: 20px;';

function centre(m: PageMention) {
  const r = liveRange(m).getClientRects()[0]!;
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, rect: r };
}

describe('mentionAt', () => {
  it('finds the mention under a point, and nothing beside it', async () => {
    html(`<p style="${STYLE}">Today <em>NHS England</em> said more.</p>`);
    const { engine } = await run();
    const [m] = engine.mentions();
    const { x, y, rect } = centre(m!);
    expect(mentionAt(engine.index, x, y)).toBe(m);
    expect(mentionAt(engine.index, rect.left + 1, y)).toBe(m);
    expect(mentionAt(engine.index, rect.right + 25, y)).toBeUndefined();
    expect(mentionAt(engine.index, x, rect.bottom + 40)).toBeUndefined();
  });

  it('finds a mention split across inline elements by any of its parts', async () => {
    html(`<p style="${STYLE}">The Serenity <b>Integrated</b> Mentoring model.</p>`);
    const { engine } = await run();
    const [m] = engine.mentions();
    const b = document.querySelector('b')!.getBoundingClientRect();
    expect(mentionAt(engine.index, b.left + b.width / 2, b.top + b.height / 2)).toBe(m);
  });

  it('looks inside open shadow roots', async () => {
    const root = html('<div id="host"></div>');
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<p style="${STYLE}">Inside, StopSIM spoke.</p>`;
    const { engine } = await run();
    const [m] = engine.mentions();
    const { x, y } = centre(m!);
    expect(mentionAt(engine.index, x, y)).toBe(m);
  });

  it('works in wrap mode', async () => {
    html(`<p style="${STYLE}">Today NHS England said.</p>`);
    const { engine } = await run({ renderer: 'wrap' });
    const [m] = engine.mentions();
    const { x, y } = centre(m!);
    expect(mentionAt(engine.index, x, y)).toBe(m);
  });
});

describe('initHover', () => {
  it("reports entering and leaving on real input, and ignores a page script's synthetic moves", async () => {
    html(`<p style="${STYLE}">Today NHS England said.</p>`);
    const r = await run();
    const [m] = r.engine.mentions();
    const { x, y } = centre(m!);
    const seen: (PageMention | undefined)[] = [];
    initHover(r.controller.signal, r.engine.index, (hit) => seen.push(hit));
    // Real input (the listener ignores events a script dispatches).
    const move = (cx: number, cy: number) =>
      userEvent.hover(document.documentElement, { position: { x: cx, y: cy } });
    const frame = () => new Promise((res) => requestAnimationFrame(() => res(undefined)));
    await move(5, 5);
    await move(x - 2, y);
    await move(x, y);
    await frame();
    await frame();
    expect(seen).toEqual([m]);
    await move(5, 5);
    await frame();
    await frame();
    expect(seen).toEqual([m, undefined]);
    // A page script's synthetic move is ignored.
    document.dispatchEvent(
      new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse' }),
    );
    await frame();
    await frame();
    expect(seen).toEqual([m, undefined]);
  });
});
