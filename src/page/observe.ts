/**
 * Watching the page: one `MutationObserver` per tree we read (the document and each open shadow
 * root), turning records into the few things the engine needs to know. Records are only
 * collected here; the engine processes them at most once per frame, in slices.
 *
 * Owns: the observers and their records. Never: reads text or changes the DOM.
 */
import { PREFIX, VISIBILITY_ATTRIBUTES } from './collect.ts';

/** Attributes whose change may show a block we skipped as hidden. */
const STYLE_ATTRIBUTES = ['class', 'style', 'open'];
/** A `<style>` or `<link>` element: adding or removing one restyles the page. */
const isSheet = (n: Node) => n.nodeName === 'STYLE' || n.nodeName === 'LINK';

export interface Changes {
  /** Nodes to read again: added, changed, or next to a removal. */
  touched: Node[];
  /** Some nodes were removed. */
  removed: boolean;
  /** Elements whose `hidden`, `aria-hidden` or `contenteditable` changed. */
  toggled: Element[];
  /** A class, style or `open` changed somewhere: hidden blocks may now show. */
  restyled: boolean;
}

const empty = (): Changes => ({ touched: [], removed: false, toggled: [], restyled: false });

const ours = (n: Node) => n.nodeType === 1 && (n as Element).localName.startsWith(PREFIX);

export class PageObserver {
  #observer: MutationObserver;
  #changes = empty();
  #count = 0;
  #roots: Node[] = [];
  #styles = false;

  #onRecords: () => void;
  constructor(onRecords: () => void) {
    this.#onRecords = onRecords;
    this.#observer = new MutationObserver((records) => this.#absorb(records));
  }

  observe(root: Node): void {
    if (!this.#roots.includes(root)) this.#roots.push(root);
    this.#observer.observe(root, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      // Class and style changes are frequent (animations): watched only while some block with
      // a mention is hidden and might be shown by one.
      attributeFilter: this.#styles
        ? [...VISIBILITY_ATTRIBUTES, ...STYLE_ATTRIBUTES]
        : VISIBILITY_ATTRIBUTES,
    });
  }

  /** Starts or stops watching class, style and `open` changes. */
  watchStyles(on: boolean): void {
    if (on === this.#styles) return;
    this.#styles = on;
    this.#absorb(this.#observer.takeRecords(), false);
    for (const root of this.#roots) this.observe(root);
  }

  /** True when changes are waiting. */
  get pending(): boolean {
    return this.#count > 0 || this.#changes.restyled;
  }

  /** The changes seen so far, left in place (the first look tests them before the marker takes them). */
  peek(): Changes {
    this.#absorb(this.#observer.takeRecords(), false);
    return this.#changes;
  }

  /** Takes the changes seen so far. */
  take(): Changes {
    this.#absorb(this.#observer.takeRecords(), false);
    const c = this.#changes;
    this.#changes = empty();
    this.#count = 0;
    return c;
  }

  /** Runs our own DOM writes (wrap renderer) so that their records are dropped. */
  quiet(write: () => void): void {
    this.#absorb(this.#observer.takeRecords(), false);
    try {
      write();
    } finally {
      this.#observer.takeRecords();
    }
  }

  disconnect(): void {
    this.#observer.disconnect();
  }

  #absorb(records: MutationRecord[], notify = true): void {
    const c = this.#changes;
    for (const r of records) {
      if (r.type === 'characterData') {
        c.touched.push(r.target);
      } else if (r.type === 'childList') {
        for (const n of r.addedNodes) {
          if (ours(n)) continue;
          c.touched.push(n);
          if (isSheet(n)) c.restyled = true;
        }
        if (r.removedNodes.length > 0) {
          c.removed = true;
          // A stylesheet taken out (an anti-flicker `body { visibility: hidden }`) may show text.
          for (const n of r.removedNodes) if (isSheet(n)) c.restyled = true;
          // Text either side of a removed node may now join up.
          if (r.previousSibling) c.touched.push(r.previousSibling);
          if (r.nextSibling) c.touched.push(r.nextSibling);
        }
      } else if (r.attributeName && STYLE_ATTRIBUTES.includes(r.attributeName)) {
        c.restyled = true;
        continue;
      } else if (!ours(r.target)) {
        c.toggled.push(r.target as Element);
      }
      this.#count++;
    }
    if (notify && records.length > 0) this.#onRecords();
  }
}
