/**
 * The card in real Chromium, outside the extension: the content and its links, accessibility
 * (axe-core against the same component and stylesheet, light and dark), and the controller's
 * behaviour (related swap and Back, pin, grace, focus, Escape, live region, hide on this site).
 *
 * `webextension-polyfill` is replaced by `tests/support/card-i18n.ts` (real `_locales` strings).
 * The controller's shadow root is closed; these tests record it by wrapping `attachShadow` (test
 * instrumentation only; e2e tests never open it).
 */
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CardApi, CardRequest } from '../../src/shared/card-bridge.ts';
import { testDataset } from '../support/card-dataset.ts';
import { sent, stored } from '../support/card-i18n.ts';

const { Card } = await import('../../src/card/Card.tsx');
const { CARD_CSS } = await import('../../src/card/card.css.ts');
const { createCard, GRACE_MS } = await import('../../src/card/controller.tsx');
const { HOST_TAG } = await import('../../src/card/host.ts');

const roots: ShadowRoot[] = [];
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  if (this.localName === HOST_TAG) roots.push(root);
  return root;
};
const cardRoot = () => roots.at(-1)!;
const q = <E extends Element = HTMLElement>(sel: string) => cardRoot().querySelector<E>(sel);
const button = (name: RegExp) =>
  [...cardRoot().querySelectorAll<HTMLElement>('button')].find((b) =>
    name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
  )!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const noop = () => undefined;
const handlers = {
  close: noop,
  pin: noop,
  back: noop,
  related: noop,
  cite: noop,
  sourcesToggled: noop,
  copy: noop,
  openEntry: noop,
  hide: noop,
};
const alpha = testDataset.entities[0]!;
const match = {
  text: 'Alpha',
  reason: { rule: 'cues' as const, alias: 'Alpha', cues: ['police'] },
};

function openShadow(theme: 'light' | 'dark', withMatch = true) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CARD_CSS);
  root.adoptedStyleSheets = [sheet];
  const mount = document.createElement('div');
  root.append(mount);
  render(
    <Card
      dataset={testDataset}
      entity={alpha}
      theme={theme}
      dir="ltr"
      match={withMatch ? match : undefined}
      pinned={false}
      sourcesOpen={true}
      animate={false}
      on={handlers}
    />,
    mount,
  );
  return { host, root };
}

afterEach(() => {
  document.querySelectorAll('body > div, body > p').forEach((n) => n.remove());
});

describe('card content', () => {
  it('shows every part of an entry, each fact with its evidence and numbered sources', () => {
    const { root } = openShadow('light');
    const text = (root.querySelector('.card') as HTMLElement).innerText;
    for (const part of [
      'Alpha Scheme',
      'PROGRAMME',
      'A scheme used for testing the card.',
      'KEY FACTS',
      'Body A said the *scheme* must stop.',
      'Official statement',
      '10 Mar 2023',
      'Campaign statement',
      '2021 – May 2022',
      'Disputed by Reviewer C: the figures were not checked',
      'Timeline (1)',
      'RELATED',
      'was opposed by',
      'Beta Campaign',
      'NOT THE SAME AS',
      'Alpha card',
      'Show Alpha card',
      'Sources (4)',
      '(mirror copy)',
      'Why highlighted',
      'Copy with citations',
      'Copy as Markdown',
      'Open full entry',
      'Hide this term on this site',
      'Dataset 2099.01.01-test (abcdef123456) · entry reviewed 25 Nov 2026',
      'Samaritans are free on 116\u00a0123',
    ])
      expect(text, part).toContain(part);
    expect(text).not.toContain('points at nothing'); // a related id missing from the dataset
    const cites = [...root.querySelectorAll('.facts .cite')].map((c) => c.textContent);
    expect(cites).toEqual(['[1]', '[2]', '[1]', '[3]']);
    expect(root.querySelector('.cite')!.getAttribute('aria-label')).toBe(
      'Source 1: Body A, Position [letter]',
    );
  });

  it('links sources over https only, in a new tab, without opener or referrer', () => {
    const { root } = openShadow('light');
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.sources a')];
    expect(links.map((a) => a.href)).toEqual(['https://example.org/a', 'https://example.org/d']);
    for (const a of links) {
      expect(a.target).toBe('_blank');
      expect(a.rel).toBe('noopener noreferrer');
    }
    expect(root.querySelector('.sources')!.textContent).toContain('Campaign update'); // unlinked
  });

  it('is a labelled non-modal dialog in its own direction and language', () => {
    const { root } = openShadow('light');
    const card = root.querySelector('.card')!;
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.getAttribute('aria-modal')).toBe('false');
    expect(root.getElementById(card.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Alpha Scheme',
    );
    expect(root.getElementById(card.getAttribute('aria-describedby')!)!.textContent).toContain(
      'testing',
    );
    expect(card.getAttribute('dir')).toBe('ltr');
    expect(card.getAttribute('lang')).toBe('en');
  });

  it('hides "Why highlighted" and "Hide" on an entry reached through Related', () => {
    const { root } = openShadow('light', false);
    const text = (root.querySelector('.card') as HTMLElement).innerText;
    expect(text).not.toContain('Why highlighted');
    expect(text).not.toContain('Hide this term');
  });

  for (const theme of ['light', 'dark'] as const)
    it(`has no axe violations (${theme}, every section open)`, async () => {
      const { host, root } = openShadow(theme);
      root.querySelectorAll('details').forEach((d) => (d.open = true));
      const result = await axe.run(host, { resultTypes: ['violations'] });
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`),
      ).toEqual([]);
      expect(result.incomplete.map((v) => v.id)).toEqual([]);
      expect(result.passes.map((v) => v.id)).toContain('color-contrast');
    });
});

describe('card controller', () => {
  let card: CardApi;
  let mention: HTMLElement;
  beforeAll(async () => {
    await page.viewport(1000, 700);
    card = createCard(testDataset);
  });
  afterEach(() => card.close());

  const request = (over: Partial<CardRequest> = {}): CardRequest => {
    mention = document.createElement('p');
    mention.textContent = 'About Alpha Scheme today';
    Object.assign(mention.style, { position: 'absolute', top: '40px', left: '40px', margin: '0' });
    document.body.append(mention);
    const range = document.createRange();
    range.setStart(mention.firstChild!, 6);
    range.setEnd(mention.firstChild!, 18);
    return {
      entityId: 'alpha',
      anchor: range,
      contextElement: mention,
      matchedText: 'Alpha Scheme',
      reason: { rule: 'alias', alias: 'Alpha Scheme', cues: [] },
      openedBy: 'hover',
      theme: 'light',
      ...over,
    };
  };

  it('opens below the mention in the top layer, and announces name and kind', async () => {
    card.open(request());
    const host = document.querySelector(HOST_TAG)!;
    expect(host.matches(':popover-open')).toBe(true);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    await vi.waitFor(() =>
      expect(card.state()!.rect.y).toBeGreaterThan(mention.getBoundingClientRect().bottom),
    );
    expect(card.state()!.placement).toBe('bottom-start');
    await vi.waitFor(() => expect(q('.live')!.textContent).toBe('Alpha Scheme, Programme.'));
  });

  it('flips above a mention near the bottom, aligns to the end on right-to-left text, and stays inside the window', async () => {
    const req = request();
    Object.assign(mention.style, { top: 'auto', bottom: '4px', left: 'auto', right: '4px' });
    card.open(req);
    await vi.waitFor(() => expect(card.state()!.placement).toBe('top-start'));
    const line = req.anchor.getBoundingClientRect();
    let r = card.state()!.rect;
    expect(r.y + r.height).toBeLessThanOrEqual(line.top);
    expect(r.x + r.width).toBeLessThanOrEqual(innerWidth - 8 + 0.5);
    expect(r.y).toBeGreaterThanOrEqual(8 - 0.5);

    const rtl = request();
    rtl.contextElement!.setAttribute('dir', 'rtl');
    Object.assign(mention.style, { left: 'auto', right: '200px' });
    card.open(rtl);
    const right = rtl.anchor.getBoundingClientRect().right;
    await vi.waitFor(() => {
      r = card.state()!.rect;
      expect(Math.abs(r.x + r.width - right)).toBeLessThan(1);
    });
    expect(card.state()!.placement).toBe('bottom-end');
    expect(card.state()!.dir).toBe('ltr'); // the card's own language, not the page's
  });

  it('swaps to a related entry and back, keeping focus inside', async () => {
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    card.open(request({ openedBy: 'keyboard', focus: true }));
    expect(card.state()!.focused).toBe('dialog');
    button(/^Beta Campaign$/).click();
    expect(card.state()!.entityId).toBe('beta');
    expect(card.state()!.rootEntityId).toBe('alpha');
    expect(card.state()!.focused).toBe('Back to Alpha Scheme');
    expect(card.state()!.text).not.toContain('Why highlighted');
    button(/^Back to/).click();
    expect(card.state()!.entityId).toBe('alpha');
    expect(card.state()!.text).toContain('Why highlighted');
    await userEvent.keyboard('{Escape}');
    expect(card.isOpen()).toBe(false);
    expect(document.activeElement).toBe(before);
    before.remove();
  });

  it('Tab cycles through the card; a citation opens the sources at that entry', async () => {
    card.open(request({ openedBy: 'keyboard', focus: true }));
    button(/^Source 3:/).click();
    expect(q<HTMLDetailsElement>('.sources')!.open).toBe(true);
    expect(cardRoot().activeElement!.id).toBe('cc-src-3');
    button(/^Close$/).focus();
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(card.state()!.focused).toBe('Keep this card open');
    const focusables = card.state()!.controls.length;
    for (let i = 0; i < focusables + 2; i++) await userEvent.keyboard('{Tab}');
    expect(cardRoot().activeElement).not.toBeNull(); // still inside after wrapping
  });

  it('closes a hover card after the grace period, but not while pinned', async () => {
    card.open(request());
    card.scheduleClose();
    await sleep(GRACE_MS / 2);
    expect(card.isOpen()).toBe(true);
    card.cancelClose();
    await sleep(GRACE_MS + 100);
    expect(card.isOpen()).toBe(true);
    button(/^Keep this card open$/).click();
    expect(card.pinned()).toBe(true);
    expect(card.sticky()).toBe(true);
    card.scheduleClose();
    await sleep(GRACE_MS + 100);
    expect(card.isOpen()).toBe(true);
    button(/^Keep this card open$/).click();
    card.scheduleClose();
    await vi.waitFor(() => expect(card.isOpen()).toBe(false));
  });

  it('calls onClose once when replaced and once when closed', () => {
    const first = vi.fn();
    const second = vi.fn();
    card.open(request({ onClose: first }));
    card.open(request({ onClose: second }));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    card.close();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('"Open full entry" asks the background; "Hide" stores the term for this site and closes', async () => {
    card.open(request());
    button(/^Open full entry$/).click();
    expect(sent).toContainEqual({ cc: 'card/open-entry', data: { entityId: 'alpha' } });
    button(/^Hide this term on this site$/).click();
    await vi.waitFor(() => expect(stored.hidden).toEqual({ [location.hostname]: ['alpha'] }));
    expect(card.isOpen()).toBe(false);
  });

  it('puts itself back when the page removes it, and follows the fullscreen element', async () => {
    card.open(request());
    const host = document.querySelector(HOST_TAG)!;
    host.remove();
    await vi.waitFor(() => expect(host.isConnected).toBe(true));
    expect(host.matches(':popover-open')).toBe(true);

    const stage = document.createElement('div');
    const go = document.createElement('button');
    go.textContent = 'fullscreen';
    go.onclick = () => void stage.requestFullscreen();
    stage.append(go);
    document.body.append(stage);
    await userEvent.click(go);
    await vi.waitFor(() => expect(document.fullscreenElement).toBe(stage));
    await vi.waitFor(() => expect(host.parentElement).toBe(stage));
    await document.exitFullscreen();
    await vi.waitFor(() => expect(host.parentElement).toBe(document.documentElement));
  });
});
