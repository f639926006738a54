/**
 * One entity with the same content as the card on the page: the card's own `Card` component and
 * stylesheet, rendered into a shadow root (as on the page) so the card's class names and the
 * popup's never meet. The popup un-floats it and keeps its own small state: sources open on a
 * citation, copy and "open full entry" work as on the page; a related entry is handed to the
 * popup, whose one Back button leads back through them (the card's own back and close buttons
 * would be a second way back, so the card gets no `back` and its close button is not shown).
 * There is nothing to pin or hide here (no page), so those actions are absent.
 *
 * Owns: the card in the popup. Never: keeps the popup's navigation.
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import dataset from 'virtual:cc-dataset';
import { Card, sourceId } from '../card/Card.tsx';
import { CARD_CSS } from '../card/card.css.ts';
import { writeClipboard } from '../card/clipboard.ts';
import { copyText } from '../card/copy.ts';
import { t } from '../shared/i18n.ts';
import { sendToBackground } from '../shared/messages.ts';

/** The card floats over pages; in the popup it is the page. */
const IN_POPUP = `.card { position: static; width: auto; max-height: none; box-shadow: none;
  border: 0; border-radius: 0; padding: 4px 2px 12px; }
.head .close { display: none; }`;

let sheet: CSSStyleSheet | undefined;
const byId = new Map(dataset.entities.map((e) => [e.id, e]));

export function CardFrame({
  entityId,
  onRelated,
}: {
  entityId: string;
  onRelated: (entityId: string) => void;
}) {
  const entity = byId.get(entityId)!;
  const host = useRef<HTMLDivElement>(null);
  const [sourcesOpen, setSourcesOpen] = useState(false);
  const [status, setStatus] = useState<string>();
  /** The card's layers: More, the evidence legend (under a fact), the menu of other actions. */
  const [expanded, setExpanded] = useState(false);
  const [legendAt, setLegendAt] = useState<number>();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    setSourcesOpen(false);
    setStatus(undefined);
    setExpanded(false);
    setLegendAt(undefined);
    setMenuOpen(false);
  }, [entity]);
  const shown = entity;

  useLayoutEffect(() => {
    const el = host.current!;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CARD_CSS + IN_POPUP);
    }
    root.adoptedStyleSheets = [sheet];
    render(
      <Card
        dataset={dataset}
        entity={shown}
        theme="auto"
        dir={document.dir === 'rtl' ? 'rtl' : 'ltr'}
        back={undefined}
        expanded={expanded}
        legendAt={legendAt}
        menuOpen={menuOpen}
        sourcesOpen={sourcesOpen}
        status={status}
        animate={false}
        on={{
          close: () => undefined,
          back: () => undefined,
          related: (id) => {
            if (byId.has(id)) onRelated(id);
          },
          cite: (n) => {
            setSourcesOpen(true);
            requestAnimationFrame(() => root.getElementById(sourceId(n))?.focus());
          },
          sourcesToggled: setSourcesOpen,
          copy: async (format, scope) => {
            setMenuOpen(false);
            const ok = await writeClipboard(copyText(shown, dataset, format, scope));
            setStatus(t(ok ? 'cardCopied' : 'cardCopyFailed'));
          },
          more: setExpanded,
          legend: setLegendAt,
          menu: setMenuOpen,
          openEntry: () => void sendToBackground('card/open-entry', { entityId: shown.id }),
          hide: () => undefined,
        }}
      />,
      root,
    );
  }, [shown, sourcesOpen, status, onRelated, expanded, legendAt, menuOpen]);
  useEffect(() => {
    const el = host.current;
    return () => {
      if (el?.shadowRoot) render(null, el.shadowRoot);
    };
  }, []);
  return <div ref={host} class="card-frame" data-card-entity={entityId} />;
}
