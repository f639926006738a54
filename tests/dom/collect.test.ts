/**
 * Text collection: blocks, inline joins, skip zones, shadow roots, resumable walks and the
 * regions read again after a change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { locate, regionAround, Walker, type Block } from '../../src/page/collect.ts';
import { collectBlocks } from './trees.ts';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => root.replaceChildren());

const texts = (blocks: Block[]) => blocks.map((b) => b.text.replace(/\s+/g, ' ').trim());

describe('collectBlocks', () => {
  it('joins inline elements within a block and splits at block borders', () => {
    root.innerHTML = '<p>Serenity <em>Integrated</em> Mentoring</p><p>NHS England</p>';
    expect(collectBlocks(root).map((b) => b.text)).toEqual([
      'Serenity Integrated Mentoring',
      'NHS England',
    ]);
  });

  it('never joins across paragraphs, list items, cells, headings or line breaks', () => {
    root.innerHTML =
      '<h2>NHS</h2>England<ul><li>NHS</li><li>England</li></ul>' +
      '<table><tr><td>NHS</td><td>England</td></tr></table>NHS<br>England<div>a<p>b</p>c</div>';
    expect(texts(collectBlocks(root))).toEqual([
      'NHS',
      'England',
      'NHS',
      'England',
      'NHS',
      'England',
      'NHS',
      'England',
      'a',
      'b',
      'c',
    ]);
  });

  it('joins across inline elements that contain blocks only up to the block', () => {
    root.innerHTML = '<p>one <a href="#">two <span>three</span></a> four</p><a><div>five</div></a>';
    expect(texts(collectBlocks(root))).toEqual(['one two three four', 'five']);
  });

  it('skips every zone that is not reading text', () => {
    root.innerHTML = `<p>keep1</p>
      <script>skip</script><style>.skip{}</style><noscript>skip</noscript>
      <template><p>skip</p></template><textarea>skip</textarea><input value="skip">
      <select><option>skip</option></select><code>skip</code><pre>skip</pre><kbd>skip</kbd>
      <samp>skip</samp><svg><text>skip</text></svg><math><mi>skip</mi></math>
      <div contenteditable="true">skip</div><div contenteditable="">skip</div>
      <div contenteditable="false">keep2</div><div aria-hidden="true">skip</div>
      <div aria-hidden="false">keep3</div><div hidden>skip</div><button>skip</button>
      <context-cards-card>skip</context-cards-card>
      <p>keep4 <context-cards-mark context-cards-style="underline">keep5</context-cards-mark></p>`;
    expect(texts(collectBlocks(root))).toEqual(['keep1', 'keep2', 'keep3', 'keep4 keep5']);
  });

  it('treats a skipped element as a border, so no mention spans unread text', () => {
    root.innerHTML =
      '<p>NHS <button>x</button>England and Serenity<script>1</script> Integrated</p>';
    expect(texts(collectBlocks(root))).toEqual(['NHS', 'England and Serenity', 'Integrated']);
  });

  it('reads open shadow roots, not closed ones', () => {
    root.innerHTML = '<p>light</p><div id="open"></div><div id="closed"></div>';
    const open = root.querySelector('#open')!.attachShadow({ mode: 'open' });
    open.innerHTML = '<p>inside <b>open</b></p>';
    const closed = root.querySelector('#closed')!.attachShadow({ mode: 'closed' });
    closed.innerHTML = '<p>inside closed</p>';
    expect(texts(collectBlocks(root))).toEqual(['light', 'inside open']);
  });

  it('maps offsets back to text nodes', () => {
    root.innerHTML = '<p>ab<em>cd</em>ef</p>';
    const [block] = collectBlocks(root);
    expect(locate(block!, 3)).toMatchObject({ offset: 1, index: 1 });
    expect(locate(block!, 4, true)).toMatchObject({ offset: 2, index: 1 });
    expect(locate(block!, 4)).toMatchObject({ offset: 0, index: 2 });
  });
});

describe('Walker', () => {
  it('resumes where it stopped, and gives the same blocks as one pass', () => {
    root.innerHTML = Array.from({ length: 500 }, (_, i) => `<p>para <i>${i}</i></p>`).join('');
    const one = texts(collectBlocks(root));
    const w = new Walker();
    w.add(root);
    const parts: Block[] = [];
    while (!w.done) parts.push(...w.run(performance.now() - 1));
    expect(texts(parts)).toEqual(one);
  });

  it('restarts from the nearest ancestor in place when the page removed its position', () => {
    root.innerHTML = Array.from(
      { length: 300 },
      (_, i) => `<section><p>a${i}</p><p>b${i}</p></section>`,
    ).join('');
    const w = new Walker();
    w.add(root);
    const parts: Block[] = [];
    parts.push(...w.run(performance.now() - 1));
    // Remove the section the walk is in, and the next one.
    const current = root.querySelectorAll('section')[parts.length >> 1]!;
    current.nextElementSibling?.remove();
    current.remove();
    while (!w.done) parts.push(...w.run(performance.now() - 1));
    const seen = new Set(texts(parts));
    for (const b of texts(collectBlocks(root))) expect(seen.has(b)).toBe(true);
  });
});

describe('regionAround', () => {
  it('is the node alone for a block appended between blocks', () => {
    root.innerHTML = '<div id="feed"><article>one</article><article>two</article></div>';
    const added = document.createElement('article');
    added.textContent = 'three';
    root.querySelector('#feed')!.append(added);
    const r = regionAround(added)!;
    expect([r.first, r.last]).toEqual([added, added]);
  });

  it('is the run of inline siblings around a change', () => {
    root.innerHTML = '<div id="d">a <b>b</b> c<p>p</p>d</div>';
    const b = root.querySelector('b')!.firstChild!;
    const r = regionAround(b)!;
    expect(r.parent).toBe(root.querySelector('#d'));
    expect(r.first).toBe(root.querySelector('#d')!.firstChild);
    expect((r.last as Text).data).toBe(' c');
  });

  it('is nothing inside a skipped zone', () => {
    root.innerHTML = '<div hidden><p>x</p></div><pre>y</pre>';
    expect(regionAround(root.querySelector('p')!.firstChild!)).toBeUndefined();
    expect(regionAround(root.querySelector('pre')!.firstChild!)).toBeUndefined();
  });
});
