/**
 * The popup's first screen as static HTML, written into `index.html` at build time
 * (`build/pages-data.ts`), so the browser paints the search box and the start of the list while
 * the popup's scripts load; the app then renders the same markup in its place (`main.tsx`).
 *
 * Owns: that markup, which must match the popup's first render (`Popup.tsx`: no query, no tab
 * yet), and how many rows the first render holds. Never: runs in the popup (build only, apart
 * from `FIRST_ROWS`) or reads the browser.
 */

/** Rows rendered before the first paint: more than a popup shows; the rest follow a frame later. */
export const FIRST_ROWS = 8;

export interface ShellEntry {
  id: string;
  name: string;
  kind: string;
  summary: string;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The markup. `entries`: every entry in reading order; `message(key, substitutions)`: the UI text
 * (`_locales/en/messages.json`); `kindLabel(kind)`: an entry kind's label.
 */
export function popupShell(
  entries: readonly ShellEntry[],
  message: (key: string, substitutions?: string[]) => string,
  kindLabel: (kind: string) => string,
): string {
  const rows = entries
    .slice(0, FIRST_ROWS)
    .map(
      (e, i) =>
        `<li id="result-${esc(e.id)}" data-entity="${esc(e.id)}" data-field="name" role="option" aria-selected="${i === 0}">` +
        `<span class="result-head"><span class="name">${esc(e.name)}</span>` +
        `<span class="kind">${esc(kindLabel(e.kind))}</span></span>` +
        `<p class="summary">${esc(e.summary)}</p></li>`,
    )
    .join('');
  const search = esc(message('searchLabel'));
  return (
    `<main><header class="top"><h1>${esc(message('extName'))}</h1></header>` +
    `<div class="search"><input type="text" enterkeyhint="search" role="combobox" aria-expanded="true" aria-controls="results" aria-autocomplete="list" aria-label="${search}" placeholder="${esc(message('searchPlaceholder'))}" autofocus></div>` +
    `<div class="scroll"><h2 id="results-title" class="results-title">${esc(message('allEntries', [String(entries.length)]))}</h2>` +
    `<div id="results" role="listbox" aria-labelledby="results-title"><ul role="group">${rows}</ul></div></div>` +
    `<p class="visually-hidden" role="status"></p>` +
    `<footer class="links"><button type="button" class="link">${esc(message('openGlossary'))}</button>` +
    `<button type="button" class="link">${esc(message('openOptions'))}</button></footer></main>`
  );
}
