/**
 * The card's content, as a pure function of its props, in two layers. The default view: name and
 * kind, summary, the key facts (each with its evidence chip, date or "as of", numbered
 * citations), "since this article" (the article's date, at most three developments since, one
 * compact line each where they fit, and "N more" to the glossary's timeline), then More. More
 * expands in place: the other facts grouped (what happened; background) in date order, the
 * timeline, related entries (buttons that swap the card), look-alike notes, and "About this
 * entry" (review date, dataset version, what changed in it, report a problem). A fact stated as a
 * present state last confirmed after the article says so. Below: the sources of what is shown,
 * "Why highlighted", and a one-row footer of actions (Copy, Open full entry, and a menu of the
 * rest); the crisis-support line only on entries flagged `support`. "Report a problem" takes the
 * body's place with its form (`ReportForm.tsx`) until it is closed.
 *
 * Owns: markup and wording (all from `_locales`). Never: keeps state, touches storage or the
 * clipboard; every action is a callback (see `controller.tsx`).
 */
import type { Entity, EvidenceLabel, Fact, IsoDate, StampedDataset } from '../dataset/schema.ts';
import type { Reason } from '../matcher/index.ts';
import { t } from '../shared/i18n.ts';
import type { Destination } from '../shared/problem-report.ts';
import type { Theme } from '../shared/settings.ts';
import type { SinceArticle } from '../shared/since.ts';
import { sourceLine, sourceName } from '../shared/source-names.ts';
import { citationsFor, safeUrl } from './citations.ts';
import type { CopyFormat, CopyScope } from './copy.ts';
import { ReportForm } from './ReportForm.tsx';
import { layersOf, newerThanArticle, sinceShown } from './view.ts';
import {
  evidenceDescription,
  evidenceLabel,
  evidenceLegend,
  factDate,
  formatDate,
  formatDateOrRange,
  kindLabel,
} from '../shared/labels.ts';

export interface CardProps {
  dataset: StampedDataset;
  entity: Entity;
  theme: Theme;
  /** The card's own direction (the UI language's), never the page's. */
  dir: 'ltr' | 'rtl';
  /** Present on the entry the card was opened for; absent after a "Related" swap. */
  match?: { text: string; reason: Reason };
  /** Absent where the card cannot float away (the popup): no pin button is shown. */
  pinned?: boolean;
  /** The entry to go back to after a "Related" swap. */
  back?: { name: string };
  /** More is open: the card shows everything, and cites every source. */
  expanded?: boolean;
  /** What changed since the article the card was opened on (`shared/since.ts`). */
  since?: SinceArticle;
  /** "Report a problem" is open, with this fact chosen (undefined: the entry as a whole). */
  report?: { fact?: number };
  /** The page the card is on, which a report may include if the reader ticks it. */
  page?: string;
  /** Where a report can open prefilled (the build's `CC_REPORT_TO`); none: copy only. */
  reportTo?: Destination;
  /** The evidence legend is open under this fact (its index in `entity.facts`). */
  legendAt?: number;
  /** The footer's menu of other actions is open. */
  menuOpen?: boolean;
  sourcesOpen: boolean;
  /** A short visible status after an action ("Copied to the clipboard."). */
  status?: string;
  /** Whether the opening animation plays (only when the card appears, not on updates). */
  animate: boolean;
  on: {
    close(): void;
    pin?(): void;
    back(): void;
    related(id: string): void;
    cite(n: number): void;
    sourcesToggled(open: boolean): void;
    copy(format: CopyFormat, scope: CopyScope): void;
    openEntry(): void;
    hide(): void;
    /** Opens or closes More. */
    more?(open: boolean): void;
    /** Opens the evidence legend under a fact (its index), or closes it (undefined). */
    legend?(at: number | undefined): void;
    /** Opens or closes the menu of other actions. */
    menu?(open: boolean): void;
    /** Opens the glossary's timeline of the whole story from a date, in a new tab. */
    timeline?(from: IsoDate): void;
    /** Opens the glossary's "What changed in this dataset version", in a new tab. */
    changes?(): void;
    /** Opens "Report a problem" (`open`), or closes it. */
    report?(open: boolean): void;
    /** Copies a report's text; true when it was written. */
    copyReport?(text: string): Promise<boolean>;
  };
}

export const TITLE_ID = 'cc-title';
export const SUMMARY_ID = 'cc-summary';
export const MORE_ID = 'cc-more';
export const LEGEND_ID = 'cc-legend';
export const MENU_ID = 'cc-menu';
export const REPORT_ID = 'cc-report';
export const sourceId = (n: number) => `cc-src-${n}`;

export const Icon = ({ d }: { d: string }) => (
  <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path d={d} />
  </svg>
);
export const ICON = {
  close: 'M3.5 3.5l9 9m0-9l-9 9',
  back: 'M10 3L5 8l5 5',
  pin: 'M6 2h4l-.5 4 2.5 2.5v1H4v-1L6.5 6 6 2zM8 9.5V14',
  dots: 'M3.5 8h.01M8 8h.01M12.5 8h.01',
};

function WhyHighlighted({
  match,
  nameOf,
}: {
  match: { text: string; reason: Reason };
  nameOf: (id: string) => string;
}) {
  const { reason } = match;
  const rule = {
    alias: t('cardWhyRuleAlias'),
    cues: t('cardWhyRuleCues'),
    'long-form': t('cardWhyRuleLongForm'),
    defined: t('cardWhyRuleDefined', reason.definition ?? ''),
    site: t('cardWhyRuleSite'),
    story: t('cardWhyRuleStory'),
  }[reason.rule];
  return (
    <details class="why">
      <summary>{t('cardWhy')}</summary>
      <ul class="plain">
        <li>{t('cardWhyMatched', match.text)}</li>
        <li>{t('cardWhyAlias', reason.alias)}</li>
        <li>{rule}</li>
        {reason.cues.length > 0 ? <li>{t('cardWhyCues', reason.cues.join(', '))}</li> : null}
        {reason.because ? <li>{because(reason.because, nameOf)}</li> : null}
      </ul>
    </details>
  );
}

/** The legend of evidence labels, opened from a chip: what kind of source each label stands for. */
function Legend({ current }: { current: EvidenceLabel }) {
  const legend = evidenceLegend();
  return (
    <div id={LEGEND_ID} class="legend" role="region" aria-labelledby="cc-legend-h">
      <p id="cc-legend-h" class="legend-h">
        {legend.title}
      </p>
      <p class="legend-intro">{legend.intro}</p>
      <dl>
        {legend.entries.map((e) => (
          <div key={e.label} class={e.label === current ? 'current' : undefined}>
            <dt>{e.name}</dt>
            <dd>{e.description}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * "This article is from 15 June 2021. Since then:" with its developments, one per line where
 * they fit (a short date, the text, its citations), and "N more" beside the heading.
 */
function Since({
  since,
  cites,
  on,
}: {
  since: SinceArticle;
  cites: (ids: readonly string[]) => preact.JSX.Element[];
  on: CardProps['on'];
}) {
  const events = sinceShown(since);
  if (events.length === 0) return null;
  const date = formatDate(since.since, 'long');
  return (
    <section class="since" aria-labelledby="cc-since-h">
      <div class="since-head">
        <h3 id="cc-since-h" class="since-h">
          {t('cardSinceFrom', date)}
        </h3>
        {since.more > 0 && on.timeline ? (
          <button
            type="button"
            class="link-button since-more"
            aria-label={t('cardSinceMoreLabel', [String(since.more), date])}
            onClick={() => on.timeline!(since.since)}
          >
            {t('cardSinceMore', String(since.more))}
          </button>
        ) : null}
      </div>
      <ul class="since-list">
        {events.map((e, i) => (
          <li key={i}>
            <span class="when">{formatDateOrRange(e.date)}</span> <span class="what">{e.text}</span>{' '}
            {cites(e.sources)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "15 other facts, timeline, related entries": what More adds, so a reader knows before opening. */
function moreHint(entity: Entity, extraFacts: number): string {
  const parts: string[] = [];
  if (extraFacts === 1) parts.push(t('cardMoreOneFact'));
  else if (extraFacts > 1) parts.push(t('cardMoreFacts', String(extraFacts)));
  if (entity.timeline?.length) parts.push(t('cardMoreTimeline'));
  if (entity.related?.length) parts.push(t('cardMoreRelated'));
  if (parts.length === 0) parts.push(t('cardMoreAbout'));
  return parts.join(', ');
}

/** Why a related term is shown on this page: the story mention, the site, or the user. */
function because(b: NonNullable<Reason['because']>, nameOf: (id: string) => string): string {
  if ('user' in b) return t(b.user === 'option' ? 'cardWhyBecauseOption' : 'cardWhyBecauseHere');
  if ('outer' in b) return t('cardWhyBecauseOuter');
  const name = nameOf(b.entityId);
  if (b.site) return t('cardWhyBecauseSite', name);
  const text = (b.text ?? '').replace(/\s+/g, ' ');
  return !text || name.toLowerCase().startsWith(text.toLowerCase())
    ? t('cardWhyBecauseMention', name)
    : t('cardWhyBecauseMentionAs', [name, text]);
}

export function Card(props: CardProps) {
  const { dataset, entity, on } = props;
  const expanded = !!props.expanded;
  const layers = layersOf(entity);
  const { list, num } = citationsFor(entity, dataset, expanded ? 'full' : 'shown', props.since);
  const newer = newerThanArticle(props.since);
  // "Since this article" needs room: such a card may be taller (card.css.ts, position.ts).
  const tall = sinceShown(props.since).length > 0;
  const byId = new Map(dataset.entities.map((e) => [e.id, e]));
  const cites = (ids: readonly string[]) =>
    ids
      .map(num)
      .filter((n) => n > 0)
      .map((n) => {
        const s = list[n - 1]!;
        return (
          <button
            key={n}
            type="button"
            class="cite"
            aria-label={t('cardCite', [String(n), sourceLine(s)])}
            onClick={() => on.cite(n)}
          >
            {`[${n}]`}
          </button>
        );
      });
  const fact = (f: Fact) => {
    const at = entity.facts.indexOf(f);
    const open = props.legendAt === at;
    const when = factDate(f);
    return (
      <li key={at}>
        <span class="fact">{f.text}</span> {cites(f.sources)}
        <span class="meta">
          <button
            type="button"
            class="chip"
            aria-label={t('cardChip', evidenceLabel(f.evidence))}
            aria-expanded={open ? 'true' : 'false'}
            aria-controls={open ? LEGEND_ID : undefined}
            title={evidenceDescription(f.evidence)}
            onClick={() => on.legend?.(open ? undefined : at)}
          >
            {evidenceLabel(f.evidence)}
          </button>
          {when ? <span class="date">{when}</span> : null}
          {newer.has(at) ? <span class="newer">{t('cardNewerThanArticle')}</span> : null}
        </span>
        {f.contested ? (
          <span class="contested">
            {t('cardDisputed', [f.contested.by, f.contested.note])} {cites(f.contested.sources)}
          </span>
        ) : null}
        {open ? <Legend current={f.evidence} /> : null}
      </li>
    );
  };
  // The default view's heading is for screen readers only: its list follows the summary plainly.
  const factList = (id: string, title: string, facts: Fact[], quiet = false) =>
    facts.length > 0 ? (
      <section class="facts" aria-labelledby={id}>
        <h3 id={id} class={quiet ? 'visually-hidden' : 'section-h'}>
          {title}
        </h3>
        <ul>{facts.map(fact)}</ul>
      </section>
    ) : null;
  const related = (entity.related ?? []).filter((r) => byId.has(r.id));
  const timeline = entity.timeline ?? [];
  const extraFacts = layers.events.length + layers.background.length;
  return (
    <div
      class={`card${props.animate ? ' animate' : ''}${tall ? ' tall' : ''}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={TITLE_ID}
      aria-describedby={props.report ? undefined : SUMMARY_ID}
      tabIndex={-1}
      dir={props.dir}
      lang="en"
      data-theme={props.theme}
    >
      <header class="head">
        {props.back ? (
          <button
            type="button"
            class="icon-button back"
            aria-label={t('cardBack', props.back.name)}
            onClick={on.back}
          >
            <Icon d={ICON.back} />
          </button>
        ) : null}
        <div class="titles">
          <h2 id={TITLE_ID} class="name">
            {entity.name}
          </h2>
          <p class="kind">{kindLabel(entity.kind)}</p>
        </div>
        {on.pin ? (
          <button
            type="button"
            class="icon-button pin"
            aria-label={t('cardPin')}
            aria-pressed={props.pinned ? 'true' : 'false'}
            onClick={on.pin}
          >
            <Icon d={ICON.pin} />
          </button>
        ) : null}
        <button
          type="button"
          class="icon-button close"
          aria-label={t('cardClose')}
          onClick={on.close}
        >
          <Icon d={ICON.close} />
        </button>
      </header>
      {props.report && on.copyReport ? (
        <div class="body" key="report" id={REPORT_ID}>
          <ReportForm
            entity={entity}
            dataset={{ version: dataset.meta.version, hash: dataset.hash }}
            fact={props.report.fact}
            page={props.page}
            destination={props.reportTo}
            idPrefix={REPORT_ID}
            copy={on.copyReport}
            cancel={() => on.report?.(false)}
          />
        </div>
      ) : (
        <div class="body" key="view">
          <p id={SUMMARY_ID} class="summary">
            {entity.summary}
          </p>

          {factList('cc-facts-h', t('cardFacts'), layers.key, true)}

          {props.since ? <Since since={props.since} cites={cites} on={on} /> : null}

          <button
            type="button"
            class="more-button"
            aria-expanded={expanded ? 'true' : 'false'}
            aria-controls={MORE_ID}
            onClick={() => on.more?.(!expanded)}
          >
            <span class="more-label">{t('cardMore')}</span>
            <span class="more-hint">{moreHint(entity, extraFacts)}</span>
          </button>

          {expanded ? (
            <div id={MORE_ID} class="more">
              {factList('cc-events-h', t('cardEvents'), layers.events)}
              {factList('cc-background-h', t('cardBackground'), layers.background)}

              {timeline.length > 0 ? (
                <section class="timeline" aria-labelledby="cc-timeline-h">
                  <h3 id="cc-timeline-h" class="section-h">
                    {t('cardTimeline', String(timeline.length))}
                  </h3>
                  <ol class="plain">
                    {timeline.map((e, i) => (
                      <li key={i}>
                        <span class="when">{formatDateOrRange(e.date)}</span>{' '}
                        <span class="what">{e.text}</span> {cites(e.sources)}
                      </li>
                    ))}
                  </ol>
                </section>
              ) : null}

              {related.length > 0 ? (
                <section class="related" aria-labelledby="cc-related-h">
                  <h3 id="cc-related-h" class="section-h">
                    {t('cardRelated')}
                  </h3>
                  <ul class="plain">
                    {related.map((r) => (
                      <li key={r.id}>
                        <span class="relation">{r.relation}</span>{' '}
                        <button type="button" class="link-button" onClick={() => on.related(r.id)}>
                          {byId.get(r.id)!.name}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}

              {entity.notThisOne?.length ? (
                <section class="not-this" aria-labelledby="cc-not-h">
                  <h3 id="cc-not-h" class="section-h">
                    {t('cardNotThisOne')}
                  </h3>
                  <ul class="plain">
                    {entity.notThisOne.map((n, i) => (
                      <li key={i}>
                        <strong>{n.name}</strong>: {n.note}
                        {n.id && byId.has(n.id) ? (
                          <>
                            {' '}
                            <button
                              type="button"
                              class="link-button"
                              onClick={() => on.related(n.id!)}
                            >
                              {t('cardShowEntry', n.name)}
                            </button>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}

              <section class="about" aria-labelledby="cc-about-h">
                <h3 id="cc-about-h" class="section-h">
                  {t('cardAbout')}
                </h3>
                <p>{t('cardAboutReviewed', formatDate(entity.lastReviewed))}</p>
                <p>{t('cardAboutDataset', [dataset.meta.version, dataset.hash])}</p>
                <p class="about-links">
                  {on.changes ? (
                    <button type="button" class="link-button" onClick={on.changes}>
                      {t('cardAboutChanges')}
                      <span class="visually-hidden"> {t('cardNewTab')}</span>
                    </button>
                  ) : null}
                  {on.report ? (
                    <button type="button" class="link-button" onClick={() => on.report!(true)}>
                      {t('cardReport')}
                    </button>
                  ) : null}
                </p>
              </section>
            </div>
          ) : null}

          <div class="disclosures">
            {list.length > 0 ? (
              <details
                class="sources"
                open={props.sourcesOpen}
                onToggle={(e) => on.sourcesToggled((e.currentTarget as HTMLDetailsElement).open)}
              >
                <summary>{t('cardSources', String(list.length))}</summary>
                {props.sourcesOpen ? (
                  <ol>
                    {list.map((s, i) => {
                      const url = safeUrl(s.url);
                      const name = sourceName(s);
                      // A title that is only the publisher's name is not said twice.
                      const same =
                        name.text.trim().toLowerCase() === s.publisher.trim().toLowerCase();
                      const text = same ? (
                        t('cardSourceOpen')
                      ) : name.descriptive ? (
                        <span class="described">{name.text}</span>
                      ) : (
                        `“${name.text}”`
                      );
                      const note = !same && name.note ? ` (${name.note})` : '';
                      return (
                        <li key={s.id} id={sourceId(i + 1)} tabIndex={-1}>
                          {s.publisher}
                          {same && !url ? null : (
                            <>
                              {same ? ' ' : name.descriptive ? ': ' : ', '}
                              {url ? (
                                <a href={url} target="_blank" rel="noopener noreferrer">
                                  {text}
                                  <span class="visually-hidden"> {t('cardNewTab')}</span>
                                </a>
                              ) : (
                                <span>{text}</span>
                              )}
                            </>
                          )}
                          {note}, {formatDate(s.date)}
                          {s.mirror ? ` ${t('cardMirror')}` : ''}
                        </li>
                      );
                    })}
                  </ol>
                ) : null}
              </details>
            ) : null}

            {props.match ? (
              <WhyHighlighted match={props.match} nameOf={(id) => byId.get(id)?.name ?? id} />
            ) : null}
          </div>
        </div>
      )}

      <footer class="foot">
        {props.report ? null : (
          <div class="actions">
            <button
              type="button"
              class="action"
              onClick={() => on.copy('text', expanded ? 'full' : 'shown')}
            >
              {t('cardCopy')}
            </button>
            <button type="button" class="action" onClick={on.openEntry}>
              {t('cardOpenEntry')}
            </button>
            <button
              type="button"
              class="icon-button actions-more"
              aria-label={t('cardActions')}
              aria-expanded={props.menuOpen ? 'true' : 'false'}
              aria-controls={props.menuOpen ? MENU_ID : undefined}
              onClick={() => on.menu?.(!props.menuOpen)}
            >
              <Icon d={ICON.dots} />
            </button>
          </div>
        )}
        {props.menuOpen && !props.report ? (
          <div id={MENU_ID} class="menu" role="group" aria-label={t('cardActions')}>
            <button
              type="button"
              class="menu-item"
              onClick={() => on.copy('markdown', expanded ? 'full' : 'shown')}
            >
              {t('cardCopyMarkdown')}
            </button>
            <button type="button" class="menu-item" onClick={() => on.copy('text', 'full')}>
              {t('cardCopyFull')}
            </button>
            <button type="button" class="menu-item" onClick={() => on.copy('markdown', 'full')}>
              {t('cardCopyFullMarkdown')}
            </button>
            {on.report ? (
              <button type="button" class="menu-item" onClick={() => on.report!(true)}>
                {t('cardReport')}
              </button>
            ) : null}
            {props.match ? (
              <button type="button" class="menu-item" onClick={on.hide}>
                {t('cardHide')}
              </button>
            ) : null}
          </div>
        ) : null}
        {props.status ? <p class="status">{props.status}</p> : null}
        {entity.support ? <p class="support">{t('cardSupport')}</p> : null}
      </footer>
    </div>
  );
}
