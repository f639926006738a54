/**
 * The card's content, as a pure function of its props: name and kind, summary, key facts with
 * evidence labels and numbered citations, a compact timeline, related entries (buttons that swap
 * the card), look-alike notes, the sources list, "Why highlighted", the actions, and the footer
 * (dataset version, last review, crisis-support line).
 *
 * Owns: markup and wording (all from `_locales`). Never: keeps state, touches storage or the
 * clipboard; every action is a callback (see `controller.tsx`).
 */
import type { Entity, StampedDataset } from '../dataset/schema.ts';
import type { Reason } from '../matcher/index.ts';
import { t } from '../shared/i18n.ts';
import type { Theme } from '../shared/settings.ts';
import { citationsFor, safeUrl } from './citations.ts';
import type { CopyFormat } from './copy.ts';
import { evidenceLabel, formatDate, formatDateOrRange, kindLabel } from '../shared/labels.ts';

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
    copy(format: CopyFormat): void;
    openEntry(): void;
    hide(): void;
  };
}

export const TITLE_ID = 'cc-title';
export const SUMMARY_ID = 'cc-summary';
export const sourceId = (n: number) => `cc-src-${n}`;

const Icon = ({ d }: { d: string }) => (
  <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path d={d} />
  </svg>
);
const ICON = {
  close: 'M3.5 3.5l9 9m0-9l-9 9',
  back: 'M10 3L5 8l5 5',
  pin: 'M6 2h4l-.5 4 2.5 2.5v1H4v-1L6.5 6 6 2zM8 9.5V14',
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
  const { list, num } = citationsFor(entity, dataset);
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
            aria-label={t('cardCite', [String(n), `${s.publisher}, ${s.title}`])}
            onClick={() => on.cite(n)}
          >
            [{n}]
          </button>
        );
      });
  const related = (entity.related ?? []).filter((r) => byId.has(r.id));
  const timeline = entity.timeline ?? [];
  return (
    <div
      class={`card${props.animate ? ' animate' : ''}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={TITLE_ID}
      aria-describedby={SUMMARY_ID}
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
      <div class="body">
        <p id={SUMMARY_ID} class="summary">
          {entity.summary}
        </p>

        {entity.facts.length > 0 ? (
          <section class="facts" aria-labelledby="cc-facts-h">
            <h3 id="cc-facts-h" class="section-h">
              {t('cardFacts')}
            </h3>
            <ul>
              {entity.facts.map((f, i) => (
                <li key={i}>
                  <span class="fact">{f.text}</span> {cites(f.sources)}
                  <span class="meta">
                    <span class="chip">{evidenceLabel(f.evidence)}</span>
                    {f.date ? <span class="date">{formatDateOrRange(f.date)}</span> : null}
                  </span>
                  {f.contested ? (
                    <span class="contested">
                      {t('cardDisputed', [f.contested.by, f.contested.note])}{' '}
                      {cites(f.contested.sources)}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {timeline.length > 0 ? (
          <details class="timeline">
            <summary>{t('cardTimeline', String(timeline.length))}</summary>
            <ol class="plain">
              {timeline.map((e, i) => (
                <li key={i}>
                  <span class="when">{formatDateOrRange(e.date)}</span>{' '}
                  <span class="what">{e.text}</span> {cites(e.sources)}
                </li>
              ))}
            </ol>
          </details>
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
                      <button type="button" class="link-button" onClick={() => on.related(n.id!)}>
                        {t('cardShowEntry', n.name)}
                      </button>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {list.length > 0 ? (
          <details
            class="sources"
            open={props.sourcesOpen}
            onToggle={(e) => on.sourcesToggled((e.currentTarget as HTMLDetailsElement).open)}
          >
            <summary>{t('cardSources', String(list.length))}</summary>
            <ol>
              {list.map((s, i) => {
                const url = safeUrl(s.url);
                return (
                  <li key={s.id} id={sourceId(i + 1)} tabIndex={-1}>
                    {s.publisher},{' '}
                    {url ? (
                      <a href={url} target="_blank" rel="noopener noreferrer">
                        {s.title}
                        <span class="visually-hidden"> {t('cardNewTab')}</span>
                      </a>
                    ) : (
                      <span>{s.title}</span>
                    )}
                    , {formatDate(s.date)}
                    {s.mirror ? ` ${t('cardMirror')}` : ''}
                  </li>
                );
              })}
            </ol>
          </details>
        ) : null}

        {props.match ? (
          <WhyHighlighted match={props.match} nameOf={(id) => byId.get(id)?.name ?? id} />
        ) : null}
      </div>

      <footer class="foot">
        <div class="actions">
          <button type="button" class="action" onClick={() => on.copy('text')}>
            {t('cardCopyText')}
          </button>
          <button type="button" class="action" onClick={() => on.copy('markdown')}>
            {t('cardCopyMarkdown')}
          </button>
          <button type="button" class="action" onClick={on.openEntry}>
            {t('cardOpenEntry')}
          </button>
          {props.match ? (
            <button type="button" class="action" onClick={on.hide}>
              {t('cardHide')}
            </button>
          ) : null}
        </div>
        {props.status ? <p class="status">{props.status}</p> : null}
        <p class="meta-line dataset">
          {t('cardDataset', [dataset.meta.version, dataset.hash, formatDate(entity.lastReviewed)])}
        </p>
        <p class="meta-line support">{t('cardSupport')}</p>
      </footer>
    </div>
  );
}
