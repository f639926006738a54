/**
 * The marker: everything after the first look, a chunk of its own (most pages never load it). It
 * always starts from the page itself, and works in steps of the page's loop, in a named phase:
 *
 *   read → walk → resolve → select → paint → idle; in idle, a batch of changes or an open shadow
 *   root found queues regions, and it walks again (src/page/README.md).
 *
 * Owns: finding and marking mentions in the document and keeping them right as the page changes.
 * Never: opens cards or answers messages (see `interact.ts`, `tab-calls.ts`).
 */
import { createMatcher, decide, type Candidate, type Matcher } from '../../matcher/index.ts';
import { numericWindows, type NumericWindows } from '../../matcher/windows.ts';
import { Walker, type Block } from '../collect.ts';
import type { Painter } from '../highlight.ts';
import type { PageParts, RunOptions } from '../bridges.ts';
import { absorb, isVisible, markedIn } from './absorb.ts';
import { FirstPass } from './first-pass.ts';
import { Marks } from './marks.ts';
import { RecordStore, type Decide, type Found, type Rec } from './records.ts';
import { occurrences } from './select.ts';

type Phase = 'read' | 'walk' | 'resolve' | 'select' | 'paint' | 'idle';

/**
 * The blocks of one walk and their candidates, until they are records: `initial` in the first
 * pass over a page, `changed` once changes were added (a block may then come twice), `prepared`
 * once blocks read again are dropped and long forms counted.
 */
class Pass {
  blocks: Block[] = [];
  cands: Candidate[][] = [];
  prepared = false;
  cursor = 0;
  fresh: Rec[] = [];
  changed = false;
  constructor(readonly initial: boolean) {}
}

export class Marker {
  /** Passes over changed regions. */
  updates = 0;
  #phase: Phase = 'read';
  #opts: RunOptions;
  #parts: PageParts;
  /** Built on first use; `#windows`: how far around a span or candidate to read. */
  #matcher: Matcher | undefined;
  #windows: NumericWindows;
  #walker = new Walker();
  /** The first pass's read of the body's text, until the pass is over. */
  #first: FirstPass | undefined;
  #firstPass = true;
  #pass: Pass | undefined;
  #records: RecordStore;
  #marks: Marks;
  /** Records changed since the last selection. */
  #dirty = false;

  constructor(opts: RunOptions, parts: PageParts) {
    this.#opts = opts;
    this.#parts = parts;
    this.#matcher = opts.matcher;
    this.#marks = new Marks(opts, parts.index, (write) => parts.changes.quiet(write));
    this.#windows = numericWindows(opts.tables);
    this.#records = new RecordStore((alias) => opts.tables.aliases[alias]!.entity);
    this.#marks.topic.relevance.onChange(() => {
      this.#dirty = true;
      parts.wake();
    });
    opts.signal.addEventListener('abort', () => this.#destroy(), { once: true });
    // The page is read as it is now: changes so far are in it.
    parts.changes.take();
    this.#begin();
  }

  get painter(): Painter {
    return this.#marks.painter;
  }

  /** Blocks holding a candidate, and of those, hidden ones. */
  records(): { records: number; hiddenRecords: number } {
    const records = this.#records.all.filter((r) => r.alive);
    return { records: records.length, hiddenRecords: records.filter((r) => !r.visible).length };
  }

  occurrences(): Map<number, number> {
    const { settings, tables, hidden } = this.#opts;
    return occurrences(this.#records.all, settings.marking, tables.entities, hidden);
  }

  /** SPA navigation: forget everything and read the page again. */
  navigated(): void {
    for (const rec of this.#records.all) if (rec.alive) this.#drop(rec);
    this.#marks.reset();
    this.#records.clear();
    this.#walker = new Walker();
    this.#parts.index.shadowRoots.length = 0;
    this.#parts.shadows.reset();
    this.#begin();
    this.#opts.onNavigate?.();
    this.#parts.wake();
  }

  canStep(): boolean {
    return !this.#opts.signal.aborted && (this.#busy() || this.#parts.changes.pending);
  }

  delay(): number {
    return this.#parts.changes.delay(this.#busy());
  }

  /** Work besides taking changes: a phase, a selection, a search. */
  #busy(): boolean {
    return this.#phase !== 'idle' || this.#dirty || this.#parts.shadows.state === 'running';
  }

  /** Does the next step of the phase (changes first where they may be taken); its name. */
  step(deadline: number): string | undefined {
    const phase = this.#phase;
    if (phase === 'resolve') return (this.#resolve(deadline), 'resolve');
    if (phase === 'select') return (this.#select(), 'select');
    if (phase === 'paint') return (this.#paint(deadline), 'paint');
    if (this.#parts.changes.due()) return (this.#absorb(), 'changes');
    if (phase === 'read') return this.#read(deadline);
    if (phase === 'walk') return (this.#walk(deadline), 'walk');
    if (this.#dirty) return (this.#select(), 'select');
    if (this.#parts.shadows.state === 'running') return (this.#findShadows(deadline), 'shadows');
    return undefined;
  }

  /** A first pass from the page itself. */
  #begin(): void {
    this.#pass = new Pass(true);
    this.#firstPass = true;
    const body = document.body;
    if (body) {
      this.#first = new FirstPass(body, this.#windows.ofSpan, this.#parts.looked);
      this.#parts.looked = undefined;
      this.#phase = 'read';
    } else {
      this.#walkAll();
      this.#phase = 'walk';
    }
    for (const s of this.#parts.shadows.take()) this.#walker.addShadow(s);
  }

  /** One walk of everything, which finds the shadow roots on its way. */
  #walkAll(): void {
    this.#walker.add(document.documentElement);
    this.#parts.shadows.reset('done');
  }

  #matcherOf(): Matcher {
    return (this.#matcher ??= createMatcher(this.#opts.tables));
  }

  #read(deadline: number): string {
    const first = this.#first!;
    const name = first.step(deadline, () => this.#matcherOf(), this.#matcher !== undefined);
    const regions = first.regions;
    if (regions === undefined) return name;
    if (regions === 'all') this.#walkAll();
    else for (const g of regions) this.#walker.add(g.parent, g.first, g.last);
    this.#phase = 'walk';
    // Nothing on the page: the first pass is over, with nothing to resolve, select or paint.
    if (this.#walker.done && this.#records.all.length === 0) {
      this.#pass = undefined;
      this.#painted();
    }
    return name;
  }

  #walk(deadline: number): void {
    const pass = (this.#pass ??= new Pass(false));
    for (;;) {
      // Walked 2 ms at a time: the blocks' matching, which cannot stop, stays within the slice.
      const blocks = this.#walker.run(Math.min(deadline, performance.now() + 2));
      for (const b of blocks) {
        pass.blocks.push(b);
        pass.cands.push(this.#matcherOf().candidates(b.text));
      }
      if (this.#walker.done || performance.now() >= deadline) break;
    }
    // The walker's shadow roots not yet watched nor hit-tested (the index holds those that are).
    const seen = this.#parts.index.shadowRoots;
    for (const s of this.#walker.shadows.slice(seen.length)) {
      this.#parts.changes.observe(s);
      seen.push(s);
    }
    if (this.#walker.done) this.#phase = 'resolve';
  }

  /** Idle time after the first pass: open shadow roots are looked for and read. */
  #findShadows(deadline: number): void {
    if (!this.#parts.shadows.run(deadline)) return;
    for (const s of this.#parts.shadows.take()) this.#walker.addShadow(s);
    this.#pass ??= new Pass(false);
    this.#phase = 'walk';
  }

  /** A batch of changes: records to drop, regions to walk again. */
  #absorb(): void {
    const c = this.#parts.changes.take();
    // An SPA navigation: the page is read again as a whole (`navigated`), these changes with it.
    if (this.#parts.nav.check() || this.#opts.signal.aborted) return;
    const { drop, regions } = absorb(c, this.#records.all);
    for (const rec of drop) this.#drop(rec);
    if (c.restyled) this.#recheckHidden();
    if (regions.length === 0) return;
    this.updates++;
    if (this.#marks.wraps)
      for (const rec of markedIn(regions, this.#records.all))
        if (this.#marks.unmark(rec)) this.#dirty = true;
    for (const r of regions) this.#walker.add(r.parent, r.first, r.last);
    (this.#pass ??= new Pass(false)).changed = true;
    if (this.#phase === 'idle') this.#phase = 'walk';
  }

  #recheckHidden(): void {
    for (const rec of this.#records.all) {
      if (!rec.alive || rec.visible || !isVisible(rec)) continue;
      rec.visible = true;
      this.#dirty = true;
    }
    this.#watchStyles();
  }

  #watchStyles(): void {
    this.#parts.changes.watchStyles(this.#records.all.some((r) => r.alive && !r.visible));
  }

  /** The walk is over: drop what it read again, and count the long forms on the page. */
  #prepare(pass: Pass): void {
    pass.prepared = true;
    const seen = new Map<Text, number>();
    // A first pass over an unmarked page that never restarted, nor took changes in, has nothing
    // to replace.
    const clean =
      pass.initial && !pass.changed && this.#records.all.length === 0 && !this.#walker.restarted;
    pass.blocks.forEach((block, b) => {
      if (clean || (pass.initial && !pass.changed && pass.cands[b]!.length === 0)) return;
      for (const n of block.nodes) {
        const old = this.#records.ownerOf(n);
        if (old) this.#drop(old, true);
        // A block read twice in one pass (the walk restarted, or a change came in while the
        // first read ran): the later reading wins.
        const earlier = seen.get(n);
        if (earlier !== undefined && earlier !== b) pass.cands[earlier] = [];
        seen.set(n, b);
      }
    });
    pass.blocks.forEach((block, b) => {
      for (const c of pass.cands[b]!)
        if (!c.ambiguous) this.#records.addLongForm(c.entity, block, c);
    });
  }

  #resolve(deadline: number): void {
    const pass = this.#pass!;
    if (!pass.prepared) return this.#prepare(pass);
    let k = 0;
    for (; pass.cursor < pass.blocks.length; pass.cursor++) {
      if ((++k & 15) === 0 && performance.now() > deadline) return;
      const b = pass.cursor;
      const cands = pass.cands[b]!;
      if (cands.length === 0 || !pass.blocks[b]!.nodes[0]!.isConnected) continue;
      const w = Math.max(...cands.map((c) => this.#windows.of(c)));
      if (w > 0) this.#first?.placeAround(pass.blocks, b, w);
      const rec = this.#records.add(pass.blocks[b]!, cands, this.#decider(pass.blocks, b));
      // Visibility needs style: asked only of the few blocks with candidates.
      rec.visible = isVisible(rec);
      pass.fresh.push(rec);
    }
    this.#finishPass(pass);
  }

  #finishPass(pass: Pass): void {
    this.#pass = undefined;
    const records = this.#records;
    const again = (rec: Rec) => records.reresolve(rec, this.#decider([rec.block], 0));
    const { risen, fallen } = records.takeRisenAndFallen();
    // Long forms that appeared: ambiguous mentions elsewhere on the page may now be marked.
    if (risen.length > 0) {
      const fresh = new Set(pass.fresh);
      for (const rec of records.all)
        if (rec.alive && rec.pending.length > 0 && !fresh.has(rec)) again(rec);
    }
    // Long forms that disappeared: mentions marked only because of them are unmarked.
    if (fallen.length > 0)
      for (const rec of records.all) {
        const lost = (f: Found) => f.reason.rule === 'long-form' && fallen.includes(f.entity);
        if (!rec.alive || !rec.found.some(lost)) continue;
        this.#marks.unmark(rec, true);
        again(rec);
      }
    this.#watchStyles();
    this.#dirty = true;
    this.#phase = 'select';
  }

  /** Decides the candidates of `blocks[b]`, given the long forms on the page now. */
  #decider(blocks: readonly Block[], b: number): Decide {
    const matcher = this.#matcherOf();
    return (c) => decide(matcher, blocks, b, c, (e) => this.#records.longFormOf(e));
  }

  /** A record's block is gone or being read again (`repainting`: see `Marks.unmark`). */
  #drop(rec: Rec, repainting = false): void {
    this.#records.drop(rec);
    this.#marks.unmark(rec, repainting);
    this.#dirty = true;
  }

  #select(): void {
    this.#dirty = false;
    this.#records.compact();
    if (this.#marks.select(this.#records.all)) this.#phase = 'paint';
    else this.#painted();
  }

  #paint(deadline: number): void {
    if (this.#marks.paint(deadline)) this.#painted();
  }

  /** Everything selected is painted. */
  #painted(): void {
    this.#phase = 'idle';
    this.#marks.publish();
    if (!this.#firstPass) return;
    this.#firstPass = false;
    this.#first = undefined;
    this.#parts.marked();
    this.#parts.shadows.start(this.#parts.wake);
  }

  #destroy(): void {
    this.#parts.changes.disconnect();
    this.#marks.destroy();
  }
}
