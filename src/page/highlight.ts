/**
 * The default renderer: marks mentions with the CSS Custom Highlight API. The page's DOM is never
 * touched: ranges are `StaticRange`s in a `Highlight` registered under a prefixed name, and the
 * styles come from `marks.css`, injected by the browser as a content-script stylesheet.
 *
 * Owns: our entries in `CSS.highlights`. Never: wraps, splits or inserts anything.
 */
import type { HighlightStyle } from '../shared/settings.ts';
import { PREFIX } from './collect.ts';
import type { PageMention } from './mentions.ts';

/** Highlight names per style; each is styled in `marks.css` ("plain" has no style). */
export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: `${PREFIX}-underline`,
  background: `${PREFIX}-background`,
  none: `${PREFIX}-plain`,
};
export const ACTIVE_HIGHLIGHT = `${PREFIX}-active`;

export interface Painter {
  add(mentions: PageMention[]): void;
  remove(mentions: PageMention[]): void;
  /** Shows one mention as active (its card is open), or none. */
  setActive(mention: PageMention | undefined): void;
  destroy(): void;
}

export function createHighlightPainter(style: HighlightStyle): Painter {
  const name = HIGHLIGHT_NAMES[style];
  const highlight = new Highlight();
  const active = new Highlight();
  active.priority = 1;
  CSS.highlights.set(name, highlight);
  CSS.highlights.set(ACTIVE_HIGHLIGHT, active);
  return {
    add(mentions) {
      for (const m of mentions) highlight.add(m.range);
    },
    remove(mentions) {
      for (const m of mentions) highlight.delete(m.range);
    },
    setActive(mention) {
      active.clear();
      if (mention) active.add(mention.range);
    },
    destroy() {
      highlight.clear();
      active.clear();
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
      if (CSS.highlights.get(ACTIVE_HIGHLIGHT) === active) CSS.highlights.delete(ACTIVE_HIGHLIGHT);
    },
  };
}
