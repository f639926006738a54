/**
 * Writing text to the clipboard from the card (a content script in the page's frame).
 *
 * `navigator.clipboard` exists only in secure contexts, and many news pages are still served over
 * http, so the fallback is `execCommand('copy')` inside the click that asked for it, with a
 * capture-phase `copy` listener that sets the text and stops the event there: news sites' own
 * copy listeners (which append "Read more at…" to copied text) never see it.
 *
 * Owns: the clipboard write. Never: reads the clipboard.
 */
export async function writeClipboard(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied (e.g. the document lost focus): fall through to the user-gesture fallback.
    }
  }
  let written = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    e.stopImmediatePropagation();
    written = true;
  };
  window.addEventListener('copy', onCopy, { capture: true });
  try {
    return document.execCommand('copy') && written;
  } catch {
    return false;
  } finally {
    window.removeEventListener('copy', onCopy, { capture: true });
  }
}
