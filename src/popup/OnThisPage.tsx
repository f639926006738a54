/**
 * "On this page": the entities marked in the tab, with how often each was marked. Choosing one
 * scrolls the page to its first mention and opens its card there.
 */
import { t } from '../shared/i18n.ts';
import { kindLabel } from '../shared/labels.ts';
import type { MentionSummary } from '../shared/messages.ts';

export type Found =
  { state: 'loading' } | { state: 'off' } | { state: 'on'; list: MentionSummary[] };

export function OnThisPage({
  found,
  nameOf,
  onReveal,
}: {
  found: Found;
  /** The entity's display name, from the dataset. */
  nameOf: (entityId: string) => string;
  onReveal: (entityId: string) => void;
}) {
  if (found.state === 'loading') return null;
  return (
    <section class="found" aria-labelledby="found-title">
      <h2 id="found-title">{t('onThisPage')}</h2>
      {found.state === 'off' ? (
        <p class="muted">{t('onThisPageOff')}</p>
      ) : found.list.length === 0 ? (
        <p class="muted">{t('onThisPageNone')}</p>
      ) : (
        <ul class="found-list">
          {found.list.map((m) => (
            <li key={m.entityId}>
              <button
                type="button"
                data-found={m.entityId}
                onClick={() => onReveal(m.entityId)}
                aria-label={t('foundItem', [
                  nameOf(m.entityId),
                  kindLabel(m.kind),
                  String(m.count),
                ])}
              >
                <span class="name">{nameOf(m.entityId)}</span>
                <span class="kind">{kindLabel(m.kind)}</span>
                <span class="count" aria-hidden="true">
                  {m.count}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
