/**
 * The card in real Chromium, outside the extension: its layers (default view, More, the evidence
 * legend, the menu of actions, the "since this article" slot) and links, accessibility (axe-core
 * against the same component and stylesheet, light and dark), the layout budget against the live
 * dataset, and the controller's behaviour (related swap and Back, More, pin, grace, focus and
 * keyboard order, Escape, live region, hide on this site with Undo).
 *
 * `webextension-polyfill` is replaced by `tests/support/card-i18n.ts` (real `_locales` strings).
 * The controller's shadow root is closed; these tests record it by wrapping `attachShadow` (test
 * instrumentation only; e2e tests never open it).
 */
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import liveDataset from 'virtual:cc-dataset';
import type { Entity } from '../../src/dataset/schema.ts';
import type { CardApi, CardRequest } from '../../src/shared/card-bridge.ts';
import { SINCE_SHOWN, sinceArticle, type SinceArticle } from '../../src/shared/since.ts';
import { sourceName } from '../../src/shared/source-names.ts';
import { sinceOf, testDataset } from '../support/card-dataset.ts';
import { sent, stored } from '../support/card-i18n.ts';
import {
  DEFAULT_VIEW_CHARS,
  KEY_FACT_CHARS,
  defaultViewChars,
} from '../support/key-fact-budget.ts';
import { NO_HANDLERS, noop } from './card-handlers.ts';

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

const handlers = NO_HANDLERS;
const alpha = testDataset.entities[0]!;
const beta = testDataset.entities[1]!;
const match = {
  text: 'Alpha',
  reason: { rule: 'cues' as const, alias: 'Alpha', cues: ['police'] },
};

type Extra = Partial<Parameters<typeof Card>[0]>;

function openShadow(theme: 'light' | 'dark', withMatch = true, extra: Extra = {}) {
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
      {...extra}
    />,
    mount,
  );
  return { host, root };
}
const cardText = (root: ShadowRoot) => (root.querySelector('.card') as HTMLElement).innerText;
const citeNumbers = (root: ShadowRoot, sel: string) =>
  [...root.querySelectorAll(`${sel} .cite`)].map((c) => c.textContent);

afterEach(() => {
  document.querySelectorAll('body > div, body > p').forEach((n) => n.remove());
});

describe('card content', () => {
  it('opens on the default view: summary, the key facts in date order, More, the sources shown', () => {
    const { root } = openShadow('light');
    const text = cardText(root);
    for (const part of [
      'Alpha Scheme',
      'PROGRAMME',
      'A scheme used for testing the card.',
      'Body A said the *scheme* must stop.',
      'Official statement',
      '10 Mar 2023',
      'Alpha runs in two areas.',
      'Primary document',
      'as of March 2024',
      'More',
      '2 other facts, timeline, related entries',
      'Sources (2)',
      'Why highlighted',
      'Copy',
      'Open full entry',
      'Need to talk? Samaritans: 116\u00a0123',
    ])
      expect(text, part).toContain(part);
    // Behind More: the other facts, timeline, related entries, look-alikes, about this entry.
    for (const part of [
      'Campaign B said it had support.',
      'Alpha was first tried in one town.',
      'Timeline',
      'RELATED',
      'NOT THE SAME AS',
      'ABOUT THIS ENTRY',
      'abcdef123456',
      'Hide this term on this site',
    ])
      expect(text, part).not.toContain(part);
    expect(text.indexOf('Body A said')).toBeLessThan(text.indexOf('Alpha runs in two areas'));
    expect(citeNumbers(root, '.facts')).toEqual(['[1]', '[2]']);
    expect(root.querySelector('.cite')!.getAttribute('aria-label')).toBe(
      'Source 1: Body A, “Position” (letter)',
    );
    const more = root.querySelector('.more-button')!;
    expect(more.tagName).toBe('BUTTON');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.getAttribute('aria-controls')).toBe('cc-more');
    // The sources listed are those of what is shown, named by the one rule of
    // shared/source-names.ts: a title quoted with the curator's note after it, a description
    // (italic) without its brackets.
    const sources = [...root.querySelectorAll('.sources li')].map((li) => li.textContent);
    expect(sources).toEqual([
      'Body A, “Position” (opens in a new tab) (letter), 10 Mar 2023',
      'Trust E: Board minutes on Alpha (opens in a new tab), 5 Mar 2024',
    ]);
    expect(root.querySelector('.sources .described')!.textContent).toBe('Board minutes on Alpha');
  });

  it('More expands in place: other facts grouped in date order, timeline, related, about', () => {
    const { root } = openShadow('light', true, { expanded: true });
    const text = cardText(root);
    for (const part of [
      'WHAT HAPPENED',
      'Alpha was first tried in one town.',
      'Campaign B said it had support.',
      'Disputed by Reviewer C: the figures were not checked',
      '2021 – May 2022',
      'TIMELINE (1)',
      '2013 onwards',
      'RELATED',
      'was opposed by',
      'Beta Campaign',
      'NOT THE SAME AS',
      'Alpha card',
      'Show Alpha card',
      'ABOUT THIS ENTRY',
      'Entry last reviewed 25 Nov 2026.',
      'Dataset 2099.01.01-test (fingerprint abcdef123456, which names exactly this version of the data).',
      'Sources (5)',
      '(mirror copy)',
    ])
      expect(text, part).toContain(part);
    expect(text).not.toContain('BACKGROUND'); // no other states
    expect(text).not.toContain('points at nothing'); // a related id missing from the dataset
    expect(text.indexOf('first tried')).toBeLessThan(text.indexOf('Campaign B said'));
    expect(root.querySelector('.more-button')!.getAttribute('aria-expanded')).toBe('true');
    // The default view's numbers stay; what More adds is numbered after them.
    expect(citeNumbers(root, '.facts')).toEqual(['[1]', '[2]', '[3]', '[4]', '[1]', '[5]']);
    expect(citeNumbers(root, '.timeline')).toEqual(['[3]']);
  });

  it('shows a state "as of" the date of its newest source, and an event by its date', () => {
    const { root } = openShadow('light');
    const items = [...root.querySelectorAll('.facts li')];
    const state = items.find((li) => li.textContent!.includes('two areas'))!;
    const event = items.find((li) => li.textContent!.includes('must stop'))!;
    expect(state.querySelector('.date')!.textContent).toBe('as of March 2024');
    expect(event.querySelector('.date')!.textContent).toBe('10 Mar 2023');
  });

  it('shows the support line only on an entry flagged for it, in one line', () => {
    const { root } = openShadow('light');
    const line = root.querySelector<HTMLElement>('.support')!;
    expect(line.getClientRects()).toHaveLength(1);
    expect(line.getBoundingClientRect().height).toBeLessThan(20);
    document.body.replaceChildren();
    const other = openShadow('light', false, { entity: beta });
    expect(cardText(other.root)).not.toContain('Samaritans');
    expect(other.root.querySelector('.support')).toBeNull();
  });

  it('names each evidence chip as a kind of source, with its legend under the fact', () => {
    const closed = openShadow('light');
    const chip = closed.root.querySelector<HTMLButtonElement>('.chip')!;
    expect(chip.tagName).toBe('BUTTON');
    expect(chip.getAttribute('aria-label')).toBe(
      'Source kind: Official statement. What the labels mean',
    );
    expect(chip.getAttribute('aria-expanded')).toBe('false');
    expect(chip.title).toMatch(/^What a government, NHS or police body said/);
    document.body.replaceChildren();
    const at = alpha.facts.findIndex((f) => f.evidence === 'official-statement');
    const { root } = openShadow('light', true, { legendAt: at });
    const open = root.querySelector('.chip[aria-expanded="true"]')!;
    expect(open.getAttribute('aria-controls')).toBe('cc-legend');
    const legend = root.getElementById('cc-legend')!;
    expect(open.closest('li')!.contains(legend)).toBe(true);
    expect(legend.getAttribute('role')).toBe('region');
    expect(legend.textContent).toContain('What the source labels mean');
    expect(legend.textContent).toContain('not how far to trust it');
    expect(legend.querySelectorAll('dt')).toHaveLength(9);
    expect(legend.querySelector('.current dt')!.textContent).toBe('Official statement');
  });

  it('keeps the other actions in a menu: Markdown, the full entry, and hide (on a mention only)', () => {
    const { root } = openShadow('light', true, { menuOpen: true });
    const menu = root.getElementById('cc-menu')!;
    expect([...menu.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Copy as Markdown',
      'Copy full entry',
      'Copy full entry as Markdown',
      'Hide this term on this site',
    ]);
    const toggle = root.querySelector('[aria-controls="cc-menu"]')!;
    expect(toggle.getAttribute('aria-label')).toBe('More actions');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // One compact row of actions.
    const row = [...root.querySelectorAll('.actions > button')].map((b) =>
      b.getBoundingClientRect(),
    );
    expect(new Set(row.map((r) => Math.round(r.top))).size).toBe(1);
  });

  it('renders issue 25\'s "since this article" between the key facts and More, cited in order', () => {
    const since = sinceOf('2016-10', [
      { date: '2023-03-10', text: 'Body A told trusts to stop.', sources: ['S-D'] },
    ]);
    const { root } = openShadow('light', true, { since });
    const text = cardText(root);
    expect(text).toContain('This article is from October 2016. Since then:');
    expect(text.indexOf('two areas')).toBeLessThan(text.indexOf('Body A told trusts'));
    expect(text.indexOf('Body A told trusts')).toBeLessThan(text.indexOf('More'));
    expect(citeNumbers(root, '.since')).toEqual(['[3]']);
    expect(text).toContain('Sources (3)');
  });

  it('"since this article": the date, the developments oldest first, "N more" to the timeline, newer states', () => {
    const timeline = vi.fn();
    const since = sinceOf(
      '2021-06-15',
      [
        { date: '2025-03-13', text: 'Body A was abolished.', sources: ['S-D'], key: true },
        { date: '2023-03-10', text: 'Body A told trusts to stop.', sources: ['S-A'], key: true },
      ],
      4,
      [{ index: 1, text: 'Alpha runs in two areas.', asOf: '2024-03', sources: ['S-E'] }],
    );
    const { root } = openShadow('light', true, { since, on: { ...handlers, timeline } });
    const section = root.querySelector<HTMLElement>('.since')!;
    const heading = root.getElementById(section.getAttribute('aria-labelledby')!)!;
    expect(heading.tagName).toBe('H3');
    expect(heading.textContent).toBe('This article is from 15 June 2021. Since then:');
    expect([...section.querySelectorAll('li')].map((li) => li.innerText)).toEqual([
      '10 Mar 2023 Body A told trusts to stop. [1]',
      '13 Mar 2025 Body A was abolished. [3]',
    ]);
    const more = section.querySelector<HTMLButtonElement>('.since-more')!;
    expect(more.textContent).toBe('4 more');
    expect(more.getAttribute('aria-label')).toBe(
      "4 more developments since 15 June 2021, in the glossary's timeline (opens in a new tab)",
    );
    more.click();
    expect(timeline).toHaveBeenCalledWith('2021-06-15');
    // The state last confirmed after the article says so; the other fact does not.
    const facts = [...root.querySelectorAll<HTMLElement>('.facts li')];
    expect(facts.map((li) => !!li.querySelector('.newer'))).toEqual([false, true]);
    expect(facts[1]!.querySelector('.newer')!.textContent).toBe('newer than this article');
    expect(root.querySelector('.card')!.classList.contains('tall')).toBe(true);
  });

  it('shows no "since this article" without developments, and no "N more" without more', () => {
    let { root } = openShadow('light', true, { since: undefined });
    expect(root.querySelector('.since')).toBeNull();
    expect(root.querySelector('.card')!.classList.contains('tall')).toBe(false);
    ({ root } = openShadow('light', true, {
      since: sinceOf('2016-10', [{ date: '2023', text: 'Later.', sources: ['S-D'] }]),
      on: { ...handlers, timeline: noop },
    }));
    expect(root.querySelector('.since li')!.textContent).toContain('Later.');
    expect(root.querySelector('.since-more')).toBeNull();
  });

  it('links sources over https only, in a new tab, without opener or referrer', () => {
    const { root } = openShadow('light', true, { expanded: true });
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.sources a')];
    expect(links.map((a) => a.href)).toEqual([
      'https://example.org/a',
      'https://example.org/e',
      'https://example.org/d',
    ]);
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
    const { root } = openShadow('light', false, { menuOpen: true });
    const text = cardText(root);
    expect(text).not.toContain('Why highlighted');
    expect(text).not.toContain('Hide this term');
  });

  for (const theme of ['light', 'dark'] as const)
    it(`has no axe violations (${theme}, every layer open)`, async () => {
      const { host, root } = openShadow(theme, true, {
        expanded: true,
        legendAt: 0,
        menuOpen: true,
        since: sinceOf(
          '2021-06-15',
          [{ date: '2023-03-10', text: 'Body A told trusts to stop.', sources: ['S-A'] }],
          3,
          [{ index: 1, text: 'Alpha runs in two areas.', asOf: '2024-03', sources: ['S-E'] }],
        ),
        on: { ...handlers, timeline: noop, changes: noop, report: noop },
      });
      root.querySelectorAll('details').forEach((d) => (d.open = true));
      expect(root.querySelector('.since-more')).not.toBeNull();
      expect(root.querySelector('.newer')).not.toBeNull();
      const result = await axe.run(host, { resultTypes: ['violations'] });
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`),
      ).toEqual([]);
      expect(result.incomplete.map((v) => v.id)).toEqual([]);
      expect(result.passes.map((v) => v.id)).toContain('color-contrast');
    });

  for (const theme of ['light', 'dark'] as const)
    it(`has no axe violations with "Report a problem" open (${theme})`, async () => {
      const { host, root } = openShadow(theme, true, {
        report: { fact: 1 },
        page: 'https://news.example/2021/06/15/story',
        reportTo: { kind: 'tracker', url: 'https://tracker.example/new' },
        on: { ...handlers, report: noop, copyReport: async () => true },
      });
      root.querySelectorAll('details').forEach((d) => (d.open = true));
      expect(root.querySelector('.report select')).not.toBeNull();
      expect(root.querySelector('.report-actions a')).not.toBeNull();
      const result = await axe.run(host, { resultTypes: ['violations'] });
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`),
      ).toEqual([]);
      expect(result.incomplete.map((v) => v.id)).toEqual([]);
    });
});

describe('source names (live dataset)', () => {
  // Issue 26: a title in [brackets] in sources.json is the curator's description of the source;
  // the card shows it as a description, never in brackets (copied text: tests/unit/card-copy).
  it('shows no descriptive title or note in brackets on any card, every source listed', () => {
    // Descriptions ("[AHSN Network statement on SIM]") and the curator's notes after a real
    // title ("SIM [project page, now historical]").
    const described = liveDataset.sources.flatMap((src) => {
      const n = sourceName(src);
      return n.descriptive ? [n.text] : n.note ? [n.note] : [];
    });
    expect(described.length).toBeGreaterThan(10);
    let shown = 0;
    for (const entity of liveDataset.entities) {
      const host = document.createElement('div');
      document.body.append(host);
      const root = host.attachShadow({ mode: 'open' });
      render(
        <Card
          dataset={liveDataset}
          entity={entity}
          theme="light"
          dir="ltr"
          expanded={true}
          sourcesOpen={true}
          animate={false}
          on={handlers}
        />,
        root,
      );
      const text = root.querySelector('.card')!.textContent!;
      const labels = [...root.querySelectorAll('.cite')].map((c) => c.getAttribute('aria-label'));
      for (const d of described) {
        expect(text, entity.id).not.toContain(`[${d}]`);
        for (const l of labels) expect(l, entity.id).not.toContain(`[${d}]`);
        if (text.includes(d)) shown++;
      }
      render(null, root);
      host.remove();
    }
    // The descriptions are shown (as descriptions), not dropped.
    expect(shown).toBeGreaterThan(10);
  });
});

describe('card layout budget (live dataset)', () => {
  /** Renders `entity`'s default view as the card shows it, at its tallest (600 px; 680 px with
   * "since this article", where the window allows). */
  const renderLive = (entity: Entity, since?: SinceArticle) => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS);
    root.adoptedStyleSheets = [sheet];
    render(
      <Card
        dataset={liveDataset}
        entity={entity}
        theme="light"
        dir="ltr"
        match={{ text: entity.name, reason: { rule: 'alias', alias: entity.name, cues: [] } }}
        pinned={false}
        sourcesOpen={false}
        animate={false}
        on={{ ...handlers, timeline: noop }}
        since={since}
      />,
      root,
    );
    const body = root.querySelector<HTMLElement>('.body')!;
    const facts = [...root.querySelectorAll<HTMLElement>('.facts li')];
    const card = root.querySelector<HTMLElement>('.card')!;
    const remove = () => {
      render(null, root);
      host.remove();
    };
    /** How tall the card would be if its body did not scroll. */
    const natural = () =>
      card.getBoundingClientRect().height + body.scrollHeight - body.clientHeight;
    /** How far below the body's visible bottom the last key fact ends (negative: above it). */
    const factsBelow = () =>
      facts.at(-1)!.getBoundingClientRect().bottom - body.getBoundingClientRect().bottom;
    return { host, body, facts, card, remove, natural, factsBelow };
  };
  const largest = () => liveDataset.entities.find((e) => e.id === 'sim')!;
  const fits = (body: HTMLElement) => body.scrollHeight <= body.clientHeight + 1;

  it('1280 × 800: every default view fits the card without scrolling', async () => {
    await page.viewport(1280, 800);
    const over: string[] = [];
    let simHeight = 0;
    for (const e of liveDataset.entities) {
      const { body, remove, natural } = renderLive(e);
      if (!fits(body)) over.push(`${e.id}: ${body.scrollHeight} > ${body.clientHeight} px`);
      if (e === largest()) simHeight = natural();
      remove();
    }
    console.log(`[layout] SIM default view at 1280x800: ${simHeight.toFixed(0)} of 600 px`);
    expect(over).toEqual([]);
  });

  it('390 × 844: the summary and key facts of every card are in view without scrolling', async () => {
    await page.viewport(390, 844);
    const below: string[] = [];
    for (const e of liveDataset.entities) {
      const { facts, card, remove, factsBelow } = renderLive(e);
      if (e === largest()) {
        expect(card.getBoundingClientRect().width).toBeLessThanOrEqual(374);
        expect(facts.length).toBeGreaterThanOrEqual(2);
      }
      if (factsBelow() > 0.5)
        below.push(`${e.id}: last key fact ${factsBelow().toFixed(1)} px below`);
      remove();
    }
    expect(below).toEqual([]);
    await page.viewport(1000, 700);
  });

  // Issue 25's section sits between the key facts and More: at most SINCE_SHOWN dated events
  // after the article's date (key events first, newest first), with "N more" in its heading.
  it('1280 × 800: the SIM card with "Since this article" (an article of 2021-06-15) fits without scrolling', async () => {
    await page.viewport(1280, 800);
    const found = sinceArticle(liveDataset, 'sim', '2021-06-15')!;
    expect(found.events).toHaveLength(SINCE_SHOWN);
    expect(found.more).toBeGreaterThan(0);
    const { host, body, card, natural, remove } = renderLive(largest(), found);
    expect(host.shadowRoot!.querySelectorAll('.since li')).toHaveLength(SINCE_SHOWN);
    expect(host.shadowRoot!.querySelector('.since-more')!.textContent).toBe(`${found.more} more`);
    console.log(
      `[layout] SIM default view with ${SINCE_SHOWN} events since 2021-06-15 (and ${found.more} ` +
        `more) at 1280x800: ${natural().toFixed(0)} of ${getComputedStyle(card).maxHeight}`,
    );
    const over = body.scrollHeight - body.clientHeight;
    remove();
    expect(over, 'px the body overflows').toBeLessThanOrEqual(1);
  });

  // The curator's budget (`tests/support/key-fact-budget.ts`, held by the content test) is what
  // fits: SIM's header (a name on two lines, the support line) over a summary and key facts of
  // real words that use the whole budget.
  it(`a default view at the curator's budget (${DEFAULT_VIEW_CHARS} characters) fits under SIM's header`, async () => {
    const sim = largest();
    const words = sim.facts
      .filter((f) => !f.key)
      .map((f) => f.text)
      .join(' ');
    const atBudget = (n: number): Entity => {
      const each = Math.floor((DEFAULT_VIEW_CHARS - sim.summary.length) / n);
      const base = sim.facts.find((f) => f.key)!;
      const key = Array.from({ length: n }, (_, i) => ({
        ...base,
        text: `${words.slice(i * 400, i * 400 + each - 1).trim()}.`.padEnd(each, '.'),
      }));
      return { ...sim, facts: [...key, ...sim.facts.filter((f) => !f.key)] };
    };
    for (const n of [2, 3]) {
      const e = atBudget(n);
      expect(e.facts.filter((f) => f.key).every((f) => f.text.length <= KEY_FACT_CHARS)).toBe(true);
      expect(defaultViewChars(e)).toBeGreaterThan(DEFAULT_VIEW_CHARS - n);
      await page.viewport(1280, 800);
      let view = renderLive(e);
      const room = 600 - (view.card.getBoundingClientRect().height - view.body.clientHeight);
      console.log(
        `[layout] ${DEFAULT_VIEW_CHARS} characters, ${n} key facts, SIM's header, 1280x800: ` +
          `body ${view.body.scrollHeight} of ${room.toFixed(0)} px`,
      );
      expect(fits(view.body), `${n} key facts at 1280 × 800`).toBe(true);
      view.remove();
      await page.viewport(390, 844);
      view = renderLive(e);
      console.log(
        `[layout] ${DEFAULT_VIEW_CHARS} characters, ${n} key facts, SIM's header, 390x844: ` +
          `last key fact ${(-view.factsBelow()).toFixed(0)} px above the fold`,
      );
      expect(view.factsBelow(), `${n} key facts at 390 × 844`).toBeLessThanOrEqual(0.5);
      view.remove();
    }
    await page.viewport(1000, 700);
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
    button(/^More/).click();
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
    button(/^Source 2:/).click();
    expect(q<HTMLDetailsElement>('.sources')!.open).toBe(true);
    expect(cardRoot().activeElement!.id).toBe('cc-src-2');
    button(/^Close$/).focus();
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(card.state()!.focused).toBe('Keep this card open');
    const focusables = card.state()!.controls.length;
    for (let i = 0; i < focusables + 2; i++) await userEvent.keyboard('{Tab}');
    expect(cardRoot().activeElement).not.toBeNull(); // still inside after wrapping
  });

  it('keyboard order: header, key facts, More, sources and why, then the actions', async () => {
    card.open(request({ openedBy: 'keyboard', focus: true }));
    const order: string[] = [];
    for (let i = 0; i < 14; i++) {
      await userEvent.keyboard('{Tab}');
      order.push(card.state()!.focused!);
    }
    expect(order).toEqual([
      'Keep this card open',
      'Close',
      'Source 1: Body A, “Position” (letter)',
      'Source kind: Official statement. What the labels mean',
      'Source 2: Trust E: Board minutes on Alpha',
      'Source kind: Primary document. What the labels mean',
      'More2 other facts, timeline, related entries',
      'Sources (2)',
      'Why highlighted',
      'Copy',
      'Open full entry',
      'More actions',
      'Keep this card open', // wraps
      'Close',
    ]);
  });

  it('More opens in place and keeps focus on its button; Related swaps to a default view', async () => {
    card.open(request({ openedBy: 'keyboard', focus: true }));
    const more = button(/^More/);
    more.focus();
    await userEvent.keyboard('{Enter}');
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(card.state()!.focused).toMatch(/^More/);
    expect(card.state()!.text).toContain('Campaign B said it had support.');
    expect(card.state()!.controls.find((c) => /^More\d/.test(c.name))!.expanded).toBe(true);
    button(/^Beta Campaign$/).click();
    expect(card.state()!.entityId).toBe('beta');
    expect(button(/^More/).getAttribute('aria-expanded')).toBe('false');
  });

  it('Escape closes the innermost layer first: the menu, then the legend, then the card', async () => {
    card.open(request({ openedBy: 'keyboard', focus: true }));
    button(/^More actions$/).focus();
    await userEvent.keyboard('{Enter}');
    expect(q('#cc-menu')).not.toBeNull();
    await userEvent.keyboard('{Escape}');
    expect(q('#cc-menu')).toBeNull();
    expect(card.state()!.focused).toBe('More actions');
    const chip = button(/^Source kind: Official statement/);
    chip.focus();
    await userEvent.keyboard('{Enter}');
    expect(chip.getAttribute('aria-expanded')).toBe('true');
    expect(q('#cc-legend')!.textContent).toContain('What the source labels mean');
    await userEvent.keyboard('{Escape}');
    expect(q('#cc-legend')).toBeNull();
    expect(card.state()!.focused).toBe('Source kind: Official statement. What the labels mean');
    expect(card.isOpen()).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(card.isOpen()).toBe(false);
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

  it('"Open full entry" asks the background', () => {
    card.open(request());
    button(/^Open full entry$/).click();
    expect(sent).toContainEqual({ cc: 'card/open-entry', data: { entityId: 'alpha' } });
  });

  it('"Hide" stores the term for this site and leaves a confirmation with Undo, which restores it', async () => {
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    card.open(request({ openedBy: 'keyboard', focus: true }));
    button(/^More actions$/).click();
    button(/^Hide this term on this site$/).click();
    await vi.waitFor(() => expect(stored.hidden).toEqual({ [location.hostname]: ['alpha'] }));
    expect(card.isOpen()).toBe(false);
    let s = card.state()!;
    expect(s.notice).toBe(true);
    expect(s.text).toContain(`Alpha Scheme is no longer marked on ${location.hostname}.`);
    expect(s.text).toContain('Hidden terms are listed in the popup and the options.');
    expect(s.focused).toBe('Undo'); // keyboard users land on Undo
    await vi.waitFor(() =>
      expect(q('.live')!.textContent).toMatch(/Undo is in the card's place.*popup and the options/),
    );
    button(/^Undo$/).click();
    await vi.waitFor(() => expect(stored.hidden).toEqual({}));
    s = card.state()!;
    expect(s.text).toContain(`Alpha Scheme is marked again on ${location.hostname}.`);
    expect(s.controls.map((c) => c.name)).toEqual(['Dismiss']);
    await userEvent.keyboard('{Escape}');
    expect(card.state()).toBeUndefined();
    expect(document.activeElement).toBe(before);
    before.remove();
  });

  it('a new card replaces the confirmation', async () => {
    card.open(request());
    button(/^More actions$/).click();
    button(/^Hide this term on this site$/).click();
    await vi.waitFor(() => expect(card.state()?.notice).toBe(true));
    card.open(request({ entityId: 'beta' }));
    expect(card.state()!.notice).toBeUndefined();
    expect(card.state()!.entityId).toBe('beta');
  });

  it("reads the page's date when a card opens and says what happened since; a navigation forgets it", async () => {
    const ld = document.createElement('script');
    ld.type = 'application/ld+json';
    ld.textContent = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Trusts review crisis scheme',
      datePublished: '2021-06-15T08:00:00+01:00',
    });
    document.head.append(ld);
    const before = roots.length;
    const live = createCard(liveDataset);
    live.navigated(); // nothing read yet; harmless
    try {
      live.open(request({ entityId: 'sim', openedBy: 'popup' }));
      expect(live.articleDate().published).toEqual({
        date: '2021-06-15',
        source: 'json-ld',
        field: 'NewsArticle.datePublished',
      });
      let text = live.state()!.text;
      expect(text).toContain('This article is from 15 June 2021. Since then:');
      expect(text).toContain('similar models must no longer be used');
      const more = button(/more developments since 15 June 2021/);
      more.click();
      expect(sent).toContainEqual({
        cc: 'glossary/open',
        data: { view: 'timeline', from: '2021-06-15' },
      });
      // An SPA navigation: the page layer says so, and the next card reads the page again.
      ld.remove();
      live.navigated();
      live.open(request({ entityId: 'sim', openedBy: 'popup' }));
      text = live.state()!.text;
      expect(text).not.toContain('This article is from');
      expect(live.articleDate()).toEqual({});
    } finally {
      ld.remove();
      live.close();
      // The other tests' card is the last one made: this one's element goes.
      for (const root of roots.splice(before)) root.host.remove();
    }
  });

  it('"Report a problem" takes the body\'s place, keeps the card open, and Escape goes back', async () => {
    const write = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    try {
      card.open(request());
      button(/^More actions$/).click();
      button(/^Report a problem$/).click();
      let s = card.state()!;
      expect(s.focused).toBe('What is wrong?');
      expect(card.sticky()).toBe(true); // a hover card with a report being written stays
      expect(s.text).toContain('Report a problem with this entry');
      expect(s.text).not.toContain('Open full entry'); // the footer's actions step aside
      expect(s.report!.text).toContain('Entry: Alpha Scheme (alpha)');
      expect(s.report!.text).toContain('Dataset: 2099.01.01-test (abcdef123456)');
      expect(s.report!.text).not.toContain('Page:');
      expect(s.report!.url).toBeUndefined(); // this build names no destination
      const select = q<HTMLSelectElement>('#cc-report-what')!;
      select.value = '1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      const words = q<HTMLTextAreaElement>('#cc-report-words')!;
      words.focus();
      await userEvent.keyboard('It runs in three areas now.');
      // Keys typed in the form never reach the page's own handlers.
      const seen = vi.fn();
      document.addEventListener('keydown', seen);
      await userEvent.keyboard('j');
      document.removeEventListener('keydown', seen);
      expect(seen).not.toHaveBeenCalled();
      const tick = q<HTMLInputElement>('.report-page input')!;
      tick.click();
      await vi.waitFor(() => expect(card.state()!.report!.text).toContain('Page: '));
      s = card.state()!;
      expect(s.report!.text).toContain('Fact 2 (facts[1]): Alpha runs in two areas.');
      expect(s.report!.text).toContain('What is wrong:\nIt runs in three areas now.j');
      expect(s.report!.text).toContain(`Page: ${location.origin}`);
      button(/^Copy the report$/).click();
      await vi.waitFor(() => expect(write).toHaveBeenCalledWith(card.state()!.report!.text));
      await vi.waitFor(() =>
        expect(card.state()!.text).toContain('The report is copied to the clipboard.'),
      );
      words.focus();
      await userEvent.keyboard('{Escape}');
      s = card.state()!;
      expect(card.isOpen()).toBe(true);
      expect(s.report).toBeUndefined();
      expect(s.text).toContain('Open full entry');
      expect(s.focused).toBe('More actions');
    } finally {
      write.mockRestore();
    }
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
