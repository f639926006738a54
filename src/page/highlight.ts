/**
 * The default renderer: the CSS Custom Highlight API, the page's DOM never touched. Ranges are
 * `StaticRange`s (`mentions.ts`), styled by `marks.css`; inside an open shadow root, which the
 * document's sheets do not reach, by one constructed sheet added to its `adoptedStyleSheets`. Past
 * `VIEWPORT_PAINT_AFTER` marks only ranges near the viewport are registered, following an
 * `IntersectionObserver` (docs/perf.md#viewport-painting); every mention is still indexed.
 *
 * Owns: our entries in `CSS.highlights` and our adopted sheets. Never: wraps, splits or inserts.
 */
import type { HighlightStyle } from '../shared/settings.ts';
import { NAME_PREFIX } from './ours.ts';
import MARKS_CSS from './marks.css?raw';
import type { PageMention } from './mentions.ts';

/** Highlight names per style; each is styled in `marks.css` ("plain" has no style). */
export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: `${NAME_PREFIX}-underline`,
  background: `${NAME_PREFIX}-background`,
  none: `${NAME_PREFIX}-plain`,
};
export const ACTIVE_HIGHLIGHT = `${NAME_PREFIX}-active`;

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
  #sheet: CSSStyleSheet | undefined;
  #roots = new Set<ShadowRoot>();

  cover(root: ShadowRoot): void {
    if (this.#roots.has(root)) return;
    this.#roots.add(root);
    try {
      if (!this.#sheet) {
        this.#sheet = new CSSStyleSheet();
        this.#sheet.replaceSync(MARKS_CSS);
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
    } catch (e) {
      console.warn('[Context Cards] cannot style marks in a shadow root:', e);
    }
  }

  destroy(): void {
    for (const root of this.#roots) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.#sheet);
      } catch {
        // The root's owner replaced the list meanwhile: nothing of ours is left in it.
      }
    }
    this.#roots.clear();
  }
}

/** Marks painted directly; past this many, painting follows the viewport. */
export const VIEWPORT_PAINT_AFTER = 500;

export function createHighlightPainter(style: HighlightStyle): Painter {
  const name = HIGHLIGHT_NAMES[style];
  // Made and registered on first use: most pages get no mark, and constructing one costs.
  let highlight!: Highlight;
  let active!: Highlight;
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    highlight = new Highlight();
    active = new Highlight();
    active.priority = 1;
    CSS.highlights.set(name, highlight);
    CSS.highlights.set(ACTIVE_HIGHLIGHT, active);
  };
  const shadows = new ShadowStyles();
  let count = 0;
  /** Mentions painted before viewport painting started (then handed to it). */
  const direct = new Set<PageMention>();
  // Viewport painting (many marks): element → its mentions; the elements whose marks are shown
  // (near the viewport, or painted before it began and not yet reported far).
  let io: IntersectionObserver | undefined;
  const byElement = new Map<Element, Set<PageMention>>();
  const near = new Set<Element>();
  const elementOf = (m: PageMention) =>
    (m as { element?: Element }).element ??
    m.range.startContainer.parentElement ??
    document.documentElement;

  const track = (m: PageMention) => {
    const el = elementOf(m);
    let set = byElement.get(el);
    if (!set) {
      byElement.set(el, (set = new Set()));
      io!.observe(el);
    }
    set.add(m);
    if (near.has(el)) highlight.add(m.range);
  };
  const followViewport = () => {
    io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const set = byElement.get(e.target);
          if (!set) continue;
          if (e.isIntersecting) {
            near.add(e.target);
            for (const m of set) highlight.add(m.range);
          } else if (near.delete(e.target)) {
            // Only an element whose marks are shown has any to take down: the first report
            // of every element far from the viewport must not make a range per mention.
            for (const m of set) highlight.delete(m.range);
          }
        }
      },
      { rootMargin: '100% 0px' },
    );
    // Marks painted so far stay until the observer says where they are.
    for (const m of direct) {
      near.add(elementOf(m));
      track(m);
    }
    direct.clear();
  };

  return {
    add(mentions) {
      if (mentions.length === 0) return;
      register();
      count += mentions.length;
      if (!io && count > VIEWPORT_PAINT_AFTER) followViewport();
      if (io) for (const m of mentions) track(m);
      else
        for (const m of mentions) {
          highlight.add(m.range);
          direct.add(m);
        }
    },
    remove(mentions) {
      if (!registered) return;
      count -= mentions.length;
      for (const m of mentions) {
        highlight.delete(m.range);
        active.delete(m.range);
        direct.delete(m);
        if (!io) continue;
        const el = elementOf(m);
        const set = byElement.get(el);
        if (!set) continue;
        set.delete(m);
        if (set.size === 0) {
          byElement.delete(el);
          near.delete(el);
          io.unobserve(el);
        }
      }
    },
    setActive(mention) {
      if (mention) register();
      if (!registered) return;
      active.clear();
      if (mention) active.add(mention.range);
    },
    coverShadowRoot: (root) => shadows.cover(root),
    destroy() {
      io?.disconnect();
      direct.clear();
      byElement.clear();
      near.clear();
      if (!registered) return shadows.destroy();
      highlight.clear();
      active.clear();
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
      if (CSS.highlights.get(ACTIVE_HIGHLIGHT) === active) CSS.highlights.delete(ACTIVE_HIGHLIGHT);
      shadows.destroy();
    },
  };
}
