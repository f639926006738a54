/**
 * The change policy, in one place (after Dark Reader's `createOptimizedTreeObserver`): one
 * `MutationObserver` on every tree we read, whose callback only queues records; the loop takes
 * them as one batch at the next frame, and once the page is settled at most every
 * `CHANGE_GAP_MS`, all our work within a main-thread budget (docs/perf.md#change-batching). The
 * first look tests a batch's text with the anchors; the marker reads it again.
 *
 * Owns: the observers, their records, and when a batch may be taken. Never: reads text or
 * changes the DOM.
 */
import { VISIBILITY_ATTRIBUTES } from './collect.ts';
import { isOurs, isOurUi } from './ours.ts';
import { Budget, nextFrame } from './schedule.ts';

/** Once settled, a page's changes are taken at most this often (ms). */
export const CHANGE_GAP_MS = 100;

/** Attributes whose change may show a hidden block; sheets, whose coming or going restyles. */
const STYLE_ATTRIBUTES = ['class', 'style', 'open'];
const isSheet = (n: Node) =>
  n.nodeType === 1 && ((n as Element).localName === 'style' || (n as Element).localName === 'link');

/**
 * A batch: nodes to read again (added, changed, or next to a removal), whether any were removed,
 * elements whose `hidden`, `aria-hidden` or `contenteditable` changed, and whether a class, style
 * or `open` changed (hidden blocks may now show).
 */
export interface Changes {
  touched: Node[];
  removed: boolean;
  toggled: Element[];
  restyled: boolean;
}

const empty = (): Changes => ({ touched: [], removed: false, toggled: [], restyled: false });

/** True when every node is an element of our UI (never read), not a wrap renderer's mark. */
function onlyOurUi(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (!isOurUi(nodes[i]!)) return false;
  return true;
}

/** The page's changes, and when a batch of them may be taken. */
export class ChangeWatch {
  #observer: MutationObserver;
  #signal: AbortSignal;
  #loop: { run(): void; readonly running: boolean };
  #changes = empty();
  #count = 0;
  /** Records, read once per batch taken (not in every microtask). */
  #queued: MutationRecord[][] = [];
  #roots: Node[] = [];
  #styles = false;
  #scheduled = false;
  #lastTake = -Infinity;
  /** Set once the page is settled: from then on, gaps between batches and the budget apply. */
  #budget: Budget | undefined;

  /** The loop is run at the next frame after the page changed (a running one takes them). */
  constructor(signal: AbortSignal, loop: { run(): void; readonly running: boolean }) {
    this.#signal = signal;
    this.#loop = loop;
    this.#observer = new MutationObserver((records) => {
      this.#queued.push(records);
      this.#schedule();
    });
  }

  observe(root: Node): void {
    if (!this.#roots.includes(root)) this.#roots.push(root);
    this.#observer.observe(root, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      // Class and style changes are frequent: watched only while a block with a mention is hidden.
      attributeFilter: this.#styles
        ? [...VISIBILITY_ATTRIBUTES, ...STYLE_ATTRIBUTES]
        : VISIBILITY_ATTRIBUTES,
    });
  }

  /** Starts or stops watching class, style and `open` changes. */
  watchStyles(on: boolean): void {
    if (on === this.#styles) return;
    this.#styles = on;
    this.#absorbAll();
    for (const root of this.#roots) this.observe(root);
  }

  /** Changes are waiting; a frame is awaited to wake the loop. */
  get pending(): boolean {
    return this.#queued.length > 0 || this.#count > 0 || this.#changes.restyled;
  }
  get waiting(): boolean {
    return this.#scheduled;
  }

  /** The first look or first pass is done: gaps and the budget apply from now on. */
  settle(): void {
    this.#budget ??= new Budget();
  }

  /** Changes wait and may be taken now. */
  due(): boolean {
    return this.pending && this.#gap() === 0;
  }

  /** Milliseconds before the next step: the budget's, and the gap's if taking changes is all. */
  delay(otherWork: boolean): number {
    if (!this.#budget) return 0;
    return Math.max(this.#budget.wait(), otherWork || !this.pending ? 0 : this.#gap());
  }

  spent(ms: number): void {
    this.#budget?.spend(ms);
  }
  /** Takes the batch. */
  take(): Changes {
    this.#lastTake = performance.now();
    this.#absorbAll();
    const c = this.#changes;
    this.#changes = empty();
    this.#count = 0;
    return c;
  }

  /** Runs our own DOM writes (the wrap renderer's) so that their records are dropped. */
  quiet(write: () => void): void {
    this.#absorbAll();
    try {
      write();
    } finally {
      this.#observer.takeRecords();
    }
  }

  disconnect(): void {
    this.#observer.disconnect();
    this.#queued = [];
  }

  #schedule(): void {
    if (this.#scheduled || this.#signal.aborted || this.#loop.running) return;
    this.#scheduled = true;
    void nextFrame().then(() => {
      this.#scheduled = false;
      this.#loop.run();
    });
  }

  #gap(): number {
    if (!this.#budget) return 0;
    return Math.max(0, Math.ceil(this.#lastTake + CHANGE_GAP_MS - performance.now()));
  }

  /** Reads the queued batches and the records the observer holds. */
  #absorbAll(): void {
    for (const records of this.#queued) this.#absorb(records);
    this.#queued = [];
    this.#absorb(this.#observer.takeRecords());
  }

  /** Index loops, cheap tests first: a live page sends thousands of records a second. */
  #absorb(records: MutationRecord[]): void {
    const c = this.#changes;
    const touched = c.touched;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const type = r.type;
      if (type === 'characterData') {
        touched.push(r.target);
      } else if (type === 'childList') {
        const added = r.addedNodes;
        for (let j = 0; j < added.length; j++) {
          const n = added[j]!;
          if (isOurs(n)) continue;
          if (isSheet(n)) c.restyled = true;
          touched.push(n);
        }
        const removed = r.removedNodes;
        // Our UI taken out (a page removing our card's host on sight) changes no text.
        if (removed.length > 0 && !onlyOurUi(removed)) {
          c.removed = true;
          // A stylesheet taken out (an anti-flicker `body { visibility: hidden }`) may show text.
          for (let j = 0; j < removed.length; j++) if (isSheet(removed[j]!)) c.restyled = true;
          // Text either side of a removed node may now join up.
          if (r.previousSibling) touched.push(r.previousSibling);
          if (r.nextSibling) touched.push(r.nextSibling);
        }
      } else if (r.attributeName && STYLE_ATTRIBUTES.includes(r.attributeName)) {
        c.restyled = true;
        continue;
      } else if (!isOurs(r.target)) {
        c.toggled.push(r.target as Element);
      }
      this.#count++;
    }
  }
}
