/**
 * Reliability (issue 7): property tests (fast-check) of the marking engine over random DOM trees
 * and random text, in real Chromium.
 *
 * Trees are built with DOM calls, not parsed, so they hold what parsers never make and pages
 * still do: adjacent and empty text nodes, blocks inside inline elements, skipped elements
 * (script, style, textarea, button, template, contenteditable, hidden, aria-hidden) in the middle
 * of a sentence, open shadow roots, comments. Text mixes our aliases and cues with astral-plane
 * characters, combining marks, RTL text and bidi controls, zero-width characters, unusual spaces,
 * typographic apostrophes and dashes, and lone surrogate halves.
 *
 * Properties (the engine's invariants):
 * - collect, match, index and paint never throw;
 * - collected blocks are exactly their text nodes' text; no text node is read twice or from a
 *   skipped subtree;
 * - mentions are ordered, do not overlap, and lie inside their block;
 * - highlight mode leaves the DOM exactly as it was (text-node boundaries included);
 * - each mention's text equals the page's text at its range, and is a form of its alias;
 * - the highlights hold exactly the marked mentions' ranges, and tearing down removes them.
 *
 * APIs used: `collectBlocks` (tests/dom/trees.ts: the marker's walk), `createMatcher`/`matchBlocks` (src/matcher),
 * `normalise` (src/matcher/chars.ts), `createEngine` with `mentions()` (src/page/engine.ts),
 * `liveRange` (src/page/mentions.ts).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import packed from 'virtual:cc-tables';
import { unpackTables } from '../../src/dataset/tables.ts';
import { normalise } from '../../src/matcher/chars.ts';
import { createMatcher, matchBlocks } from '../../src/matcher/index.ts';
import { createEngine } from '../../src/page/engine.ts';
import { Marker } from '../../src/page/marker/marker.ts';
import { liveRange } from '../../src/page/mentions.ts';
import { collectBlocks } from './trees.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';

const tables = unpackTables(packed);
const RUNS = 150;

// ------------------------------------------------------------------ text

const ALIASES = tables.aliases.map((a) => a.text);
const CUES = [...new Set(tables.aliases.flatMap((a) => a.context?.cues ?? []))];
const EXCLUDES = tables.aliases.flatMap((a) => a.exclude);
const ODD = [
  '𝒮𝒾𝓂', // astral (mathematical script)
  '😀',
  '𠀀', // CJK extension B
  'e\u0301', // combining acute
  '\u0301', // a combining mark with nothing to combine with
  'S\u0336I\u0336M\u0336', // strikethrough combining marks inside a word
  'שלום', // Hebrew
  'مرحبا', // Arabic
  '\u202eSIM\u202c', // right-to-left override around an alias
  '\u200f', // right-to-left mark
  '\u200b', // zero-width space
  '\u200c',
  '\u200d',
  '\ufeff',
  '\u00ad', // soft hyphen
  '\u00a0', // no-break space
  '\u2009', // thin space
  '\n',
  '\t',
  '\ud800', // lone high surrogate
  '\udc00', // lone low surrogate
  '’s',
  "'s",
  '–',
  '#',
  '',
];
const WORDS = ['the', 'trust', 'said', 'police', 'card', 'only', 'farm', 'NHS', 'England', 'Stop'];

/** One piece of text: mostly words and our terms, often something odd, sometimes random. */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ALIASES, ...CUES, ...EXCLUDES) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.constantFrom(' ', ' ', '. ', ', ') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

// ------------------------------------------------------------------ trees

type Tree =
  | { t: 'text'; data: string }
  | { t: 'comment'; data: string }
  | { t: 'el'; tag: string; attr: string | null; shadow: Tree[] | null; kids: Tree[] };

const INLINE = ['span', 'em', 'b', 'a', 'i', 'strong', 'small', 'sup', 'mark', 'bdi', 'label'];
const BLOCKS = ['p', 'div', 'li', 'h2', 'blockquote', 'td', 'section', 'br'];
const SKIPPED = ['script', 'style', 'textarea', 'button', 'template', 'noscript', 'code'];
const ATTRS = [null, null, null, 'hidden', 'aria-hidden', 'contenteditable', 'dir=rtl'];

/**
 * A block holding one of our terms split in two around an element, as markup splits words
 * ("Serenity <em>Integrated</em> Mentoring", "NHS <button>…</button>England").
 */
const split: fc.Arbitrary<Tree> = fc
  .record({
    alias: fc.constantFrom(...ALIASES),
    cut: fc.nat(),
    tag: fc.constantFrom(...INLINE, ...SKIPPED, 'br'),
    attr: fc.constantFrom(...ATTRS),
    inner: fc.constantFrom('', 'x', ' ', 'NHS', '\u200b'),
    block: fc.constantFrom('p', 'li', 'div', 'span'),
  })
  .map(({ alias, cut, tag, attr, inner, block }) => {
    const at = cut % (alias.length + 1);
    return {
      t: 'el',
      tag: block,
      attr: null,
      shadow: null,
      kids: [
        { t: 'text', data: alias.slice(0, at) },
        { t: 'el', tag, attr, shadow: null, kids: [{ t: 'text', data: inner }] },
        { t: 'text', data: alias.slice(at) },
      ],
    };
  });

const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constant('text' as const), data: text }),
    fc.record({ t: fc.constant('comment' as const), data: fc.constantFrom('', 'NHS England') }),
    split,
    tie('node'),
  ),
  node: fc.record({
    t: fc.constant('el' as const),
    tag: fc.constantFrom(...INLINE, ...INLINE, ...BLOCKS, ...SKIPPED),
    attr: fc.constantFrom(...ATTRS),
    shadow: fc.option(fc.array(tie('tree') as fc.Arbitrary<Tree>, { maxLength: 3 }), {
      freq: 6,
    }) as fc.Arbitrary<Tree[] | null>,
    kids: fc.array(tie('tree') as fc.Arbitrary<Tree>, { maxLength: 5 }),
  }),
}));
const forest = fc.array(tree, { minLength: 1, maxLength: 6 });

function build(parent: Node, trees: Tree[]): void {
  for (const t of trees) {
    if (t.t === 'text') parent.appendChild(document.createTextNode(t.data));
    else if (t.t === 'comment') parent.appendChild(document.createComment(t.data));
    else {
      const el = document.createElement(t.tag);
      // A script element runs its text once connected: make it data, as JSON-LD blocks are.
      if (t.tag === 'script') el.setAttribute('type', 'application/x-fuzz');
      if (t.attr === 'dir=rtl') el.setAttribute('dir', 'rtl');
      else if (t.attr === 'aria-hidden') el.setAttribute('aria-hidden', 'true');
      else if (t.attr === 'contenteditable') el.setAttribute('contenteditable', '');
      else if (t.attr) el.setAttribute(t.attr, '');
      if (t.shadow && t.tag !== 'br' && !SKIPPED.includes(t.tag) && t.tag !== 'a') {
        try {
          build(el.attachShadow({ mode: 'open' }), t.shadow);
        } catch {
          // Not every element can host a shadow root (li, td…): no shadow then.
        }
      }
      parent.appendChild(el);
      build(t.tag === 'template' ? (el as HTMLTemplateElement).content : el, t.kids);
    }
  }
}

// ------------------------------------------------------------------ helpers

/** The DOM as tokens, with text-node boundaries and open shadow roots. */
function fingerprint(root: Node): string {
  const out: string[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out.push(`"${(c as Text).data}"`);
      else if (c.nodeType === 8) out.push(`<!--${(c as Comment).data}-->`);
      else if (c.nodeType === 1) {
        const el = c as Element;
        out.push(`<${el.localName} ${[...el.attributes].map((a) => `${a.name}=${a.value}`)}>`);
        if (el.shadowRoot) {
          out.push('#shadow(');
          walk(el.shadowRoot);
          out.push(')');
        }
        walk(el);
        out.push(`</${el.localName}>`);
      }
    }
  };
  walk(root);
  return out.join('\u0000');
}

/** Text nodes whose text the engine must never read. */
function unreadable(root: Node): Set<Text> {
  const out = new Set<Text>();
  const walk = (n: Node, hidden: boolean) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 && hidden) out.add(c as Text);
      if (c.nodeType !== 1) continue;
      const el = c as Element;
      const skip =
        hidden ||
        SKIPPED.includes(el.localName) ||
        el.hasAttribute('hidden') ||
        el.getAttribute('aria-hidden') === 'true' ||
        (el.hasAttribute('contenteditable') && el.getAttribute('contenteditable') !== 'false');
      if (el.shadowRoot) walk(el.shadowRoot, skip);
      walk(el, skip);
    }
  };
  walk(root, false);
  return out;
}

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  marking: { ...DEFAULT_SETTINGS.marking, density: 'all', capPerPage: 100_000 },
};
const matcher = createMatcher(tables);
const ourHighlights = () =>
  [...CSS.highlights.entries()].filter(([n]) => n.startsWith('context-cards-'));

const root = document.createElement('div');
root.id = 'fuzz-root';
afterEach(() => root.replaceChildren());

function fresh(trees: Tree[]): HTMLElement {
  document.body.replaceChildren(root);
  root.replaceChildren();
  build(root, trees);
  return root;
}

// ------------------------------------------------------------------ properties

describe('engine properties over random trees and text', () => {
  it('collect: blocks are exactly their text nodes, read once, never from skipped subtrees', () => {
    fc.assert(
      fc.property(forest, (trees) => {
        const r = fresh(trees);
        const blocks = collectBlocks(r);
        const seen = new Set<Text>();
        const forbidden = unreadable(r);
        for (const b of blocks) {
          expect(b.text).toBe(b.nodes.map((n) => n.data).join(''));
          let at = 0;
          b.nodes.forEach((n, i) => {
            expect(b.starts[i]).toBe(at);
            at += n.data.length;
            expect(seen.has(n), 'text node read twice').toBe(false);
            expect(forbidden.has(n), `read from a skipped subtree: ${JSON.stringify(n.data)}`).toBe(
              false,
            );
            seen.add(n);
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  /**
   * The mention's text holds its alias in the matcher's own normal form (folded variants, no
   * invisible characters, one space), or, after a '#', its hashtag form: the words joined.
   */
  const readsAsAlias = (seen: string, alias: number) => {
    const norm = normalise(seen);
    const name = normalise(tables.aliases[alias]!.text).replace(/^#/, '');
    return norm.includes(name) || (norm.startsWith('#') && norm.includes(name.replaceAll(' ', '')));
  };

  it('match: a hashtag of a multi-word name reads as its alias ("#highintensitynetwork.orgthe")', () => {
    // Found by the property below (seed 1392670677): the domain alias cannot end before "the",
    // so the hashtag of "High Intensity Network" is the mention.
    const [mentions] = matchBlocks(matcher, ['#highintensitynetwork.orgthe']);
    expect(mentions!.map((m) => '#highintensitynetwork.orgthe'.slice(m.start, m.end))).toEqual([
      '#highintensitynetwork',
    ]);
    expect(readsAsAlias('#highintensitynetwork', mentions![0]!.alias)).toBe(true);
    expect(readsAsAlias('highintensitynetwork', mentions![0]!.alias)).toBe(false);
  });

  it('match: mentions are ordered, disjoint, inside their block, and forms of their alias', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (blocks) => {
        const perBlock = matchBlocks(matcher, blocks);
        expect(perBlock).toHaveLength(blocks.length);
        perBlock.forEach((mentions, b) => {
          let end = 0;
          for (const m of mentions) {
            expect(m.start).toBeGreaterThanOrEqual(end);
            expect(m.end).toBeGreaterThan(m.start);
            expect(m.end).toBeLessThanOrEqual(blocks[b]!.length);
            end = m.end;
            expect(readsAsAlias(blocks[b]!.slice(m.start, m.end), m.alias)).toBe(true);
          }
        });
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('engine: never throws, leaves the DOM unchanged, and each mark is the page text at its range', () => {
    // A skipped element inside a block (script, button, textarea…) ends a run of text for
    // matching: `<p>N<script> </script>HS England</p>` must not mark "N HS England".
    fc.assert(
      fc.property(forest, (trees) => {
        fresh(trees);
        const before = fingerprint(document.body);
        const controller = new AbortController();
        const engine = createEngine({
          signal: controller.signal,
          marker: Marker,
          settings,
          tables,
          hidden: new Set(),
        });
        try {
          expect(fingerprint(document.body), 'DOM changed by marking').toBe(before);
          const mentions = engine.mentions();
          for (const m of mentions) {
            expect(liveRange(m).toString(), 'page text at the mention').toBe(m.text);
          }
          // The highlights hold exactly the mentions' ranges.
          const ranges = ourHighlights().flatMap(([, h]) => [
            ...(h as unknown as Iterable<AbstractRange>),
          ]);
          expect(new Set(ranges)).toEqual(new Set(mentions.map((m) => m.range)));
        } finally {
          controller.abort();
        }
        // Torn down: nothing of ours left registered, and still no DOM change.
        expect(ourHighlights().filter(([, h]) => h.size > 0)).toEqual([]);
        expect(fingerprint(document.body)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});
