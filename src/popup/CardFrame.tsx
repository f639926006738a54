/**
 * One entity with the same content as the card on the page: the card's own `Card` component and
 * stylesheet, rendered into a shadow root (as on the page) so the card's class names and the
 * popup's never meet. The popup only un-floats it.
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import dataset from 'virtual:cc-dataset';
import type { Entity } from '../dataset/schema.ts';
import { Card } from '../card/Card.tsx';
import { CARD_CSS } from '../card/card.css.ts';

/** The card floats over pages; in the popup it is the page. */
const IN_POPUP = `.card { position: static; width: auto; max-height: none; box-shadow: none;
  border: 0; border-radius: 0; padding: 4px 2px; }`;

let sheet: CSSStyleSheet | undefined;

export function CardFrame({ entity, onClose }: { entity: Entity; onClose: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = host.current!;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CARD_CSS + IN_POPUP);
    }
    root.adoptedStyleSheets = [sheet];
    render(<Card dataset={dataset} entity={entity} onClose={onClose} />, root);
  }, [entity, onClose]);
  useEffect(() => {
    const el = host.current;
    return () => {
      if (el?.shadowRoot) render(null, el.shadowRoot);
    };
  }, []);
  return <div ref={host} class="card-frame" data-card-entity={entity.id} />;
}
