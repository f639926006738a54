/**
 * The default renderer: marks mentions with the CSS Custom Highlight API. The page's DOM is never
 * touched: ranges are `StaticRange`s (thousands of live `Range`s would slow every later DOM change
 * of the page) in a `Highlight` registered under a prefixed name, and the styles come from
 * `marks.css`, injected by the browser as a content-script stylesheet.
 *
 * Open shadow roots: the document's stylesheets do not reach inside them, so `::highlight()`
 * rules would not apply there. For each shadow root holding a mark we append one constructed
 * stylesheet to its `adoptedStyleSheets`: nothing enters the DOM tree (the page's markup and
 * `outerHTML` are unchanged), and `destroy()` takes the sheet out again.
 *
 * Owns: our entries in `CSS.highlights` and our adopted sheets. Never: wraps, splits or inserts.
 */
import type { HighlightStyle } from '../shared/settings.ts';
import { PREFIX } from './collect.ts';
import MARKS_CSS from './marks.css?raw';
import type { PageMention } from './mentions.ts';

/** Highlight names per style; each is styled in `marks.css` ("plain" has no style). */
export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: `${PREFIX}-underline`,
  background: `${PREFIX}-background`,
  none: `${PREFIX}-plain`,
};
export const ACTIVE_HIGHLIGHT = `${PREFIX}-active`;

export interface Painter {
  /** Shows mentions. A painter may move their `range` and `segments` (the wrap renderer does). */
  add(mentions: readonly PageMention[]): void;
  remove(mentions: readonly PageMention[]): void;
  /** Shows one mention as active (its card is open), or none. */
  setActive(mention: PageMention | undefined): void;
  /** Makes the marks' styles apply inside an open shadow root that holds marks. */
  coverShadowRoot(root: ShadowRoot): void;
  destroy(): void;
}

/** Our stylesheet inside open shadow roots, adopted on first use in each. */
export class ShadowStyles {
  private sheet: CSSStyleSheet | undefined;
  private roots = new Set<ShadowRoot>();

  cover(root: ShadowRoot): void {
    if (this.roots.has(root)) return;
    this.roots.add(root);
    try {
      if (!this.sheet) {
        this.sheet = new CSSStyleSheet();
        this.sheet.replaceSync(MARKS_CSS);
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    } catch (e) {
      console.warn('[Context Cards] cannot style marks in a shadow root:', e);
    }
  }

  destroy(): void {
    for (const root of this.roots) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
      } catch {
        // The root's owner replaced the list meanwhile: nothing of ours is left in it.
      }
    }
    this.roots.clear();
  }
}

export function createHighlightPainter(style: HighlightStyle): Painter {
  const name = HIGHLIGHT_NAMES[style];
  const highlight = new Highlight();
  const active = new Highlight();
  active.priority = 1;
  // Registered on first use: most pages get no mark, and registering costs a style pass.
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    CSS.highlights.set(name, highlight);
    CSS.highlights.set(ACTIVE_HIGHLIGHT, active);
  };
  const shadows = new ShadowStyles();
  return {
    add(mentions) {
      if (mentions.length > 0) register();
      for (const m of mentions) highlight.add(m.range);
    },
    remove(mentions) {
      for (const m of mentions) {
        highlight.delete(m.range);
        active.delete(m.range);
      }
    },
    setActive(mention) {
      active.clear();
      if (mention) {
        register();
        active.add(mention.range);
      }
    },
    coverShadowRoot: (root) => shadows.cover(root),
    destroy() {
      highlight.clear();
      active.clear();
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
      if (CSS.highlights.get(ACTIVE_HIGHLIGHT) === active) CSS.highlights.delete(ACTIVE_HIGHLIGHT);
      shadows.destroy();
    },
  };
}
