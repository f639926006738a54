/**
 * The story's rules in the marker, on a real DOM (Chromium), with tables written for these tests:
 * context entities wait for a story mention, and appear when one arrives later (infinite scroll)
 * and go when it goes; "show them on this page"; a page definition inserted before a mention
 * rebinds it; the page's decision is reported for the popup, the scan tool and the card.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/dataset/schema.ts';
import { PageRelevance } from '../../src/matcher/relevance.ts';
import { makeTables, type FixtureEntity } from '../fixtures/engine/tables.ts';
import { html, run, settle } from './helpers.ts';

const ENTITIES: (FixtureEntity & { role: Role; sites?: string[] })[] = [
  {
    id: 'scheme',
    role: 'story',
    aliases: ['Serenity Integrated Mentoring'],
  },
  {
    id: 'campaign',
    role: 'story',
    sites: ['stopsim.co.uk'],
    aliases: ['StopSIM'],
  },
  {
    id: 'company',
    role: 'story',
    aliases: [
      'High Intensity Network',
      {
        text: 'HIN',
        caseSensitive: true,
        context: { cues: ['High Intensity'], window: 'block', longForm: false },
      },
    ],
  },
  {
    id: 'network',
    role: 'context',
    aliases: [{ text: 'Health Innovation Network', caseSensitive: true }],
  },
  { id: 'nhse', role: 'context', aliases: ['NHS England'] },
  { id: 'ae', role: 'context', aliases: ['A&E'] },
];
const tables = makeTables(ENTITIES);
ENTITIES.forEach((e, i) => Object.assign(tables.entities[i]!, { role: e.role, sites: e.sites }));
const ids = (list: readonly { entity: number }[]) => list.map((m) => tables.entities[m.entity]!.id);

const WINTER = `
  <p>NHS England said A&amp;E waits grew this winter.</p>
  <p>Hospitals asked NHS England for more beds.</p>`;

describe('the story decides what is marked', () => {
  it('holds related terms back until a story mention arrives, then marks them; and back again', async () => {
    const root = html(WINTER);
    const relevance = new PageRelevance('www.inews.co.uk', false);
    const { engine } = await run({ density: 'all' }, { tables, relevance });
    expect(engine.mentions()).toEqual([]);
    expect(relevance.topic.touches).toBe(false);
    expect(relevance.summary(tables)).toEqual({ touches: false, heldEntities: 2, shown: false });
    expect(relevance.heldBack(tables).map((h) => `${h.text} ${h.reason}`)).toEqual([
      'NHS England off-topic',
      'A&E off-topic',
      'NHS England off-topic',
    ]);

    // More of the page arrives (infinite scroll), with the story in it.
    const more = document.createElement('p');
    more.textContent = 'Campaigners from StopSIM wrote to the board.';
    root.append(more);
    await settle(engine);
    expect(ids(engine.mentions())).toEqual(['nhse', 'ae', 'nhse', 'campaign']);
    expect(relevance.detail(tables)).toEqual({
      touches: true,
      by: { entityId: 'campaign', text: 'StopSIM' },
    });
    expect(relevance.heldBack(tables)).toEqual([]);
    // The card says why a related term is shown.
    const nhse = engine.mentions()[0]!;
    expect(relevance.because(nhse.reason, nhse.entity, tables).because).toEqual({
      entityId: 'campaign',
      text: 'StopSIM',
    });

    // The story goes again: so do the related terms.
    more.remove();
    await settle(engine);
    expect(engine.mentions()).toEqual([]);
  });

  it('shows them on this page when the reader asks', async () => {
    html(WINTER);
    const relevance = new PageRelevance('www.inews.co.uk', false);
    const { engine } = await run({ density: 'first' }, { tables, relevance });
    expect(engine.mentions()).toEqual([]);
    relevance.showHere();
    await settle(engine);
    expect(ids(engine.mentions())).toEqual(['nhse', 'ae']);
    expect(relevance.summary(tables)).toMatchObject({ touches: false, shown: true });
    const m = engine.mentions()[0]!;
    expect(relevance.because(m.reason, m.entity, tables).because).toEqual({ user: 'here' });
  });

  it('marks them everywhere with the option, and on a story body’s own site', async () => {
    html(WINTER);
    const option = await run({}, { tables, relevance: new PageRelevance('a.example', true) });
    expect(ids(option.engine.mentions())).toEqual(['nhse', 'ae']);
    option.controller.abort();
    const site = new PageRelevance('www.stopsim.co.uk', false);
    const own = await run({}, { tables, relevance: site });
    expect(ids(own.engine.mentions())).toEqual(['nhse', 'ae']);
    expect(site.detail(tables)).toEqual({
      touches: true,
      by: { entityId: 'campaign', site: 'www.stopsim.co.uk' },
    });
  });

  it('in a frame, follows the page around it', async () => {
    html(WINTER);
    const relevance = new PageRelevance('www.inews.co.uk', false);
    const { engine } = await run({}, { tables, relevance });
    expect(engine.mentions()).toEqual([]);
    relevance.setOuter(true);
    await settle(engine);
    expect(ids(engine.mentions())).toEqual(['nhse', 'ae']);
    expect(relevance.detail(tables)).toEqual({ touches: true, by: { outer: true } });
    const m = engine.mentions()[0]!;
    expect(relevance.because(m.reason, m.entity, tables).because).toEqual({ outer: true });
    relevance.setOuter(false);
    await settle(engine);
    expect(engine.mentions()).toEqual([]);
  });

  it('tells the page when its own story decision changes', async () => {
    const root = html(WINTER);
    const relevance = new PageRelevance('www.inews.co.uk', false);
    const told: boolean[] = [];
    relevance.onTopic = (touches) => told.push(touches);
    const { engine } = await run({}, { tables, relevance });
    const more = document.createElement('p');
    more.textContent = 'StopSIM wrote again.';
    root.append(more);
    await settle(engine);
    more.remove();
    await settle(engine);
    expect(told).toEqual([true, false]);
  });

  it('reads an abbreviation by a definition inserted before it', async () => {
    const root = html(`
      <p>Serenity Integrated Mentoring was reviewed.</p>
      <p id="later">HIN then reported to the High Intensity Network board.</p>`);
    const relevance = new PageRelevance('www.inews.co.uk', false);
    const { engine } = await run({ density: 'all' }, { tables, relevance });
    expect(ids(engine.mentions())).toEqual(['scheme', 'company', 'company']);
    const def = document.createElement('p');
    def.textContent = 'In London the Health Innovation Network (HIN) ran the evaluation.';
    root.insertBefore(def, root.querySelector('#later'));
    await settle(engine);
    expect(engine.mentions().map((m) => `${m.text} ${tables.entities[m.entity]!.id}`)).toEqual([
      'Serenity Integrated Mentoring scheme',
      'Health Innovation Network network',
      'HIN network',
      'HIN network',
      'High Intensity Network company',
    ]);
    expect(engine.mentions()[3]!.reason).toMatchObject({
      rule: 'defined',
      definition: 'Health Innovation Network (HIN)',
    });
  });
});
