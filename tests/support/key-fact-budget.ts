/**
 * The curator's budget for a card's default view (summary and key facts), shared by the content
 * test that holds the dataset to it (`tests/unit/dataset-content.test.ts`) and the layout test
 * that shows a default view at the budget fits the card (`tests/dom/card-render.test.tsx`).
 *
 * The card is at most 400 × 600 px; its default view must fit unscrolled at 1280 × 800 and show
 * the key facts above the fold at 390 × 844. Measured by the layout test with SIM's header (a name
 * on two lines and the support line leave the body 463 px at 1280 × 800): 700 characters take
 * 454 px with two key facts and 459 px with three, and at 390 × 844 the last key fact ends 40 and
 * 14 px above the fold; 750 characters with three key facts take 520 px, and the last ends 6 px
 * below the fold. Three key facts leave almost no slack, and a name on three lines takes a line
 * more: prefer two key facts, and the layout test over every live card has the last word.
 */

/** One key fact's text: about five lines at 390 px, one sentence a reader takes in at a glance. */
export const KEY_FACT_CHARS = 230;

/** Summary, key facts and their "Disputed by" lines (party and note), which the card shows. */
export const DEFAULT_VIEW_CHARS = 700;

/** The characters an entity's default view shows, as the budget counts them. */
export function defaultViewChars(e: {
  summary: string;
  facts: readonly {
    text: string;
    key?: boolean;
    contested?: { by: string; note: string };
  }[];
}): number {
  return e.facts
    .filter((f) => f.key)
    .reduce(
      (n, f) =>
        n + f.text.length + (f.contested ? f.contested.by.length + f.contested.note.length : 0),
      e.summary.length,
    );
}
