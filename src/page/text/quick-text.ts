/**
 * The first look's reader (`QuickText`): the body's text as loaded, in a few native stretches.
 *
 * Owns: reading the body's text without counting text nodes. Never: tests it or changes the DOM.
 */
import { NOT_TEXT } from '../collect.ts';

/** The quick read is for pages of at most this much HTML (docs/perf.md#quick-read). */
export const QUICK_HTML = 2 << 20;
/** Where stretches end: elements left out, and every 64th child (a slice may end in a long run). */
export const QUICK_STOPS = `${[...NOT_TEXT].join(', ')}, :nth-child(64n)`;

/**
 * One `Range.toString()` per stretch between `QUICK_STOPS`, counting no text node. It holds the
 * characters of every text node the marker reads, in order, so an anchor in the marker's text is
 * in it too (text left out is joined up: at worst an anchor across two stretches lets more
 * through). A change made while it is read is tested on its own as well.
 */
export class QuickText {
  /** The joined text, once `done`. */
  text = '';
  done = false;
  #body: HTMLElement;
  #range = document.createRange();
  /** Where stretches end, in document order: before a left-out element or before a cut. */
  #stops: NodeListOf<Element>;
  #next = 0;
  /** The last stop passed: the next stretch starts after it (left out) or where it was (a cut). */
  #last: Element | undefined;
  #parts: string[] = [];

  /** The quick read of the page as loaded, or undefined past `QUICK_HTML` (or unknown). */
  static ofPage(body: HTMLElement): QuickText | undefined {
    const loaded = performance.getEntriesByType?.('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    if (!loaded || !(loaded.decodedBodySize <= QUICK_HTML)) return undefined;
    return new QuickText(body);
  }

  constructor(body: HTMLElement) {
    this.#body = body;
    this.#stops = body.querySelectorAll(QUICK_STOPS);
  }

  /** Reads stretches until `deadline` (one at least); true when the text is read. */
  run(deadline: number): boolean {
    const stops = this.#stops;
    const body = this.#body;
    const range = this.#range;
    let read = 0;
    while (this.#next <= stops.length) {
      if (read > 0 && performance.now() > deadline) return false;
      const stop = stops[this.#next++];
      const last = this.#last;
      const leftOut = last !== undefined && NOT_TEXT.has(last.localName);
      // Inside the element last left out (a style in a noscript): left out with it. A stop the
      // page has taken out meanwhile is passed over.
      if (stop && ((leftOut && last.contains(stop)) || !stop.isConnected)) continue;
      // The next stretch starts where the last one ended (the range is live: the browser keeps
      // that place through the page's changes), or after the element left out there.
      if (!last) range.setStart(body, 0);
      else if (leftOut && last.isConnected) range.setStartAfter(last);
      else range.setStart(range.endContainer, range.endOffset);
      if (stop) range.setEndBefore(stop);
      else range.setEnd(body, body.childNodes.length);
      this.#parts.push(range.toString());
      this.#last = stop;
      read++;
    }
    this.text = this.#parts.join('');
    this.#parts = [];
    this.done = true;
    return true;
  }
}
