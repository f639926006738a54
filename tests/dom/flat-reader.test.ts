/**
 * The first look's bulk read (`FlatReader`) and the change batching (`regionsOf`), over generated
 * DOM trees (fast-check, real Chromium):
 * - the joined text is the page's text nodes in order, without text that is never page text;
 *   read in many small slices, it is the same;
 * - that text is never joined whole: the lenient scan, given a window of it around each slice
 *   (`textSpan`), finds exactly what it finds on the joined text;
 * - a piece that is a whole element holds no border the walk splits text at, so the lenient scan
 *   over the joined text (word boundaries assumed where pieces meet) finds a span at the start of
 *   every mention the strict walk finds;
 * - `offsetInOrder` finds every text node's place in the joined text;
 * - the quick look (`QuickText`) reads the same text, in one go or piece by piece, and a page
 *   that changes between its pieces never makes it throw;
 * - `regionsOf` gives the regions `regionAround` gives for each touched node, however many of a
 *   block's nodes were touched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/matcher/index.ts';
import {
  dedupeRegions,
  locate,
  NOT_ONE_PIECE,
  regionAround,
  regionsOf,
} from '../../src/page/collect.ts';
import { lenientThrough, offsetInOrder } from '../../src/page/marker/first-pass.ts';
import { FlatReader, SCAN_MARGIN, textSpan } from '../../src/page/text/flat-reader.ts';
import { QuickText } from '../../src/page/text/quick-text.ts';
import { FIXTURE_TABLES } from '../fixtures/engine/tables.ts';
import { collectBlocks, mount, page, type Tree } from './trees.ts';

const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea']);
const matcher = createMatcher(FIXTURE_TABLES);

/** The text nodes a reader of `root` must read: all of them but those in never-text elements. */
function pageTextNodes(root: Node): Text[] {
  const out: Text[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = w.nextNode(); t; t = w.nextNode()) {
    let inside = false;
    for (let p = t.parentElement; p && p !== root; p = p.parentElement)
      if (NOT_TEXT.has(p.localName)) inside = true;
    if (!inside) out.push(t as Text);
  }
  return out;
}

function read(root: Node, slices: boolean) {
  const r = new FlatReader(root);
  let runs = 1;
  // A deadline already past: the reader stops after every few pieces.
  if (slices) while (!r.run(-Infinity)) runs++;
  else expect(r.run(Infinity)).toBe(true);
  const { text, starts } = r.result();
  return { reader: r, text: text.toString(), pageText: text, starts, runs };
}

describe('FlatReader over generated pages', () => {
  it('joins the page text in order, in one go or in slices, and places every text node', () => {
    fc.assert(
      fc.property(page, (trees) => {
        const root = mount(trees);
        const nodes = pageTextNodes(document.body);
        const whole = read(document.body, false);
        expect(whole.text).toBe(nodes.map((t) => t.data).join(''));
        const sliced = read(document.body, true);
        expect(sliced.text).toBe(whole.text);
        expect([...sliced.starts]).toEqual([...whole.starts]);
        let at = 0;
        for (const t of nodes) {
          if (t.length > 0)
            expect(offsetInOrder(whole.reader.nodes, whole.starts, t), t.data).toBe(at);
          at += t.length;
        }
        for (const n of whole.reader.nodes)
          if (n.nodeType === 1) expect((n as Element).querySelector(NOT_ONE_PIECE)).toBeNull();
        root.remove();
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no border inside a piece: the lenient scan finds every mention of the strict walk', () => {
    fc.assert(
      fc.property(page, (trees) => {
        const root = mount(trees);
        const { reader, text, starts } = read(document.body, false);
        const hits: number[] = [];
        matcher.lenient(text, starts, hits, Infinity);
        for (const block of collectBlocks(root)) {
          // Open shadow roots are read later, by the marker's own walk.
          if (block.nodes[0]!.getRootNode() !== document) continue;
          for (const c of matcher.candidates(block.text)) {
            // A span holds the mention's start (its block is then walked; a span leaves out a
            // possessive suffix, which the strict scan adds).
            const a = locate(block, c.start);
            const start = offsetInOrder(reader.nodes, starts, a.node) + a.offset;
            let covered = false;
            for (let h = 0; h < hits.length; h += 2)
              if (hits[h]! <= start && start < hits[h + 1]!) covered = true;
            expect(covered, `${block.text.slice(c.start, c.end)} in ${JSON.stringify(text)}`).toBe(
              true,
            );
          }
        }
        root.remove();
      }),
      { numRuns: 300 },
    );
  });

  it('scans windows of the text as the joined text itself: the same spans', () => {
    // Generated pages with long filler paragraphs between them, so windows (a slice and a
    // margin of 4,096 characters either side) really cut the text, in slices of any size.
    let cut = 0;
    let withHits = 0;
    let limited = 0;
    const filler = (n: number): Tree => ({
      tag: 'p',
      kids: ['and the police said '.repeat(n)],
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(page, fc.integer({ min: 1, max: 700 })), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 5, max: 9000 }),
        // The marker's limit of spans (past it, it walks everything), or none.
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: Infinity }),
        (parts, slice, limit) => {
          const root = mount(parts.flatMap(([trees, n]) => [...trees, filler(n)]));
          const { text: joined, pageText: text, starts } = read(document.body, true);
          expect(text.length).toBe(joined.length);
          // Lenient: the marker's loop as it was, over the joined string.
          const expected: number[] = [];
          for (let at = 0; at < joined.length;) {
            const to = Math.min(joined.length, at + slice);
            at = matcher.lenient(joined, starts, expected, limit, at, to);
          }
          const p = { text, starts, at: 0, hits: [] as number[], limit };
          expect(lenientThrough(matcher.lenient, p, Infinity, slice)).toBe(true);
          expect(p.hits).toEqual(expected);
          expect(p.at).toBe(joined.length);
          if (expected.length > 0) withHits++;
          if (expected.length >= limit * 2) limited++;
          // Every slice's window is the joined text there.
          for (let from = 0; from < joined.length; from += slice) {
            const to = Math.min(joined.length, from + slice);
            const w = textSpan({ text, starts }, from, to, SCAN_MARGIN);
            if (w.base > 0 && w.base + w.text.length < joined.length) cut++;
            expect(w.text).toBe(joined.slice(w.base, w.base + w.text.length));
          }
          root.remove();
        },
      ),
      { numRuns: 60 },
    );
    // Not vacuous: windows cut the text on both sides, pages held spans, and some reached the
    // limit.
    expect(cut).toBeGreaterThan(0);
    expect(withHits).toBeGreaterThan(0);
    expect(limited).toBeGreaterThan(0);
  });

  it('finds a mention at a block border that opens a window: a long piece before it, nothing between', () => {
    // The border's junction is the window's first (after a piece longer than the margin): the
    // scan skips a text's first junction, so the window starts with the one before it.
    document.body.innerHTML = `<p>${'x'.repeat(20_000)}</p><p>Serenity Integrated Mentoring</p>`;
    const r = new FlatReader(document.body);
    expect(r.run(Infinity)).toBe(true);
    const { text, starts } = r.result();
    const p = { text, starts, at: 0, hits: [] as number[], limit: Infinity };
    lenientThrough(matcher.lenient, p, Infinity, 16_384);
    expect(p.hits.slice(0, 2)).toEqual([20_000, 20_000 + 'Serenity Integrated Mentoring'.length]);
  });

  it('stops at the limit of spans, with mentions still ahead in later windows', () => {
    // Past the limit the scan ends its window early; the text beyond must not be scanned on.
    const name = 'Serenity Integrated Mentoring';
    document.body.innerHTML = Array.from(
      { length: 6 },
      () => `<p>${name}</p><p>${'x'.repeat(20_000)}</p>`,
    ).join('');
    const r = new FlatReader(document.body);
    expect(r.run(Infinity)).toBe(true);
    const { text, starts } = r.result();
    const p = { text, starts, at: 0, hits: [] as number[], limit: 2 };
    expect(lenientThrough(matcher.lenient, p, Infinity, 16_384)).toBe(true);
    const at = (k: number) => k * (name.length + 20_000);
    expect(p.hits).toEqual([at(0), at(0) + name.length, at(1), at(1) + name.length]);
    expect(p.at).toBe(text.length);
  });

  it('reads a paragraph of inline markup as one piece', () => {
    document.body.innerHTML =
      '<main><p>The <b>High</b> <em>Intensity <i>Network</i></em> said</p>' +
      '<p>NHS<br>England</p><p>a <code>x</code> b</p></main>';
    const { reader, text, starts } = read(document.body, false);
    const [p1, p2, p3] = document.querySelectorAll('p');
    expect(reader.nodes[0]).toBe(p1);
    // A line break and a skipped element are borders: their paragraphs are read node by node.
    expect(reader.nodes).not.toContain(p2);
    expect(reader.nodes).not.toContain(p3);
    expect(text).toBe('The High Intensity Network saidNHSEnglanda x b');
    expect([...starts]).toContain(text.indexOf('England'));
  });

  it('starts again when the page removed its place between slices', () => {
    document.body.innerHTML =
      '<div id="a">' +
      Array.from({ length: 200 }, (_, i) => `<p>one ${i}</p>`).join('') +
      '</div><div id="b"><p>two</p></div>';
    const r = new FlatReader(document.body);
    expect(r.run(-Infinity)).toBe(false);
    document.getElementById('a')!.remove();
    while (!r.run(-Infinity));
    expect(r.result().text.toString()).toBe('two');
  });
});

describe('QuickText', () => {
  /** Reads the body: in one go, or one piece per call (a deadline already past). */
  const quick = (slices: boolean) => {
    const q = new QuickText(document.body);
    let runs = 1;
    if (slices) while (!q.run(-Infinity)) runs++;
    else expect(q.run(Infinity)).toBe(true);
    return { text: q.text, runs };
  };
  // Pages of up to 140 trees side by side: every 64th child of an element is a place to cut.
  const wide = fc.array(
    page.map((t) => t[0]!),
    { minLength: 1, maxLength: 140 },
  );

  it('reads the page text in order, without text that is never page text, however it is cut', () => {
    fc.assert(
      fc.property(wide, (trees) => {
        const root = mount(trees);
        const expected = pageTextNodes(document.body)
          .map((t) => t.data)
          .join('');
        expect(quick(false).text).toBe(expected);
        const sliced = quick(true);
        expect(sliced.text).toBe(expected);
        const cuts = root.querySelectorAll(':nth-child(64n)').length;
        if (cuts > 0) expect(sliced.runs).toBeGreaterThan(1);
        root.remove();
      }),
      { numRuns: 150 },
    );
  });

  it('reads a long run of paragraphs in pieces, left-out elements among them', () => {
    document.body.innerHTML =
      '<main>' +
      Array.from({ length: 1000 }, (_, i) =>
        i % 100 === 7 ? `<script type="text/plain">NHS England ${i}</script>` : `<p>p${i} </p>`,
      ).join('') +
      '</main>';
    const { text, runs } = quick(true);
    // 1000 children: 15 cuts and 10 left-out elements, so at least 25 pieces.
    expect(runs).toBeGreaterThanOrEqual(25);
    expect(text).not.toContain('NHS England');
    expect(text).toBe(
      pageTextNodes(document.body)
        .map((t) => t.data)
        .join(''),
    );
  });

  it('never throws when the page changes between pieces, and reads what is still there', () => {
    const make = () => {
      document.body.innerHTML =
        '<div id="a">' +
        Array.from({ length: 200 }, (_, i) => `<p>one ${i} </p>`).join('') +
        '<style>x</style></div><div id="b"><p>two</p></div>';
      const q = new QuickText(document.body);
      expect(q.run(-Infinity)).toBe(false);
      return q;
    };
    const finish = (q: QuickText) => {
      while (!q.run(-Infinity));
      return q.text;
    };
    // Its place and the stops after it taken out.
    let q = make();
    document.getElementById('a')!.remove();
    expect(finish(q)).toMatch(/two$/);
    // The element left out, taken out.
    q = make();
    document.querySelector('style')!.remove();
    expect(finish(q)).toMatch(/one 199 two$/);
    // Text added after its place is read; text before it is not read twice.
    q = make();
    document.body.append('three');
    document.getElementById('a')!.prepend('zero ');
    const text = finish(q);
    expect(text).toMatch(/^one 0 .*one 199 twothree$/);
    expect(text).not.toContain('zero');
  });
});

describe('regionsOf', () => {
  it('gives the regions of every touched node, once each', () => {
    fc.assert(
      fc.property(page, fc.array(fc.nat(), { maxLength: 40 }), (trees, picks) => {
        const root = mount(trees);
        const all: Node[] = [];
        const visit = (n: Node) => {
          all.push(n);
          for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
        };
        visit(root);
        const touched = picks.map((i) => all[i % all.length]!);
        const key = (r: { parent: Node; first: Node; last: Node }) => [r.parent, r.first, r.last];
        const expected = dedupeRegions(
          touched.flatMap((n) => {
            const r = n.isConnected ? regionAround(n) : undefined;
            return r ? [r] : [];
          }),
        );
        expect(regionsOf(touched).map(key)).toEqual(expected.map(key));
        root.remove();
      }),
      { numRuns: 300 },
    );
  });
});
