import { describe, expect, it } from 'vitest';
import { corridor, hull, insideConvex } from '../../src/page/corridor.ts';

describe('safe corridor', () => {
  it('hull drops inner points and keeps a convex outline', () => {
    const h = hull([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
      { x: 5, y: 5 },
    ]);
    expect(h).toHaveLength(4);
    expect(insideConvex(h, { x: 5, y: 5 })).toBe(true);
    expect(insideConvex(h, { x: 11, y: 5 })).toBe(false);
  });

  it('covers the way from the exit point down to a card below, and nothing beside it', () => {
    const card = { left: 100, top: 130, right: 480, bottom: 600 };
    const path = corridor({ x: 150, y: 110 }, card);
    expect(insideConvex(path, { x: 150, y: 120 })).toBe(true); // setting off
    expect(insideConvex(path, { x: 300, y: 128 })).toBe(true); // diagonally towards the card
    expect(insideConvex(path, { x: 300, y: 400 })).toBe(true); // inside the card
    expect(insideConvex(path, { x: 20, y: 112 })).toBe(false); // away to the left
    expect(insideConvex(path, { x: 150, y: 60 })).toBe(false); // upwards
    expect(insideConvex(path, { x: 600, y: 300 })).toBe(false); // past the card
  });

  it('is empty for degenerate input', () => {
    expect(insideConvex([], { x: 0, y: 0 })).toBe(false);
    expect(insideConvex(hull([{ x: 1, y: 1 }]), { x: 1, y: 1 })).toBe(false);
  });
});
