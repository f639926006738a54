/** The card's stylesheet, adopted by its closed shadow root. Every colour is a local variable. */
export const CARD_CSS = `
.card { --bg: #ffffff; --fg: #1b1f23; --muted: #57606a; --line: #d0d7de; --accent: #0b5c74;
  position: fixed; box-sizing: border-box; width: min(380px, calc(100vw - 16px)); max-height: min(70vh, 560px);
  overflow: auto; background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0,0,0,.18); padding: 14px 16px 10px; font: 14px/1.45 system-ui, -apple-system,
  "Segoe UI", Roboto, sans-serif; text-align: start; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
.name { font-size: 16px; font-weight: 650; margin: 0; }
.kind { margin: 2px 0 0; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.close { all: unset; cursor: pointer; font-size: 20px; line-height: 1; padding: 2px 6px; border-radius: 6px; color: var(--muted); }
.close:focus-visible { outline: 2px solid var(--accent); }
.summary { margin: 10px 0; }
.facts { margin: 0; padding-left: 18px; }
.facts li { margin: 6px 0; }
.cite { color: var(--accent); font-size: 11px; }
.evidence, .date { display: inline-block; margin-left: 6px; font-size: 11px; color: var(--muted); border: 1px solid var(--line);
  border-radius: 999px; padding: 0 6px; }
.sources { margin-top: 10px; font-size: 12px; }
.sources summary { cursor: pointer; color: var(--accent); }
.sources a { color: var(--accent); }
.foot { margin-top: 10px; border-top: 1px solid var(--line); padding-top: 6px; font-size: 11px; color: var(--muted); }
.foot p { margin: 2px 0; }
`;
