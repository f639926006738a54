/**
 * The engine's first look (src/page/engine.ts) on a real DOM (Chromium): a page whose text holds
 * no mention never brings the marker in, however it changes, until changed text could hold one;
 * and the marker, loaded on demand (src/page/chunks.ts, mocked here so that its arrival can be
 * held back), takes over whatever happened while it was on its way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gateSources } from '../../src/matcher/index.ts';
import { loadMarker } from '../../src/page/chunks.ts';
import { createEngine } from '../../src/page/engine.ts';
import { QUICK_HTML, QUICK_STOPS } from '../../src/page/text/quick-text.ts';
import { Marker } from '../../src/page/marker/marker.ts';
import type { MarkerClass } from '../../src/page/bridges.ts';
import { FIXTURE_TABLES } from '../fixtures/engine/tables.ts';
import { html, marked, run, settings, settle } from './helpers.ts';

vi.mock('../../src/page/chunks.ts', () => ({
  loadMarker: vi.fn(),
  loadCard: vi.fn(),
  loadWrap: vi.fn(),
}));

/** A marker that counts how often it is made. */
function counting() {
  const made = { count: 0 };
  class Counted extends Marker {
    constructor(...args: ConstructorParameters<typeof Marker>) {
      super(...args);
      made.count++;
    }
  }
  return { made, marker: Counted as MarkerClass };
}

describe('changes to a page without a mention', () => {
  it('never bring the marker in while their text cannot hold one', async () => {
    const root = html('<p>Weather: rain later.</p>');
    const { made, marker } = counting();
    const r = await run({ density: 'all' }, { marker });
    for (let i = 0; i < 5; i++) {
      const p = document.createElement('p');
      p.innerHTML = `Update ${i}: <b>sunny</b> spells.`;
      root.append(p);
      root.firstElementChild!.firstChild!.textContent = `rain ${i}`;
      await settle(r.engine);
    }
    root.firstElementChild!.remove();
    await settle(r.engine);
    expect(made.count).toBe(0);
    expect(marked(r.engine)).toEqual([]);
    const p = document.createElement('p');
    p.textContent = 'NHS England wrote.';
    root.append(p);
    await settle(r.engine);
    expect(made.count).toBe(1);
    expect(marked(r.engine)).toEqual(['NHS England']);
  });

  it.each([
    [
      'joins old and new text in one block',
      '<p>Serenity Integrated <span id="s"></span> was used.</p>',
      () => (document.querySelector('#s')!.textContent = 'Mentoring'),
    ],
    [
      'a removal joins up',
      '<p>Serenity Integrated<b> and other</b> Mentoring was used.</p>',
      () => document.querySelector('b')!.remove(),
    ],
  ])('find a mention that %s', async (_, markup, change) => {
    html(markup);
    const { made, marker } = counting();
    const r = await run({ density: 'all' }, { marker });
    expect(made.count).toBe(0);
    change();
    await settle(r.engine);
    expect(made.count).toBe(1);
    expect(marked(r.engine)).toEqual(['Serenity Integrated Mentoring']);
  });

  it('read a block once however many of its nodes changed', async () => {
    // 100 spans of a 1,000-character paragraph changed in one frame: read once each, their
    // regions are 1,000 characters, not 100,000 (past one gate slice, which brings the marker).
    const words = 'plain words without any name at all, '.repeat(27);
    const root = html(`<p>${'<span>x</span>'.repeat(100)}${words}</p>`);
    const { made, marker } = counting();
    const r = await run({ density: 'all' }, { marker });
    for (const span of root.querySelectorAll('span')) span.textContent = 'y';
    await settle(r.engine);
    expect(made.count).toBe(0);
  });

  it('bring it in at once when they are too long to test in one go', async () => {
    const root = html('<p>Nothing here.</p>');
    const { made, marker } = counting();
    const r = await run({ density: 'all' }, { marker });
    const p = document.createElement('p');
    p.textContent = 'Plain words without any name. '.repeat(3000);
    root.append(p);
    await settle(r.engine);
    expect(made.count).toBe(1);
    expect(marked(r.engine)).toEqual([]);
  });

  it('follow an SPA navigation to a page with mentions', async () => {
    const root = html('<p>First page, nothing.</p>');
    const { made, marker } = counting();
    const r = await run({}, { marker });
    history.pushState(null, '', '?article=2');
    root.innerHTML = '<p>StopSIM second page</p>';
    await settle(r.engine);
    expect(r.navigations).toBe(1);
    expect(made.count).toBe(1);
    expect(marked(r.engine)).toEqual(['StopSIM']);
  });
});

describe('the quick look at a page as loaded', () => {
  /** Spies on the quick look's one call for the elements it leaves out. */
  const quickLooks = () => {
    const spy = vi.spyOn(Element.prototype, 'querySelectorAll');
    return () => spy.mock.calls.filter(([selector]) => selector === QUICK_STOPS).length;
  };

  afterEach(() => vi.restoreAllMocks());

  it('leaves out text that is never page text: the marker is never brought in', async () => {
    html(
      '<p>Weather: rain later.</p><textarea>NHS England</textarea>' +
        '<script type="text/plain">Serenity Integrated Mentoring</script>' +
        '<style>/* StopSIM */</style><noscript>StopSIM</noscript>',
    );
    const looks = quickLooks();
    const { made, marker } = counting();
    const r = await run({ density: 'all' }, { marker });
    expect(looks()).toBe(1);
    expect(made.count).toBe(0);
    expect(marked(r.engine)).toEqual([]);
  });

  it.each([
    ['in ordinary text', '<p>Weather: rain. NHS England wrote.</p>'],
    // Items with no space between them: "HomeNHS England" in the text read at once.
    ['at a block border inside a word', '<ul><li>Home</li><li>NHS England</li></ul>'],
    ['next to a left-out element', '<p>Home<script type="text/plain">x</script>NHS England</p>'],
  ])('finds an anchor %s, and the full read marks the page', async (_, markup) => {
    html(markup);
    const looks = quickLooks();
    const { made, marker } = counting();
    const r = await run({ density: 'all' }, { marker });
    expect(looks()).toBe(1);
    expect(made.count).toBe(1);
    expect(marked(r.engine)).toEqual(['NHS England']);
  });

  it.each([
    ['after a chunk of text with no anchor', 70_000],
    ['across the end of the first chunk', (1 << 16) - 4],
  ])('hands its text to the marker, which finds a mention %s', async (_, at) => {
    // The marker scans from the chunk where the first look found an anchor on.
    const filler = 'word '.repeat(Math.ceil(at / 5));
    html(`<p>${filler}NHS England wrote.</p><p>StopSIM replied.</p>`);
    const r = await run({ density: 'all' });
    expect(marked(r.engine)).toEqual(['NHS England', 'StopSIM']);
  });

  it('is not taken on a page loaded with more HTML than it reads in one go', async () => {
    html('<p>Weather: rain later.</p><p>StopSIM said.</p>');
    const entries = performance.getEntriesByType('navigation');
    expect(entries).toHaveLength(1);
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue(
      entries.map((e) => ({ ...e.toJSON(), decodedBodySize: QUICK_HTML + 1 })),
    );
    const looks = quickLooks();
    const r = await run({ density: 'all' });
    expect(looks()).toBe(0);
    expect(marked(r.engine)).toEqual(['StopSIM']);
  });
});

describe('the marker, loaded on demand', () => {
  let release: (m: MarkerClass | undefined) => void;
  const controllers: AbortController[] = [];
  beforeEach(() => {
    vi.mocked(loadMarker).mockImplementation(
      () => new Promise<MarkerClass | undefined>((r) => (release = r)),
    );
  });
  afterEach(() => {
    for (const c of controllers.splice(0)) c.abort();
    vi.mocked(loadMarker).mockReset();
  });

  const start = (onNavigate?: () => void) => {
    const controller = new AbortController();
    controllers.push(controller);
    return createEngine({
      signal: controller.signal,
      settings: settings({ density: 'all' }),
      tables: FIXTURE_TABLES,
      gate: gateSources(FIXTURE_TABLES),
      hidden: new Set(),
      onNavigate,
    });
  };
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

  it('is asked for once, and marks what changed while it was on its way', async () => {
    const root = html('<p>StopSIM said so.</p>');
    const engine = start();
    let ready = false;
    void engine.ready.then(() => (ready = true));
    const p = document.createElement('p');
    p.textContent = 'NHS England replied.';
    root.append(p);
    await frame();
    expect(ready).toBe(false);
    expect(loadMarker).toHaveBeenCalledTimes(1);
    release(Marker);
    await engine.ready;
    await settle(engine);
    expect(marked(engine)).toEqual(['StopSIM', 'NHS England']);
  });

  it('reads the new page after an SPA navigation while it was on its way', async () => {
    const root = html('<p>StopSIM first page</p>');
    let navigations = 0;
    const engine = start(() => navigations++);
    history.pushState(null, '', '?article=3');
    root.innerHTML = '<p>NHS England second page</p>';
    await frame();
    release(Marker);
    await engine.ready;
    await settle(engine);
    expect(navigations).toBe(1);
    expect(marked(engine)).toEqual(['NHS England']);
  });

  it('settles with nothing marked when it cannot be loaded', async () => {
    html('<p>StopSIM said so.</p>');
    const engine = start();
    await frame();
    release(undefined);
    await engine.ready;
    await engine.idle();
    expect(marked(engine)).toEqual([]);
  });
});
