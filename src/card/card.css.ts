/**
 * The card's stylesheet, adopted by its closed shadow root (see `host.ts` for the host's reset).
 *
 * Nothing here can match the page, and page selectors cannot match anything here. Custom
 * properties are the one thing that inherits into a shadow tree, so every one the card reads is
 * set on `.card` itself (a page's `--cc-bg` never reaches a rule) and prefixed anyway. Sizes are
 * in px, not rem: rem would follow the page's root font size, px follows the browser's zoom.
 * Contrast: every text/background pair meets WCAG AA (checked by axe in the dom and e2e tests).
 */
export const CARD_CSS = `
.card {
  --cc-bg: #ffffff; --cc-fg: #1b1f24; --cc-muted: #4d5661; --cc-line: #d0d7de; --cc-accent: #0a5870;
  --cc-chip: #eef1f4; --cc-focus: #0a5870; --cc-shadow: 0 10px 30px rgba(15, 23, 42, .22), 0 1px 3px rgba(15, 23, 42, .12);
  color-scheme: light;
  position: fixed; top: 0; left: 0; box-sizing: border-box; margin: 0;
  width: min(400px, calc(100vw - 16px)); max-height: min(600px, calc(100vh - 16px));
  background: var(--cc-bg); color: var(--cc-fg); border: 1px solid var(--cc-line); border-radius: 10px;
  box-shadow: var(--cc-shadow);
  font: 400 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  text-align: start; text-transform: none; letter-spacing: normal; word-spacing: normal; white-space: normal;
  overflow-wrap: anywhere; font-style: normal; font-variant: normal; text-shadow: none; cursor: auto;
  visibility: visible; pointer-events: auto; user-select: text; -webkit-user-select: text;
}
.card[data-theme="dark"] {
  --cc-bg: #1d2228; --cc-fg: #e8edf2; --cc-muted: #aab4bf; --cc-line: #3a424c; --cc-accent: #7cc9e0;
  --cc-chip: #2a313a; --cc-focus: #7cc9e0; --cc-shadow: 0 10px 30px rgba(0, 0, 0, .55), 0 1px 3px rgba(0, 0, 0, .4);
  color-scheme: dark;
}
@media (prefers-color-scheme: dark) {
  .card[data-theme="auto"] {
    --cc-bg: #1d2228; --cc-fg: #e8edf2; --cc-muted: #aab4bf; --cc-line: #3a424c; --cc-accent: #7cc9e0;
    --cc-chip: #2a313a; --cc-focus: #7cc9e0; --cc-shadow: 0 10px 30px rgba(0, 0, 0, .55), 0 1px 3px rgba(0, 0, 0, .4);
    color-scheme: dark;
  }
}
/* A card with "since this article" may be taller where the window allows (position.ts). */
.card.tall { max-height: min(680px, calc(100vh - 16px)); }
.card.animate { animation: cc-card-in 140ms ease-out; }
@keyframes cc-card-in { from { opacity: 0; transform: translateY(3px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .card.animate { animation: none; } }
.card *, .card *::before, .card *::after { box-sizing: border-box; }
.card:focus { outline: none; }
.card:focus-visible { outline: 2px solid var(--cc-focus); outline-offset: 2px; }
.card :focus-visible { outline: 2px solid var(--cc-focus); outline-offset: 1px; border-radius: 4px; }
/* Resets without specificity (:where), so the component rules below always win. */
:where(.card) :where(p, ul, ol, h2, h3, figure) { margin: 0; padding: 0; }
:where(.card) :where(button) { font: inherit; color: inherit; margin: 0; }
:where(.card) :where(a) { color: var(--cc-accent); text-decoration: underline; text-underline-offset: 2px; }
/* Header and footer stay in view; the body scrolls. On short viewports (a phone held sideways,
   200 % zoom) the whole card scrolls instead, so the body never shrinks to nothing. */
.card { display: flex; flex-direction: column; overflow: hidden; padding: 0; }
.head { padding: 12px 14px 0; }
.body { flex: 1 1 auto; min-height: 0; overflow: auto; overscroll-behavior: contain; padding: 0 14px 8px;
  scrollbar-width: thin; scrollbar-color: var(--cc-line) transparent; }
@media (max-height: 520px) {
  .card { display: block; overflow: auto; }
  .body { overflow: visible; }
}
.head { display: flex; align-items: flex-start; gap: 4px; }
.titles { flex: 1; min-width: 0; }
.name { font-size: 16px; line-height: 1.3; font-weight: 650; color: var(--cc-fg); }
.kind { margin-top: 2px; color: var(--cc-muted); font-size: 12px; letter-spacing: .03em; text-transform: uppercase; }
.icon-button { appearance: none; display: inline-flex; align-items: center; justify-content: center; flex: none;
  width: 28px; height: 28px; padding: 0; border: 1px solid transparent; border-radius: 6px; background: transparent;
  color: var(--cc-muted); cursor: pointer; }
.icon-button:hover { background: var(--cc-chip); color: var(--cc-fg); }
.icon-button[aria-pressed="true"] { background: var(--cc-chip); color: var(--cc-accent); border-color: var(--cc-line); }
.icon { width: 16px; height: 16px; fill: none; stroke: currentColor; stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }

.summary { margin-top: 8px; }
.section-h { margin-top: 10px; margin-bottom: 2px; font-size: 12px; font-weight: 650; color: var(--cc-muted);
  letter-spacing: .03em; text-transform: uppercase; }
.summary + .facts ul { margin-top: 6px; }
.facts ul { padding-inline-start: 18px; }
.facts li { margin: 4px 0; }
.meta { margin-inline-start: 2px; }
.meta > * { margin-inline-start: 4px; }
.chip, .date { display: inline-block; vertical-align: baseline; font-size: 11.5px; line-height: 1.5; color: var(--cc-muted); background: var(--cc-chip);
  border-radius: 999px; padding: 0 7px; white-space: nowrap; }
.chip { appearance: none; border: 1px dashed var(--cc-line); margin: 0; cursor: help; }
.chip:hover, .chip[aria-expanded="true"] { color: var(--cc-fg); border-style: solid; }
.legend { margin: 6px 0 2px; padding: 8px 10px; border: 1px solid var(--cc-line); border-radius: 8px;
  font-size: 12.5px; line-height: 1.4; }
.legend-h { font-weight: 650; }
.legend-intro { margin-top: 2px; color: var(--cc-muted); }
.legend dl { margin: 6px 0 0; }
.legend dl > div { margin: 3px 0; padding-inline-start: 8px; border-inline-start: 3px solid transparent; }
.legend dl > div.current { border-inline-start-color: var(--cc-accent); }
.legend dt { display: inline; font-weight: 600; }
.legend dt::after { content: ": "; }
.legend dd { display: inline; margin: 0; color: var(--cc-muted); }
.contested { display: block; margin-top: 2px; font-size: 13px; color: var(--cc-muted); }
.cite { appearance: none; border: 0; background: none; padding: 0 1px; cursor: pointer; color: var(--cc-accent);
  font-size: 11.5px; vertical-align: super; line-height: 1; }
.cite:hover { text-decoration: underline; }
.plain { list-style: none; }
.plain li { margin: 3px 0; }
.link-button { appearance: none; border: 0; background: none; padding: 0; cursor: pointer; color: var(--cc-accent);
  text-decoration: underline; text-underline-offset: 2px; text-align: start; }
.relation { color: var(--cc-muted); }
.when { font-weight: 600; font-variant-numeric: tabular-nums; }

/* "Since this article": compact, one line per development where it fits (a short date, the
   text, its citations) at the body's full width, under a hairline like More's. */
.since { margin-top: 8px; padding-top: 4px; border-top: 1px solid var(--cc-line); }
.since-head { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 8px; }
.since-h { flex: 1 1 auto; min-width: 0; font-size: 12px; line-height: 1.35; font-weight: 600; color: var(--cc-fg); }
.since-more { flex: none; margin-inline-start: auto; font-size: 12px; line-height: 1.35; }
.since-list { list-style: none; font-size: 13px; line-height: 1.35; }
.since-list li { margin: 2px 0 0; }
.since-list .when { margin-inline-end: 2px; font-size: 12px; font-weight: 600; color: var(--cc-muted); white-space: nowrap; }
/* Raised by offset, not vertical-align: a superscript would make its line taller than the rest. */
.since-list .cite { vertical-align: baseline; position: relative; top: -0.35em; }
.newer { display: inline-block; vertical-align: baseline; font-size: 11.5px; line-height: 1.5; color: var(--cc-accent);
  border: 1px solid currentColor; border-radius: 999px; padding: 0 6px; white-space: nowrap; }
.more-button { appearance: none; display: flex; align-items: baseline; gap: 6px; width: 100%; margin: 8px 0 0;
  padding: 5px 0 3px; border: 0; border-top: 1px solid var(--cc-line); background: none; color: var(--cc-accent);
  cursor: pointer; text-align: start; font-size: 13px; }
/* The chevron is drawn in CSS: the card's only SVG are the icon buttons' (see reliability-xss). */
.more-button::before { content: ""; flex: none; align-self: center; width: 6px; height: 6px; margin: 0 3px 3px 2px;
  border: solid currentColor; border-width: 0 1.6px 1.6px 0; transform: rotate(45deg); transition: transform 120ms ease-out; }
.more-button[aria-expanded="true"]::before { transform: translateY(3px) rotate(225deg); }
.more-label { font-weight: 600; }
.more-hint { color: var(--cc-muted); min-width: 0; }
.more-button:hover .more-label { text-decoration: underline; }
@media (prefers-reduced-motion: reduce) { .more-button::before { transition: none; } }
.more > section:first-child .section-h { margin-top: 6px; }
.about p { font-size: 12.5px; color: var(--cc-muted); }

/* Sources and "Why highlighted" share a row while closed; an open one takes the full width. */
.disclosures { display: flex; flex-wrap: wrap; column-gap: 18px; }
details { margin-top: 6px; }
details[open] { flex-basis: 100%; }
summary { cursor: pointer; color: var(--cc-accent); font-weight: 600; font-size: 13px; }
details[open] > summary { margin-bottom: 4px; }
.sources ol { padding-inline-start: 22px; font-size: 13px; }
.sources li { margin: 4px 0; }
.sources li:focus { outline: 2px solid var(--cc-focus); outline-offset: 1px; border-radius: 4px; }
.sources .described { font-style: italic; }
.why { font-size: 13px; }

.foot { padding: 6px 14px 8px; border-top: 1px solid var(--cc-line); font-size: 12px;
  color: var(--cc-muted); }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
.action { appearance: none; border: 1px solid var(--cc-line); background: var(--cc-bg); color: var(--cc-fg);
  border-radius: 6px; padding: 2px 9px; font-size: 12.5px; line-height: 1.5; cursor: pointer; }
.action:hover { background: var(--cc-chip); }
.actions-more { width: 32px; height: 26px; margin-inline-start: auto; border-color: var(--cc-line); }
.actions-more[aria-expanded="true"] { background: var(--cc-chip); color: var(--cc-fg); }
.actions-more .icon { stroke-width: 2.6; }
.menu { display: flex; flex-direction: column; margin-top: 6px; padding: 3px; border: 1px solid var(--cc-line);
  border-radius: 8px; }
.menu-item { appearance: none; border: 0; background: none; color: var(--cc-fg); text-align: start; cursor: pointer;
  padding: 5px 8px; border-radius: 5px; font-size: 13px; line-height: 1.4; }
.menu-item:hover { background: var(--cc-chip); }
.status { margin-top: 4px; font-size: 12.5px; color: var(--cc-muted); }
.support { margin-top: 4px; color: var(--cc-fg); }

/* "Report a problem", in the body's place. */
.report { padding: 8px 0 4px; }
.report-h { font-size: 14px; line-height: 1.35; font-weight: 650; }
.report-intro { margin-top: 2px; font-size: 12.5px; line-height: 1.4; color: var(--cc-muted); }
.report-label { display: block; margin-top: 8px; font-size: 12.5px; font-weight: 600; }
.report-field { display: block; width: 100%; margin: 3px 0 0; padding: 4px 6px; font: inherit; font-size: 13px;
  color: var(--cc-fg); background: var(--cc-bg); border: 1px solid var(--cc-line); border-radius: 6px; }
textarea.report-field { min-height: 64px; resize: vertical; }
.report-page { display: block; margin-top: 8px; font-size: 12.5px; }
.report-page input { margin: 0 2px 0 0; vertical-align: -2px; accent-color: var(--cc-accent); }
.report-address { color: var(--cc-muted); }
.report-preview pre { margin: 0; padding: 6px 8px; border-radius: 6px; background: var(--cc-chip); white-space: pre-wrap;
  font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.report-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
a.action { display: inline-block; color: var(--cc-fg); text-decoration: none; }
.report-note, .report-status { margin-top: 4px; font-size: 12.5px; color: var(--cc-muted); }
.report-status:empty { display: none; }
.about-links { display: flex; flex-wrap: wrap; column-gap: 14px; margin-top: 2px; font-size: 12.5px; }

/* The confirmation left in the card's place after "Hide this term on this site". */
.notice { width: min(400px, calc(100vw - 16px)); max-height: none; padding: 10px 12px; font-size: 13.5px; }
.notice-row { display: flex; align-items: flex-start; gap: 8px; }
.notice-text { flex: 1; min-width: 0; }
.notice-where { margin-top: 2px; font-size: 12.5px; color: var(--cc-muted); }
.notice .action { flex: none; }
.visually-hidden, .live { position: absolute !important; width: 1px !important; height: 1px !important;
  margin: -1px !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important;
  clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important; }
`;
