/**
 * The marks: which found mentions are marked (the story's rules, `topic-select.ts`, then
 * `select.ts`), painted in batches by the renderer and put in the mention index, and taken off
 * again. The marks of a block being read again stay painted until the new ones are (highlights
 * only), so the block never shows unmarked.
 *
 * Owns: the painter, what the mention index holds and its order, and `onChange`. Never: reads
 * the page's text or decides what a mention is.
 */
import { createHighlightPainter, type Painter } from '../highlight.ts';
import { PlacedMention, type MentionIndex, type PageMention } from '../mentions.ts';
import { needsWrap, type RunOptions } from '../bridges.ts';
import { PageRelevance } from '../../matcher/relevance.ts';
import { TopicSelect } from '../../matcher/topic-select.ts';
import type { Found, Rec } from './records.ts';
import { select } from './select.ts';

/** Mentions placed and handed to the painter between two looks at the clock. */
const PAINT_BATCH = 64;

export class Marks {
  readonly wraps: boolean;
  #opts: RunOptions;
  #index: MentionIndex;
  #quiet: (write: () => void) => void;
  /** Made on first use: a page may change for long before it shows a mention. */
  #painter: Painter | undefined;
  /** The mentions selected, in document order; `#queue` those still to paint, last first. */
  #marked: Found[] = [];
  #queue: Found[] = [];
  /** Marks of blocks being read again, still painted until the next paint. */
  #stale: PageMention[] = [];
  /** Marks changed since `onChange` was last called. */
  #changed = false;
  #gen = 0;
  #nextId = 1;
  /** The story's rules over the records: what is marked, what held back. */
  readonly topic: TopicSelect<Rec, Found>;

  constructor(opts: RunOptions, index: MentionIndex, quiet: (write: () => void) => void) {
    this.#opts = opts;
    this.#index = index;
    this.#quiet = quiet;
    this.wraps = !!opts.wrap && needsWrap(opts.settings);
    const { settings, tables } = opts;
    const relevance =
      opts.relevance ?? new PageRelevance(location.hostname, settings.marking.contextEverywhere);
    this.topic = new TopicSelect(relevance, (rec, cand, alias, reason) => {
      const entity = tables.aliases[alias]!.entity;
      return { cand, entity, alias, reason, rec, page: undefined, gen: 0 };
    });
  }

  get painter(): Painter {
    const style = this.#opts.settings.marking.style;
    return (this.#painter ??= this.wraps
      ? this.#opts.wrap!(style, this.#quiet)
      : createHighlightPainter(style));
  }

  /** Takes a record's marks off; `repainting`: highlights stay until the pass paints again. */
  unmark(rec: Rec, repainting = false): boolean {
    return this.#takeOff(rec.found, repainting);
  }

  /** Selects the marks among `records` (document order); true if some are left to paint. */
  select(records: readonly Rec[]): boolean {
    const { settings, tables, hidden } = this.#opts;
    // The story's marks in document order, as runs of one record each for `select`.
    const runs: { visible: boolean; found: Found[] }[] = [];
    for (const f of this.topic.select(records, tables)) {
      const last = runs[runs.length - 1];
      if (last?.found[0]!.rec === f.rec) last.found.push(f);
      else runs.push({ visible: f.rec.visible, found: [f] });
    }
    const want = select(runs, settings.marking, tables.entities, hidden);
    const gen = ++this.#gen;
    for (const f of want) f.gen = gen;
    this.#takeOff(this.#marked.filter((f) => f.gen !== gen));
    this.#marked = want;
    // Painted in document order; with many marks the painter paints what is on screen first.
    this.#queue = want.filter((f) => !f.page && f.rec.alive).reverse();
    return this.#queue.length > 0;
  }

  /** Paints queued marks until `deadline`, in batches; true once all are painted. */
  paint(deadline: number): boolean {
    const queue = this.#queue;
    while (queue.length > 0 && performance.now() <= deadline) {
      const batch: PageMention[] = [];
      while (queue.length > 0 && batch.length < PAINT_BATCH) {
        const f = queue.pop()!;
        if (!f.rec.alive || f.page) continue;
        const { block, root } = f.rec;
        if (root !== document && root instanceof ShadowRoot) this.painter.coverShadowRoot(root);
        const { start, end } = f.cand;
        f.page = new PlacedMention(block, start, end, f.entity, f.alias, f.reason, this.#nextId++);
        batch.push(f.page);
      }
      if (batch.length === 0) continue;
      this.#unpaintStale();
      this.painter.add(batch);
      for (const pm of batch) this.#index.add(pm);
      this.#changed = true;
    }
    return queue.length === 0;
  }

  /** Everything selected is painted (or nothing is left to paint): publishes the order. */
  publish(): void {
    this.#queue = [];
    this.#unpaintStale();
    this.#index.setOrder(this.#marked.flatMap((f) => (f.page ? [f.page] : [])));
    if (!this.#changed) return;
    this.#changed = false;
    this.#opts.onChange?.(this.#index.all);
  }

  /** A new page: nothing is left to paint, and nothing stale stays painted. */
  reset(): void {
    this.#queue = [];
    this.#unpaintStale();
  }

  destroy(): void {
    this.#painter?.destroy();
    this.#index.clear();
    this.#queue = [];
    this.#stale = [];
  }

  /** Takes the marks of `found` off; true if there were any. */
  #takeOff(found: readonly Found[], repainting = false): boolean {
    const gone: PageMention[] = [];
    for (const f of found) {
      if (!f.page) continue;
      this.#index.remove(f.page);
      gone.push(f.page);
      f.page = undefined;
    }
    if (gone.length === 0) return false;
    if (repainting && !this.wraps) this.#stale.push(...gone);
    else this.painter.remove(gone);
    this.#changed = true;
    return true;
  }

  #unpaintStale(): void {
    if (this.#stale.length === 0) return;
    this.painter.remove(this.#stale);
    this.#stale = [];
  }
}
