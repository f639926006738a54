/**
 * Card UI entry: injected into a frame by the background on first use (never on page load), then
 * registered for the page layer through `shared/card-bridge.ts`.
 *
 * Owns: the one card of the frame: opening, closing with a grace period, and positioning under
 * (or above) the mention. Never: reads the page's text or marks anything.
 */
import { render } from 'preact';
import dataset from 'virtual:cc-dataset';
import { registerCard, type CardApi, type CardRequest } from '../shared/card-bridge.ts';
import { Card } from './Card.tsx';
import { CARD_CSS } from './card.css.ts';
import { createHost, type CardHost } from './host.ts';

const GRACE_MS = 300;
const entities = new Map(dataset.entities.map((e) => [e.id, e]));

let host: CardHost | undefined;
let request: CardRequest | undefined;
let closeTimer = 0;

function place(): void {
  if (!host || !request) return;
  const card = host.root.querySelector<HTMLElement>('.card');
  if (!card) return;
  const a = request.anchor.getBoundingClientRect();
  const { innerWidth: vw, innerHeight: vh } = window;
  const w = card.offsetWidth;
  const h = card.offsetHeight;
  const below = a.bottom + 8 + h <= vh || a.top - 8 - h < 0;
  const top = below ? a.bottom + 8 : a.top - 8 - h;
  const left = Math.min(Math.max(8, a.left), Math.max(8, vw - w - 8));
  card.style.top = `${Math.max(8, Math.min(top, vh - h - 8))}px`;
  card.style.left = `${left}px`;
}

const api: CardApi = {
  open(req) {
    const entity = entities.get(req.entityId);
    if (!entity) return;
    clearTimeout(closeTimer);
    request = req;
    host ??= createHost(CARD_CSS);
    host.attach();
    render(<Card dataset={dataset} entity={entity} onClose={() => api.close()} />, host.root);
    place();
    host.host.onpointerenter = () => api.cancelClose();
    host.host.onpointerleave = () => api.scheduleClose();
  },
  scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = window.setTimeout(() => api.close(), GRACE_MS);
  },
  cancelClose() {
    clearTimeout(closeTimer);
  },
  close() {
    clearTimeout(closeTimer);
    request = undefined;
    if (host) {
      render(null, host.root);
      host.detach();
    }
  },
  isOpen: () => !!request,
  current: () => request?.entityId,
  state() {
    const card = host?.root.querySelector<HTMLElement>('.card');
    if (!request || !card) return undefined;
    const r = card.getBoundingClientRect();
    return {
      entityId: request.entityId,
      text: card.innerText,
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  },
};

registerCard(api);
