/**
 * Toolbar popup entry. The page's HTML already holds the popup's first screen (`shell.ts`, written
 * at build time), which the browser paints once this module has run; so this module loads nothing
 * itself: from the first frame on it loads the app (`app.tsx`), and starts it one frame later, over
 * the painted first screen. The theme is applied after the first paint (see `later.ts`).
 *
 * Owns: when the app starts. Never: renders.
 */
/** Loads the app and asks the tab what it marks (for "On this page") at once; starts the app. */
function load(then: (go: () => void) => void): void {
  const app = import('./app.tsx');
  const look = import('./later.ts').then((m) => m.firstLook());
  then(() => void app.then((m) => m.start(look)));
}

// After the first frame's paint (a task queued from its callback): starting to load costs time.
if (document.getElementById('app')?.firstChild)
  requestAnimationFrame(() => setTimeout(() => load((go) => requestAnimationFrame(go))));
else load((go) => go());
