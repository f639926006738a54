/**
 * The glossary's first screen and the pieces every part of the page shares: numbered references
 * ("[12]"), links to entries, facts (their evidence labels linked to the legend), timelines, the
 * story in brief, the A–Z bar and the evidence legend. What a
 * reference or a link needs to say comes from `Lookups` (the build-time brief at first, the full
 * dataset once it is loaded), so none of this loads the dataset.
 *
 * Owns: how those are rendered. Never: imports the dataset, or decides order or selection.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { EvidenceLabel, Fact } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import {
  evidenceDescription,
  evidenceLabel,
  evidenceLegend,
  formatDateOrRange,
} from '../shared/labels.ts';
import type { RefInfo, StoryBriefData } from './brief.ts';
import type { TimelineItem } from './model.ts';

export interface Lookups {
  ref(sourceId: string): RefInfo | undefined;
  name(entityId: string): string | undefined;
}

/** Look-ups from the build-time brief: enough for the first screen. */
export const briefLookups = (story: StoryBriefData): Lookups => ({
  ref: (id) => story.refs[id],
  name: (id) => story.names[id],
});

export const LookupsContext = createContext<Lookups>({
  ref: () => undefined,
  name: () => undefined,
});

export const sourceAnchor = (id: string) => `source-${id}`;
export const evidenceAnchor = (label: EvidenceLabel) => `evidence-${label}`;
export const letterAnchor = (letter: string) =>
  `az-${letter === '#' ? 'other' : letter.toLowerCase()}`;

/** Numbered references to the sources index: "[3][12]". */
export function Refs({ ids }: { ids: readonly string[] }) {
  const look = useContext(LookupsContext);
  const known = ids.flatMap((id) => {
    const r = look.ref(id);
    return r ? [{ id, ...r }] : [];
  });
  if (known.length === 0) return null;
  return (
    <span class="refs">
      {known.map(({ id, n, line }) => (
        <a
          key={id}
          href={`#${sourceAnchor(id)}`}
          class="ref"
          title={line}
          aria-label={t('refLabel', [String(n), line])}
        >
          [{n}]
        </a>
      ))}
    </span>
  );
}

export function EntityLink({ id }: { id: string }) {
  const look = useContext(LookupsContext);
  return <a href={`#${id}`}>{look.name(id) ?? id}</a>;
}

/**
 * An evidence label, linked to its line in the legend (`#evidence-<label>`): says what kind of
 * source a fact rests on, and leads to what that kind means.
 */
export function EvidenceLink({ label }: { label: EvidenceLabel }) {
  return (
    <a
      class="evidence"
      href={`#${evidenceAnchor(label)}`}
      title={evidenceDescription(label)}
      aria-label={t('evidenceLinkLabel', evidenceLabel(label))}
    >
      {evidenceLabel(label)}
    </a>
  );
}

/** The evidence legend: what each label means (a kind of source, not a grade), each linkable. */
export function EvidenceLegend() {
  const legend = evidenceLegend();
  return (
    <section id="evidence" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{legend.title}</h2>
      <p class="intro">{legend.intro}</p>
      <dl class="legend">
        {legend.entries.map((e) => (
          <div key={e.label} id={evidenceAnchor(e.label)} tabIndex={-1}>
            <dt>{e.name}</dt>
            <dd>{e.description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function FactItem({ fact }: { fact: Fact }) {
  return (
    <li>
      {fact.date ? <span class="date">{formatDateOrRange(fact.date)}</span> : null} {fact.text}{' '}
      <Refs ids={fact.sources} /> <EvidenceLink label={fact.evidence} />
      {fact.contested ? (
        <p class="contested">
          {t('contestedBy', fact.contested.by)} {fact.contested.note}{' '}
          <Refs ids={fact.contested.sources} />
        </p>
      ) : null}
    </li>
  );
}

/** A timeline; `linkOthers`: each event of an entry other than `self` links to that entry. */
export function Events({
  items,
  linkOthers,
  self,
}: {
  items: readonly TimelineItem[];
  linkOthers: boolean;
  self?: string;
}) {
  return (
    <ol class="timeline">
      {items.map((ev, i) => (
        <li key={i} data-entity={ev.entityId}>
          <time dateTime={typeof ev.date === 'string' ? ev.date : ev.date.from}>
            {formatDateOrRange(ev.date)}
          </time>
          <div>
            {ev.text} <Refs ids={ev.sources} />
            {linkOthers && ev.entityId !== self ? (
              <span class="meta">
                {' '}
                · <EntityLink id={ev.entityId} />
              </span>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * The story in brief: what the story is, what happened, and its timeline. `events`: how many
 * timeline events to show (the first screen shows the start; the rest come with the page).
 */
export function StoryBrief({ story, events: shown }: { story: StoryBriefData; events?: number }) {
  const { centre } = story;
  const events = shown === undefined ? story.events : story.events.slice(0, shown);
  if (!centre) return null;
  return (
    <section id="story" class="story" aria-labelledby="story-title">
      <h2 id="story-title">{t('storyTitle')}</h2>
      <p class="story-name">
        <a href={`#${centre.id}`}>{centre.name}</a>
      </p>
      <p class="summary">{centre.summary}</p>
      {/* Printed once, in the entry the name links to (glossary.css, print). */}
      <h3 class="brief-facts">{t('storyWhatHappened')}</h3>
      <ul class="facts brief-facts">
        {centre.facts.map((f, i) => (
          <FactItem key={i} fact={f} />
        ))}
      </ul>
      {events.length > 0 ? (
        <section id="story-timeline" aria-labelledby="story-timeline-title">
          <h3 id="story-timeline-title">{t('navTimeline')}</h3>
          <Events items={events} linkOthers self={centre.id} />
          <p class="meta">
            <a href="#timeline">{t('storyWholeTimeline')}</a>
          </p>
        </section>
      ) : null}
    </section>
  );
}

/** The letters A–Z, each a link to its part of the index where it has entries. */
export function AZBar({ letters }: { letters: readonly string[] }) {
  const have = new Set(letters);
  return (
    <p class="az-bar" aria-label={t('azNav')}>
      {[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((l) =>
        have.has(l) ? (
          <a key={l} href={`#${letterAnchor(l)}`}>
            {l}
          </a>
        ) : (
          <span key={l} aria-hidden="true">
            {l}
          </span>
        ),
      )}
    </p>
  );
}
