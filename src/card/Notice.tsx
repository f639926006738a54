/**
 * The confirmation left in the card's place after "Hide this term on this site": what was hidden
 * and where, with Undo, and where hidden terms are listed afterwards; after Undo, that the term
 * is marked again. It has the card's look (same stylesheet and theme) at a smaller size.
 *
 * Owns: its markup and wording. Never: keeps state, times itself or touches storage (see
 * `controller.tsx`).
 */
import type { Theme } from '../shared/settings.ts';
import { t } from '../shared/i18n.ts';
import { Icon, ICON } from './Card.tsx';

export const NOTICE_TEXT_ID = 'cc-notice-text';

export interface NoticeProps {
  theme: Theme;
  dir: 'ltr' | 'rtl';
  name: string;
  site: string;
  /** True once Undo has shown the term again. */
  undone: boolean;
  at: { x: number; y: number };
  on: { undo(): void; dismiss(): void };
}

export function Notice(props: NoticeProps) {
  const { on } = props;
  return (
    <div
      class="card notice"
      role="group"
      aria-labelledby={NOTICE_TEXT_ID}
      dir={props.dir}
      lang="en"
      data-theme={props.theme}
      style={{ left: `${props.at.x}px`, top: `${props.at.y}px` }}
    >
      <div class="notice-row">
        <div class="notice-text">
          <p id={NOTICE_TEXT_ID}>
            {t(props.undone ? 'cardShownAgain' : 'cardHiddenNotice', [props.name, props.site])}
          </p>
          {props.undone ? null : <p class="notice-where">{t('cardHiddenWhere')}</p>}
        </div>
        {props.undone ? null : (
          <button type="button" class="action undo" onClick={on.undo}>
            {t('cardUndo')}
          </button>
        )}
        <button
          type="button"
          class="icon-button dismiss"
          aria-label={t('cardDismiss')}
          onClick={on.dismiss}
        >
          <Icon d={ICON.close} />
        </button>
      </div>
    </div>
  );
}
