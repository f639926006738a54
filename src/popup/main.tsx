/**
 * Toolbar popup entry. The page's HTML already holds the popup's first screen (`shell.ts`, written
 * at build time), which the browser paints once this module has run; so this module only starts
 * loading the app (`app.tsx`) and starts it two frames later, once that first screen is out. The theme is
 * applied after the first paint (see `later.ts`).
 *
 * Owns: when the app starts. Never: renders.
 */
// Loaded meanwhile (a dynamic import does not hold up the page's first paint), and the tab asked
// what it marks, so "On this page" does not wait for the app to start first.
const app = import('./app.tsx');
const look = import('./later.ts').then((m) => m.firstLook());
const start = () => void app.then((m) => m.start(look));
if (document.getElementById('app')?.firstChild)
  requestAnimationFrame(() => requestAnimationFrame(start));
else start();
