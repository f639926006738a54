/**
 * The safe corridor between a mention and its open card: the convex hull of the point where the
 * pointer left the mention and the card's corners. While the pointer moves inside it, the reader
 * is on the way to the card, so the card stays open and other mentions crossed on the way do not
 * take over (the "safe triangle" of menu submenus, as in Radix's hover card grace area).
 *
 * Owns: the geometry. Pure: no DOM, no timers.
 */
export type Point = { x: number; y: number };
export type Box = { left: number; top: number; right: number; bottom: number };

const cross = (o: Point, a: Point, b: Point) =>
  (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** Convex hull, counter-clockwise (Andrew's monotone chain). */
export function hull(points: Point[]): Point[] {
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower.at(-2)!, lower.at(-1)!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (const q of p.reverse()) {
    while (upper.length >= 2 && cross(upper.at(-2)!, upper.at(-1)!, q) <= 0) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

export function insideConvex(poly: Point[], q: Point): boolean {
  if (poly.length < 3) return false;
  for (let i = 0; i < poly.length; i++)
    if (cross(poly[i]!, poly[(i + 1) % poly.length]!, q) < 0) return false;
  return true;
}

/**
 * The corridor from `exit` to `card`. The exit point is widened by `slack` px on each side, so a
 * hand that drifts a little while setting off is still on its way.
 */
export function corridor(exit: Point, card: Box, slack = 6): Point[] {
  return hull([
    { x: exit.x - slack, y: exit.y - slack },
    { x: exit.x + slack, y: exit.y - slack },
    { x: exit.x - slack, y: exit.y + slack },
    { x: exit.x + slack, y: exit.y + slack },
    { x: card.left, y: card.top },
    { x: card.right, y: card.top },
    { x: card.left, y: card.bottom },
    { x: card.right, y: card.bottom },
  ]);
}
