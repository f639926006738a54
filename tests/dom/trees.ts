/**
 * Generated DOM trees for property tests (fast-check): blocks, inline elements, skip zones,
 * hidden blocks, adjacent text nodes and open shadow roots, with text built from the fixture's
 * aliases, cues and exclusions.
 */
import fc from 'fast-check';
import { Walker, type Block } from '../../src/page/collect.ts';
import { FIXTURE_TABLES as T } from '../fixtures/engine/tables.ts';

export type Tree = { tag: string; attrs?: Record<string, string>; kids: Tree[] } | string;

const phrases = [
  ...T.aliases.map((a) => a.text),
  ...T.aliases.flatMap((a) => a.exclude),
  ...T.aliases.flatMap((a) => a.context?.cues ?? []),
];
const word = fc.constantFrom(
  ...phrases,
  ' ',
  ' ',
  '\u00a0',
  '\n',
  ', ',
  '. ',
  "'s",
  '’s',
  '#',
  '–',
  'the',
  'police',
  'said',
  'é',
  '',
);
const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(''));
const INLINE = ['span', 'em', 'b', 'a', 'i'];
const BLOCKS = ['p', 'div', 'li', 'h2', 'section', 'td'];
const SKIPS = ['script', 'code', 'pre', 'textarea', 'noscript'];

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: text as fc.Arbitrary<Tree> },
    {
      weight: 3,
      arbitrary: fc.record({
        tag: fc.constantFrom(...INLINE, ...BLOCKS, ...BLOCKS, 'br', ...SKIPS, 'hidden', 'shadow'),
        kids: fc.array(tie('tree'), { maxLength: 4 }),
      }) as fc.Arbitrary<Tree>,
    },
  ),
}));
export const page = fc.array(tree, { minLength: 1, maxLength: 6 });

function build(parent: Node, t: Tree): void {
  if (typeof t === 'string') {
    parent.appendChild(document.createTextNode(t));
    return;
  }
  if (t.tag === 'shadow') {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    for (const k of t.kids) build(shadow, k);
    parent.appendChild(host);
    return;
  }
  const el = document.createElement(t.tag === 'hidden' ? 'div' : t.tag);
  if (t.tag === 'hidden') el.hidden = true;
  if (t.tag === 'script') el.setAttribute('type', 'text/plain'); // never run generated text
  for (const k of t.kids) build(el, k);
  parent.appendChild(el);
}

export function mount(trees: Tree[]): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  for (const t of trees) build(root, t);
  document.body.replaceChildren(root);
  return root;
}

/** Reads every block under `root` in one go (the marker's walk, unsliced). */
export function collectBlocks(root: Node): Block[] {
  const w = new Walker();
  w.add(root);
  return w.run();
}
