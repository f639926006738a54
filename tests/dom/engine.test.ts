/**
 * The engine on a real DOM (Chromium): marks with highlights without touching the DOM, density,
 * kinds, hidden entities and the cap, visibility, incremental updates, shadow roots, the wrap
 * renderer, SPA navigation and the main-thread budget.
 */
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAMES } from '../../src/page/highlight.ts';
import { CHANGE_GAP_MS } from '../../src/page/changes.ts';
import { html, marked, markedIds, run, settle, textAt } from './helpers.ts';

const ARTICLE = `
  <h1>Police-led scheme reviewed</h1>
  <p>Campaigners from StopSIM said SIM should stop, and the police agreed.</p>
  <p>Serenity <em>Integrated</em> Mentoring was used by trusts; NHS England said it must end.</p>
  <p>Buy a SIM card. NHS England's letter followed. StopSIM’s petition grew.</p>
  <ul><li>#StopSIM trended.</li></ul>`;

describe('highlight renderer', () => {
  it('marks mentions in document order and leaves the DOM byte-for-byte unchanged', async () => {
    html(ARTICLE);
    const before = document.documentElement.outerHTML;
    const records: MutationRecord[] = [];
    const mo = new MutationObserver((r) => records.push(...r));
    mo.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    const { engine } = await run({ density: 'all' });
    await settle(engine);
    records.push(...mo.takeRecords());
    mo.disconnect();
    expect(document.documentElement.outerHTML).toBe(before);
    expect(records).toEqual([]);
    expect(marked(engine)).toEqual([
      'StopSIM',
      'SIM',
      'Serenity Integrated Mentoring',
      'NHS England',
      "NHS England's",
      'StopSIM’s',
      '#StopSIM',
    ]);
    const highlight = CSS.highlights.get(HIGHLIGHT_NAMES.underline)!;
    expect(highlight.size).toBe(7);
    for (const m of engine.mentions()) {
      expect(highlight.has(m.range)).toBe(true);
      expect(m.range).toBeInstanceOf(StaticRange);
      expect(textAt(m.range).replace(/\s+/g, ' ')).toBe(m.text.replace(/\s+/g, ' '));
    }
  });

  it('keeps the reason with each mention', async () => {
    html(ARTICLE);
    const { engine } = await run({ density: 'all' });
    const sim = engine.mentions().find((m) => m.text === 'SIM')!;
    expect(sim.reason).toEqual({ rule: 'cues', alias: 'SIM', cues: ['StopSIM', 'police'] });
  });

  it('registers one highlight per style, and removes it when the run ends', async () => {
    html(ARTICLE);
    const r = await run({ style: 'background' });
    expect(CSS.highlights.has(HIGHLIGHT_NAMES.background)).toBe(true);
    r.controller.abort();
    expect(CSS.highlights.has(HIGHLIGHT_NAMES.background)).toBe(false);
    expect(r.engine.mentions()).toEqual([]);
  });

  it('reports the marks through onChange', async () => {
    html(ARTICLE);
    const r = await run();
    expect(r.changes.at(-1)?.map((m) => m.text)).toEqual(marked(r.engine));
  });
});

describe('density, kinds, hidden entities and cap', () => {
  it('marks the first mention of each entity by default', async () => {
    html(ARTICLE);
    const { engine } = await run();
    expect(marked(engine)).toEqual(['StopSIM', 'SIM', 'NHS England']);
  });
  it('marks nothing when off', async () => {
    html(ARTICLE);
    const { engine } = await run({ density: 'off' });
    expect(marked(engine)).toEqual([]);
  });
  it('honours per-kind toggles and entities hidden on the site', async () => {
    html(ARTICLE);
    const kinds = {
      ...(await import('../../src/shared/settings.ts')).DEFAULT_SETTINGS.marking.kinds,
    };
    kinds.campaign = false;
    const a = await run({ kinds });
    expect(markedIds(a.engine)).toEqual(['sim', 'nhs-england']);
    a.controller.abort();
    const b = await run({}, { hidden: new Set(['nhs-england']) });
    expect(markedIds(b.engine)).toEqual(['stopsim', 'sim']);
  });
  it('stops at the cap, in document order', async () => {
    html(ARTICLE);
    const { engine } = await run({ density: 'all', capPerPage: 3 });
    expect(marked(engine)).toEqual(['StopSIM', 'SIM', 'Serenity Integrated Mentoring']);
  });
});

describe('visibility', () => {
  it('skips hidden text, and marks it once it shows', async () => {
    const root = html(`<div id="menu" style="display:none"><p>NHS England menu</p></div>
      <p>Later, NHS England spoke.</p>`);
    const { engine } = await run();
    expect(engine.mentions()[0]!.range.startContainer.parentElement!.textContent).toBe(
      'Later, NHS England spoke.',
    );
    (root.querySelector('#menu') as HTMLElement).style.display = 'block';
    await settle(engine);
    expect(engine.mentions()[0]!.range.startContainer.parentElement!.textContent).toBe(
      'NHS England menu',
    );
  });

  it('marks text hidden by a stylesheet once the sheet is removed (anti-flicker snippets)', async () => {
    const sheet = document.createElement('style');
    sheet.textContent = '#flicker { visibility: hidden !important; }';
    document.head.append(sheet);
    try {
      html('<div id="flicker"><p>Later, NHS England spoke.</p></div>');
      const { engine } = await run();
      expect(engine.mentions()).toEqual([]);
      sheet.remove();
      await settle(engine);
      expect(marked(engine)).toEqual(['NHS England']);
    } finally {
      sheet.remove();
    }
  });
});

describe('first pass around hits (the fixture tables have a numeric cue window)', () => {
  // The filler keeps the hits' regions under a quarter of the page: else everything is walked.
  it('reads a hit paragraph that follows an inline sibling (a standfirst with a <meta>)', async () => {
    html(`<div>
        <meta itemprop="description" content="A summary">
        <p>Campaigners from StopSIM wrote to NHS England about Serenity Integrated Mentoring.</p>
        <p>by a reporter</p>
      </div>
      ${'<p>Filler text that mentions nothing at all.</p>'.repeat(100)}`);
    const { engine } = await run({ density: 'all' });
    expect(marked(engine)).toEqual(['StopSIM', 'NHS England', 'Serenity Integrated Mentoring']);
  });

  it('reads text between two hit paragraphs once, and both paragraphs', async () => {
    html(`<div><p>Campaigners from StopSIM wrote.</p> Then NHS England replied.
        <p>It was about Serenity Integrated Mentoring.</p><meta itemprop="x" content="y"></div>
      ${'<p>Filler text that mentions nothing at all.</p>'.repeat(100)}`);
    const { engine } = await run({ density: 'all' });
    expect(marked(engine)).toEqual(['StopSIM', 'NHS England', 'Serenity Integrated Mentoring']);
  });
});

describe('incremental updates', () => {
  it('marks added content, and drops the marks of removed content', async () => {
    const root = html('<p>Nothing yet.</p>');
    const r = await run({ density: 'all' });
    const p = document.createElement('p');
    p.innerHTML = 'Then <b>NHS</b> England wrote.';
    root.append(p);
    await settle(r.engine);
    expect(marked(r.engine)).toEqual(['NHS England']);
    expect(r.changes.at(-1)).toHaveLength(1);
    p.remove();
    await settle(r.engine);
    expect(marked(r.engine)).toEqual([]);
    expect(CSS.highlights.get(HIGHLIGHT_NAMES.underline)!.size).toBe(0);
    root.append(p);
    await settle(r.engine);
    expect(marked(r.engine)).toEqual(['NHS England']);
  });

  it('follows text changes', async () => {
    html('<p id="t">Breaking: <span>nothing</span></p>');
    const r = await run({ density: 'all' });
    const span = document.querySelector('#t span')!;
    span.firstChild!.textContent = 'NHS England';
    await settle(r.engine);
    expect(marked(r.engine)).toEqual(['NHS England']);
    span.firstChild!.textContent = 'nothing again';
    await settle(r.engine);
    expect(marked(r.engine)).toEqual([]);
  });

  it('moves "first mention" when the first one goes', async () => {
    const root = html('<p id="a">NHS England one</p><p>NHS England two</p>');
    const r = await run();
    expect(r.engine.mentions()[0]!.range.startContainer.parentElement!.id).toBe('a');
    root.querySelector('#a')!.remove();
    await settle(r.engine);
    expect(r.engine.mentions()).toHaveLength(1);
    expect(r.engine.mentions()[0]!.range.startContainer.parentElement!.textContent).toBe(
      'NHS England two',
    );
  });

  it('marks an ambiguous name when its long form arrives later, and unmarks it when it goes', async () => {
    const root = html('<p>A CPN was issued.</p>');
    const r = await run({ density: 'all' });
    expect(marked(r.engine)).toEqual([]);
    const p = document.createElement('p');
    p.textContent = 'A Community Protection Notice is a legal power.';
    root.append(p);
    await settle(r.engine);
    expect(marked(r.engine)).toEqual(['CPN', 'Community Protection Notice']);
    expect(r.engine.mentions()[0]!.reason.rule).toBe('long-form');
    p.remove();
    await settle(r.engine);
    expect(marked(r.engine)).toEqual([]);
  });

  it('ignores our own card host', async () => {
    html('<p>NHS England</p>');
    const r = await run();
    const host = document.createElement('context-cards-card');
    host.textContent = 'StopSIM';
    document.documentElement.append(host);
    await settle(r.engine);
    host.remove();
    expect(marked(r.engine)).toEqual(['NHS England']);
  });

  it("keeps a block's marks painted while it is read again, until its new marks are painted", async () => {
    // A change beside a marked paragraph reads it again. Its old marks stay up until the new
    // ones are painted, in the same task: a pass that spans many slices (here, thousands of new
    // paragraphs to resolve) never leaves the page without them in between.
    const root = html('<p id="a">NHS England said.</p>');
    const r = await run({ density: 'all', capPerPage: 100000 });
    const painter = r.engine.painter;
    // The default style's highlight holds every mark (the active one is a highlight of its own).
    const highlight = CSS.highlights.get(HIGHLIGHT_NAMES.underline)!;
    expect(highlight.size).toBe(1);
    const slices = r.engine.stats().slices;
    const seen: number[] = [];
    const sample = () => queueMicrotask(() => seen.push(highlight.size));
    const add = painter.add.bind(painter);
    const remove = painter.remove.bind(painter);
    painter.add = (m) => (add(m), sample());
    painter.remove = (m) => (remove(m), sample());
    root.querySelector('#a')!.append(' Later.');
    root.insertAdjacentHTML('beforeend', '<p>StopSIM and NHS England said SIM.</p>'.repeat(3000));
    await settle(r.engine);
    // The change's pass spanned slices: there were ends of slices to look between.
    expect(r.engine.stats().slices - slices).toBeGreaterThan(2);
    expect(seen.length).toBeGreaterThan(0);
    // Never fewer marks than before the change, at the end of any slice.
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(1);
    expect(marked(r.engine)[0]).toBe('NHS England');
    expect(r.engine.mentions()[0]!.range.startContainer.parentNode).toBe(root.querySelector('#a'));
  });

  it('does not read the page again when a page removes our host', async () => {
    // A hostile page removes our card's host as soon as it appears, again and again; the body
    // beside it is not a change. Were it read again, its marks would be dropped and repainted,
    // and a page looking between the two (or a throttled pass) would find none.
    html('<p>NHS England</p><p>StopSIM</p>');
    const r = await run();
    const marks = r.engine.mentions();
    const before = r.engine.stats().updates;
    for (let i = 0; i < 3; i++) {
      const host = document.createElement('context-cards-card');
      document.documentElement.append(host);
      await settle(r.engine);
      host.remove();
      await settle(r.engine);
    }
    expect(r.engine.stats().updates).toBe(before);
    expect(r.engine.mentions()).toEqual(marks);
    expect(r.engine.mentions().every((m, i) => m === marks[i])).toBe(true);
  });
});

describe('open shadow roots', () => {
  it('marks text inside them and styles the marks there without touching the DOM', async () => {
    const root = html('<div id="host"></div>');
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Inside, NHS England spoke.</p>';
    const before = shadow.innerHTML;
    const sheets = shadow.adoptedStyleSheets.length;
    const r = await run();
    expect(marked(r.engine)).toEqual(['NHS England']);
    expect(shadow.innerHTML).toBe(before);
    expect(shadow.adoptedStyleSheets.length).toBe(sheets + 1);
    const rules = [...shadow.adoptedStyleSheets.at(-1)!.cssRules].map((x) => x.cssText).join();
    expect(rules).toContain('::highlight(context-cards-underline)');
    r.controller.abort();
    expect(shadow.adoptedStyleSheets.length).toBe(sheets);
  });

  it('follows changes inside them', async () => {
    const root = html('<div id="host"></div>');
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>quiet</p>';
    const r = await run();
    shadow.querySelector('p')!.textContent = 'StopSIM now';
    await settle(r.engine);
    expect(marked(r.engine)).toEqual(['StopSIM']);
  });
});

describe('wrap renderer', () => {
  it('wraps mentions in our element and restores the DOM exactly', async () => {
    const root = html(ARTICLE);
    const before = document.documentElement.outerHTML;
    const texts = [...root.querySelectorAll('p')].map((p) => p.firstChild);
    const r = await run({ density: 'all', renderer: 'wrap' });
    const marks = root.querySelectorAll('context-cards-mark');
    expect(marks.length).toBe(9); // "Serenity Integrated Mentoring" is three pieces
    expect(marked(r.engine)).toHaveLength(7);
    for (const m of r.engine.mentions()) expect(textAt(m.range)).toBe(m.text);
    r.controller.abort();
    expect(document.documentElement.outerHTML).toBe(before);
    expect([...root.querySelectorAll('p')].map((p) => p.firstChild)).toEqual(texts);
  });

  it('wraps a mention that starts in a text node already split for another', async () => {
    // Found by the property test: "#" ends one text node, the name fills the next.
    const root = html('<p id="p"></p>');
    const p = root.querySelector('#p')!;
    p.append('Serenity Integrated Mentoring#', 'Serenity Integrated Mentoring');
    const before = p.innerHTML;
    const r = await run({ density: 'all', renderer: 'wrap' });
    expect(marked(r.engine)).toEqual([
      'Serenity Integrated Mentoring',
      '#Serenity Integrated Mentoring',
    ]);
    for (const m of r.engine.mentions()) expect(textAt(m.range)).toBe(m.text);
    r.controller.abort();
    expect(p.innerHTML).toBe(before);
    expect(p.childNodes).toHaveLength(2);
  });

  it('keeps up with changes to wrapped text', async () => {
    const root = html('<p id="p">Today NHS England said.</p>');
    const r = await run({ density: 'all', renderer: 'wrap' });
    expect(root.querySelectorAll('context-cards-mark')).toHaveLength(1);
    root.querySelector('#p')!.append(' Also StopSIM.');
    await settle(r.engine);
    expect(marked(r.engine)).toEqual(['NHS England', 'StopSIM']);
    expect(root.querySelectorAll('context-cards-mark')).toHaveLength(2);
    r.controller.abort();
    expect(root.innerHTML).toBe('<p id="p">Today NHS England said. Also StopSIM.</p>');
  });

  it('is the fallback where the Highlight API is missing', async () => {
    html('<p>Today NHS England said.</p>');
    const g = globalThis as { Highlight?: unknown };
    const saved = g.Highlight;
    delete g.Highlight;
    try {
      const r = await run();
      expect(document.querySelectorAll('context-cards-mark')).toHaveLength(1);
      r.controller.abort();
    } finally {
      g.Highlight = saved;
    }
    expect(document.querySelectorAll('context-cards-mark')).toHaveLength(0);
  });

  it('marks the active mention', async () => {
    html('<p>NHS England</p>');
    const r = await run({ renderer: 'wrap' });
    r.engine.painter.setActive(r.engine.mentions()[0]);
    expect(document.querySelector('context-cards-mark[context-cards-active]')).not.toBeNull();
    r.engine.painter.setActive(undefined);
    expect(document.querySelector('context-cards-mark[context-cards-active]')).toBeNull();
  });
});

describe('SPA navigation', () => {
  it('resets per-page state when the URL changes through the History API', async () => {
    const root = html('<p>StopSIM first page</p>');
    const r = await run();
    history.pushState(null, '', '?article=2');
    root.innerHTML = '<p>NHS England second page</p>';
    await settle(r.engine);
    expect(r.navigations).toBe(1);
    expect(marked(r.engine)).toEqual(['NHS England']);
    history.pushState(null, '', '?article=2#comments');
    root.append(document.createElement('p'));
    await settle(r.engine);
    expect(r.navigations).toBe(1);
  });

  it('tells the navigation by the URL in the batch of changes where there is no Navigation API', async () => {
    // As in a browser without it: the URL check on the page's changes is then the only sign.
    const own = Object.getOwnPropertyDescriptor(globalThis, 'navigation');
    Object.defineProperty(globalThis, 'navigation', { value: undefined, configurable: true });
    try {
      const root = html('<p>StopSIM first page</p>');
      const r = await run();
      expect(marked(r.engine)).toEqual(['StopSIM']);
      history.pushState(null, '', '?article=4');
      root.innerHTML = '<p>NHS England fourth page</p>';
      await settle(r.engine);
      expect(r.navigations).toBe(1);
      expect(marked(r.engine)).toEqual(['NHS England']);
    } finally {
      delete (globalThis as { navigation?: unknown }).navigation;
      if (own) Object.defineProperty(globalThis, 'navigation', own);
    }
  });
});

/** Calls `tick` now and at every frame for `ms`; resolves with the time it took. */
function everyFrame(ms: number, tick: () => void): Promise<number> {
  const t0 = performance.now();
  return new Promise((done) => {
    const frame = () => {
      tick();
      if (performance.now() - t0 < ms) requestAnimationFrame(frame);
      else done(performance.now() - t0);
    };
    frame();
  });
}

describe('main-thread budget', () => {
  it('stays bounded on a page that never stops changing', async () => {
    const root = html(
      '<p id="ticker">0</p>' +
        '<p>NHS England and StopSIM said SIM, with the police.</p>'.repeat(200),
    );
    const r = await run({ density: 'all', capPerPage: 100000 });
    const ticker = root.querySelector('#ticker')!;
    const start = r.engine.stats();
    let n = 0;
    const elapsed = await everyFrame(1500, () => {
      ticker.textContent = `NHS England ${n++}`;
      // A big append now and then (infinite scroll).
      if (n % 10 === 0)
        root.insertAdjacentHTML(
          'beforeend',
          '<p>More from StopSIM and NHS England.</p>'.repeat(50),
        );
    });
    const end = r.engine.stats();
    // At most the bucket's burst plus 10% of the time (plus one slice of slack).
    expect(end.busyMs - start.busyMs).toBeLessThanOrEqual(100 + elapsed * 0.1 + 16);
    await settle(r.engine);
    expect(marked(r.engine).filter((t) => t.startsWith('NHS England')).length).toBeGreaterThan(200);
  });

  it(`takes a live page's changes in batches ${CHANGE_GAP_MS} ms apart, and a lone change at the next frame`, async () => {
    const root = html('<p id="ticker">0</p><p>NHS England said.</p>');
    const r = await run({ density: 'all', capPerPage: 100000 });
    const ticker = root.querySelector('#ticker')!;
    const start = r.engine.stats();
    let n = 0;
    const elapsed = await everyFrame(1000, () => ticker.append(n++ % 2 ? ' StopSIM' : ' the'));
    await settle(r.engine);
    const batches = r.engine.stats().updates - start.updates;
    // A change every frame (about 60 a second), read in batches at most every CHANGE_GAP_MS.
    expect(n).toBeGreaterThan(20);
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThanOrEqual(Math.ceil(elapsed / CHANGE_GAP_MS) + 1);
    // Nothing is lost by batching: every mention the ticker now holds is marked.
    expect(marked(r.engine).filter((t) => t === 'StopSIM')).toHaveLength(Math.floor(n / 2));
    // After a quiet spell, a change is taken at the next frame: no wait.
    await new Promise((r) => setTimeout(r, CHANGE_GAP_MS * 2));
    const before = r.engine.stats();
    root.insertAdjacentHTML('beforeend', '<p>Later, StopSIM said.</p>');
    await settle(r.engine);
    expect(marked(r.engine)).toHaveLength(Math.floor(n / 2) + 2);
    expect(r.engine.stats().updates).toBe(before.updates + 1);
    expect(r.engine.stats().throttled).toBe(before.throttled);
  });
});
