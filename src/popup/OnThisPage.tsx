/**
 * "On this page": the entities marked in the tab, each with how often it is mentioned on the page
 * and how many of those mentions are marked (the default marks only the first). Choosing one
 * scrolls the page to its marked mention and opens its card there. On a page that does not touch
 * the SIM story it says so, and how many related terms it left unmarked, with one click to show
 * them on that page.
 *
 * Owns: the list and its wording. Never: talks to the tab (the popup passes what it found).
 */
import { t } from '../shared/i18n.ts';
import { kindLabel } from '../shared/labels.ts';
import type { MentionSummary, TopicSummary } from '../shared/messages.ts';

export type Found =
  | { state: 'loading' }
  | { state: 'off' }
  | { state: 'on'; list: MentionSummary[]; topic?: TopicSummary };

/** The related terms a page that does not touch the story left unmarked, with the way to show them. */
function HeldBack({ topic, onShow }: { topic: TopicSummary; onShow: () => void }) {
  const n = topic.heldEntities;
  return (
    <p class="muted held">
      {n === 1 ? t('onThisPageHeldOne') : t('onThisPageHeldMany', String(n))}{' '}
      <button type="button" class="link" data-action="show-held" onClick={onShow}>
        {t('onThisPageShowHeld')}
      </button>
    </p>
  );
}

/** Mentions on the page: every occurrence, never fewer than those marked. */
export const totalOf = (m: MentionSummary) => Math.max(m.count, m.total ?? m.count);

/** "9 mentions, first marked", "3 mentions, all marked"…: what the count means, in words. */
export function countLine(m: MentionSummary): string {
  const total = totalOf(m);
  if (total === 1) return t('foundOnce');
  if (m.count >= total) return t('foundAllMarked', String(total));
  return m.count === 1
    ? t('foundFirstMarked', String(total))
    : t('foundSomeMarked', [String(total), String(m.count)]);
}

export function OnThisPage({
  found,
  nameOf,
  onReveal,
  onShowHeld,
}: {
  found: Found;
  /** The entity's display name, from the dataset. */
  nameOf: (entityId: string) => string;
  onReveal: (entityId: string) => void;
  onShowHeld: () => void;
}) {
  if (found.state === 'loading') return null;
  const topic = found.state === 'on' ? found.topic : undefined;
  const held =
    topic && !topic.touches && !topic.shown && topic.heldEntities > 0 ? (
      <HeldBack topic={topic} onShow={onShowHeld} />
    ) : null;
  return (
    <section class="found" aria-labelledby="found-title">
      <h2 id="found-title">{t('onThisPage')}</h2>
      {held}
      {found.state === 'off' ? (
        <p class="muted">{t('onThisPageOff')}</p>
      ) : found.list.length === 0 ? (
        held ? null : (
          <p class="muted">{t('onThisPageNone')}</p>
        )
      ) : (
        <ul class="found-list">
          {found.list.map((m) => (
            <li key={m.entityId}>
              <button
                type="button"
                data-found={m.entityId}
                onClick={() => onReveal(m.entityId)}
                aria-label={t('foundItem', [nameOf(m.entityId), kindLabel(m.kind), countLine(m)])}
              >
                <span class="found-text">
                  <span class="name">{nameOf(m.entityId)}</span>
                  <span class="found-meta">
                    <span class="kind">{kindLabel(m.kind)}</span>
                    <span class="marked" data-marked={m.count}>
                      {countLine(m)}
                    </span>
                  </span>
                </span>
                <span class="count" aria-hidden="true">
                  {totalOf(m)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
