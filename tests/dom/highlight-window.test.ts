/**
 * The highlight renderer's windowed painting (src/page/highlight.ts), real Chromium: past
 * `VIEWPORT_PAINT_AFTER` marks, only the marks of elements near the viewport are registered; an element
 * far away never costs a range for its marks (a dense page has thousands), and marks painted
 * before windowing began are taken down once the observer reports them far.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHighlightPainter,
  HIGHLIGHT_NAMES,
  VIEWPORT_PAINT_AFTER,
} from '../../src/page/highlight.ts';
import type { PageMention } from '../../src/page/mentions.ts';

const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
};

/** One mention per paragraph, counting the ranges asked of it. */
function mentions(count: number) {
  document.body.innerHTML = Array.from(
    { length: count },
    (_, i) => `<p style="height:60px;margin:0">StopSIM ${i}</p>`,
  ).join('');
  const made = new Set<number>();
  const list = [...document.querySelectorAll('p')].map((p, i) => {
    const node = p.firstChild as Text;
    let range: StaticRange | undefined;
    return {
      id: i,
      element: p,
      get range() {
        made.add(i);
        return (range ??= new StaticRange({
          startContainer: node,
          startOffset: 0,
          endContainer: node,
          endOffset: 7,
        }));
      },
    } as unknown as PageMention;
  });
  return { list, made };
}

describe('windowed painting', () => {
  const painters: { destroy(): void }[] = [];
  afterEach(() => {
    for (const p of painters.splice(0)) p.destroy();
    document.body.replaceChildren();
    window.scrollTo(0, 0);
  });

  it('registers only the marks near the viewport, and makes no range for the others', async () => {
    const total = VIEWPORT_PAINT_AFTER * 4;
    const { list, made } = mentions(total);
    const painter = createHighlightPainter('underline');
    painters.push(painter);
    // Painted as the marker does, in batches.
    for (let i = 0; i < total; i += 64) painter.add(list.slice(i, i + 64));
    await frames(3);
    const highlight = CSS.highlights.get(HIGHLIGHT_NAMES.underline)!;
    // The first VIEWPORT_PAINT_AFTER were painted directly (a range each); of the rest, none was made a
    // range (the top of the page is in view).
    expect([...made].filter((i) => i >= VIEWPORT_PAINT_AFTER)).toEqual([]);
    // What is registered is near the viewport (the observer's root is the top-level viewport,
    // of which this frame may be a part: within a screen above or below this frame's).
    expect(highlight.size).toBeGreaterThan(0);
    expect(highlight.size).toBeLessThan(VIEWPORT_PAINT_AFTER / 4);
    for (const m of list.slice(0, VIEWPORT_PAINT_AFTER)) {
      if (!highlight.has(m.range)) continue;
      const r = (m as unknown as { element: Element }).element.getBoundingClientRect();
      expect(r.bottom).toBeGreaterThanOrEqual(-innerHeight);
      expect(r.top).toBeLessThanOrEqual(2 * innerHeight);
    }
    // Scrolled far down: the marks there are shown, those at the top taken down.
    (list[total - 1] as unknown as { element: Element }).element.scrollIntoView();
    await frames(3);
    expect(highlight.has(list[total - 1]!.range)).toBe(true);
    expect(highlight.has(list[0]!.range)).toBe(false);
    expect(highlight.size).toBeLessThan(VIEWPORT_PAINT_AFTER);
  });
});
