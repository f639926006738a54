/**
 * Where the engine reads, and the wrap renderer, with the built extension in both browsers:
 * a same-origin frame (`all_frames`), an open shadow root (marked, and styled there through an
 * adopted stylesheet, which must work from a content script in Firefox too), and switching to
 * the wrap renderer and back leaving the page's DOM exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, type Session } from './harness/browsers.ts';
import { poll, useBrowser, waitForMarks } from './harness/fixture.ts';

/** Writes the marking settings from an extension page (the content script restarts on change). */
async function setMarking(session: Session, marking: Record<string, unknown> | undefined) {
  const page = await session.newPage();
  await page.goto(session.extensionUrl('src/glossary/index.html'));
  await page.evaluate(async (m) => {
    type Api = {
      storage: { sync: { set(v: object): Promise<void>; remove(k: string): Promise<void> } };
    };
    const g = globalThis as unknown as { browser?: Api; chrome: Api };
    const api = g.browser ?? g.chrome;
    if (m) await api.storage.sync.set({ marking: m });
    else await api.storage.sync.remove('marking');
  }, marking);
  await page.close();
}

describe.each(BROWSERS)('%s: engine in frames, shadow roots and wrap mode', (name) => {
  const e2e = useBrowser(name);

  it('marks text in a same-origin frame and in an open shadow root, styled there', async () => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.server.url('/fixtures/engine/frames.html'));
    const inFrame = await poll(
      () =>
        page.evaluate(() => {
          const w = document.querySelector('iframe')!.contentWindow as Window & typeof globalThis;
          return [...w.CSS.highlights.entries()]
            .filter(([n]) => n.startsWith('context-cards-') && n !== 'context-cards-active')
            .flatMap(([, h]) => [...h] as AbstractRange[])
            .map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset));
        }),
      (t) => t.length > 0,
    );
    expect(inFrame).toEqual(['StopSIM']);
    const shadow = await poll(
      () =>
        page.evaluate(() => {
          const root = document.querySelector('news-quote')!.shadowRoot!;
          const marked = [...CSS.highlights.entries()]
            .filter(([n]) => n.startsWith('context-cards-') && n !== 'context-cards-active')
            .flatMap(([, h]) => [...h] as AbstractRange[])
            .filter((r) => r.startContainer.getRootNode() === root)
            .map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset));
          const styled = [...root.adoptedStyleSheets].some((s) =>
            [...s.cssRules].some((r) => r.cssText.includes('::highlight(context-cards-')),
          );
          return { marked, styled, html: root.innerHTML };
        }),
      (s) => s.marked.length > 0 && s.styled,
    );
    expect(shadow.marked).toEqual(['High Intensity Network']);
    expect(shadow.styled).toBe(true);
    expect(page.errors, page.errors.join('\n')).toEqual([]);
    expect(shadow.html).toBe(
      '<style>p{color:#333}</style><p>Inside a component, the High Intensity Network spoke.</p>',
    );
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('wraps with the wrap renderer, and leaves the DOM exactly as it was when switched back', async () => {
    const page = await e2e.session.newPage();
    await page.goto(e2e.server.url('/fixtures/engine/churn.html'));
    await waitForMarks(page, 3);
    const before = await page.evaluate(() => document.body.innerHTML);
    try {
      await setMarking(e2e.session, { renderer: 'wrap', density: 'all' });
      const wrapped = await poll(
        () =>
          page.evaluate(() =>
            [...document.querySelectorAll('context-cards-mark')].map((m) => m.textContent),
          ),
        (t) => t.length >= 4,
      );
      expect(wrapped).toEqual(expect.arrayContaining(['Serenity ', 'Integrated', ' Mentoring']));
      expect(wrapped).toEqual(expect.arrayContaining(['NHS England', 'StopSIM', 'SIM']));
    } finally {
      await setMarking(e2e.session, undefined);
    }
    await poll(
      () => page.evaluate(() => document.querySelectorAll('context-cards-mark').length),
      (n) => n === 0,
    );
    await waitForMarks(page, 3);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
