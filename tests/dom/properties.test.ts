/**
 * Properties over generated DOM trees (fast-check, real Chromium): with the highlight renderer
 * the DOM is unchanged (markup, node identities, no mutation records); the wrap renderer
 * round-trips exactly; and every reported mention's text is the text on the page at its range.
 * Trees mix blocks, inline elements, skip zones, adjacent text nodes and shadow roots, with
 * text built from the fixture's aliases, cues and exclusions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run, textAt } from './helpers.ts';
import { mount, page } from './trees.ts';

/** Every node under `root`, across open shadow roots, in order. */
function allNodes(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node) => {
    out.push(n);
    if (n.nodeType === 1 && (n as Element).shadowRoot) visit((n as Element).shadowRoot!);
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(root);
  return out;
}

function snapshot(root: HTMLElement) {
  const nodes = allNodes(root);
  return {
    nodes,
    parents: nodes.map((n) => n.parentNode),
    data: nodes.map((n) => (n.nodeType === 3 ? (n as Text).data : null)),
    html: nodes.map((n) => (n.nodeType === 11 ? (n as ShadowRoot).innerHTML : '')).join('|'),
    outer: root.outerHTML,
  };
}

const RUNS = 200;

describe('engine properties over generated pages', () => {
  it('highlight mode never changes the DOM, and each mention reads as its text', async () => {
    await fc.assert(
      fc.asyncProperty(page, async (trees) => {
        const root = mount(trees);
        const before = snapshot(root);
        const records: MutationRecord[] = [];
        const mo = new MutationObserver((r) => records.push(...r));
        mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
        const r = await run({ density: 'all', capPerPage: 100000 });
        for (const m of r.engine.mentions()) expect(textAt(m.range)).toBe(m.text);
        r.controller.abort();
        records.push(...mo.takeRecords());
        mo.disconnect();
        expect(records).toEqual([]);
        expect(snapshot(root)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('wrap mode round-trips exactly, and each mention reads as its text', async () => {
    await fc.assert(
      fc.asyncProperty(page, async (trees) => {
        const root = mount(trees);
        const before = snapshot(root);
        const highlighted = await run({ density: 'all', capPerPage: 100000 });
        const expected = highlighted.engine.mentions().map((m) => m.text);
        highlighted.controller.abort();
        const r = await run({ density: 'all', capPerPage: 100000, renderer: 'wrap' });
        // Both renderers find the same mentions on the same page.
        expect(r.engine.mentions().map((m) => m.text)).toEqual(expected);
        for (const m of r.engine.mentions()) expect(textAt(m.range)).toBe(m.text);
        r.controller.abort();
        expect(snapshot(root)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });
});
