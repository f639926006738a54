/**
 * The one card of a frame: what it shows, when it closes, where focus goes, what it announces.
 *
 * A *session* is one opened card: the request (mention, reason, how it was opened), the history
 * of entries shown (a "Related" swap pushes, Back pops), pinned or not, and a status line. Every
 * change re-renders the pure `Card` into the host's closed shadow root.
 *
 * Closing rules: a hover-opened card closes `GRACE_MS` after the pointer leaves both the mention
 * and the card (the page layer calls `scheduleClose`; the pointer entering the card cancels it).
 * A card that is pinned, was opened by keyboard, tap or popup, or holds keyboard focus is
 * *sticky*: it closes only by Escape, its close button, a tap or click elsewhere, or another
 * explicit open. Escape and close return focus to where it was before it moved into the card.
 *
 * Owns: the session, focus management, the live region's text. Never: decides which mention is
 * hovered (page layer), stores anything but the "hide on this site" setting, or uses the network.
 */
import { render } from 'preact';
import { browser } from '../shared/browser.ts';
import type { Entity, StampedDataset } from '../dataset/schema.ts';
import type { CardApi, CardControl, CardRequest, CardState } from '../shared/card-bridge.ts';
import { t } from '../shared/i18n.ts';
import { sendToBackground } from '../shared/messages.ts';
import { loadSettings, saveSettings } from '../shared/settings-store.ts';
import { Card, sourceId } from './Card.tsx';
import { CARD_CSS } from './card.css.ts';
import { writeClipboard } from './clipboard.ts';
import { copyText, type CopyFormat } from './copy.ts';
import { kindLabel } from '../shared/labels.ts';
import { createHost, type CardHost } from './host.ts';
import { track, type Tracking } from './position.ts';

export const GRACE_MS = 300;

interface Session {
  req: CardRequest;
  /** Entries shown, the first being the mention's; the last is on screen. */
  history: string[];
  pinned: boolean;
  sourcesOpen: boolean;
  status?: string;
  animate: boolean;
  /** Focus was moved in from the keyboard (Enter, a shortcut): the card stays until Escape. */
  keyboard: boolean;
}

const FOCUSABLE = 'button, a[href], summary, [tabindex="0"]';

function deepActiveElement(exclude: Element): HTMLElement | undefined {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === exclude || !(el instanceof HTMLElement)) return undefined;
  return el;
}

/** Rendered and not inside a closed `<details>` (which keeps boxes but skips their content). */
function isVisible(el: Element): boolean {
  return typeof el.checkVisibility === 'function'
    ? el.checkVisibility({ visibilityProperty: true })
    : el.getClientRects().length > 0;
}

function uiDirection(): 'ltr' | 'rtl' {
  try {
    return browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

export function createCard(dataset: StampedDataset): CardApi {
  const entities = new Map(dataset.entities.map((e) => [e.id, e]));
  const dir = uiDirection();
  let host: CardHost | undefined;
  let session: Session | undefined;
  let tracking: Tracking | undefined;
  let closeTimer = 0;
  let pointerInside = false;
  let returnFocus: HTMLElement | undefined;
  let announcement = '';
  let announceTimer = 0;
  let hostBorn = 0;

  const cardEl = () => host?.mount.querySelector<HTMLElement>('.card') ?? null;
  const shown = (): Entity | undefined => entities.get(session?.history.at(-1) ?? '');
  const hasFocus = () => !!host && host.root.activeElement !== null;

  const ensureHost = (): CardHost => {
    if (host) return host;
    const h = createHost(CARD_CSS);
    hostBorn = performance.now();
    h.host.addEventListener('pointerenter', () => {
      pointerInside = true;
      api.cancelClose();
    });
    h.host.addEventListener('pointerleave', (e) => {
      pointerInside = false;
      if (e.pointerType !== 'touch') api.scheduleClose();
    });
    h.root.addEventListener('keydown', (e) => onKey(e as KeyboardEvent));
    host = h;
    return h;
  };

  const onKey = (e: KeyboardEvent) => {
    if (!session) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      api.close();
      return;
    }
    if (e.key !== 'Tab') return;
    // The card sits outside the article's flow, so Tab cycles inside it; Escape is the way out.
    const card = cardEl();
    if (!card) return;
    const items = [...card.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(isVisible);
    if (items.length === 0) return;
    const active = host!.root.activeElement;
    const first = items[0]!;
    const last = items.at(-1)!;
    if (e.shiftKey && (active === first || active === card)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const announce = (text: string) => {
    const h = ensureHost();
    if (!h.host.isConnected) h.show();
    announcement = text;
    clearTimeout(announceTimer);
    h.live.textContent = '';
    // A live region must be in the accessibility tree before its text changes to be heard, and
    // the same text twice is heard only if it is cleared first.
    const wait = performance.now() - hostBorn < 200 ? 200 : 60;
    announceTimer = window.setTimeout(() => {
      h.live.textContent = text;
    }, wait);
  };

  const announceEntry = (entity: Entity, position?: CardRequest['position']) => {
    let text = t('announceOpen', [entity.name, kindLabel(entity.kind)]);
    if (position)
      text += ` ${t('announcePosition', [String(position.index), String(position.total)])}`;
    announce(text);
  };

  /**
   * Moves focus into the card. The place to return to is remembered only when focus comes from
   * the page: a swap or a new mention while focus is already inside keeps the original one (by
   * then the focused control may have been re-rendered away and focus sit on <body>).
   */
  const focusInside = (target: HTMLElement | null = null, fromPage = !hasFocus()) => {
    const h = host;
    if (!h || !session) return;
    if (fromPage) returnFocus = deepActiveElement(h.host);
    session.keyboard = true;
    (target ?? cardEl())?.focus({ preventScroll: true });
  };

  const paint = () => {
    const h = host;
    const s = session;
    const entity = shown();
    if (!h || !s || !entity) return;
    const isRoot = s.history.length === 1;
    const prev = s.history.length > 1 ? entities.get(s.history.at(-2)!) : undefined;
    render(
      <Card
        dataset={dataset}
        entity={entity}
        theme={s.req.theme}
        dir={dir}
        match={isRoot ? { text: s.req.matchedText, reason: s.req.reason } : undefined}
        pinned={s.pinned}
        back={prev ? { name: prev.name } : undefined}
        sourcesOpen={s.sourcesOpen}
        status={s.status}
        animate={s.animate}
        on={handlers}
      />,
      h.mount,
    );
  };

  const swapTo = (history: string[], focusBack: boolean) => {
    const s = session;
    if (!s) return;
    const hadFocus = hasFocus();
    s.history = history;
    s.sourcesOpen = false;
    s.status = undefined;
    paint();
    const entity = shown();
    if (entity) announceEntry(entity);
    cardEl()?.scrollTo({ top: 0 });
    if (hadFocus) {
      const back = focusBack ? host!.root.querySelector<HTMLElement>('.back') : null;
      focusInside(back, false);
    }
  };

  const handlers = {
    close: () => api.close(),
    pin: () => {
      if (!session) return;
      session.pinned = !session.pinned;
      paint();
    },
    back: () =>
      session && session.history.length > 1 && swapTo(session.history.slice(0, -1), false),
    related: (id: string) => session && entities.has(id) && swapTo([...session.history, id], true),
    cite: (n: number) => {
      if (!session) return;
      session.sourcesOpen = true;
      paint();
      const li = host!.root.getElementById(sourceId(n));
      li?.scrollIntoView({ block: 'nearest' });
      li?.focus({ preventScroll: true });
    },
    sourcesToggled: (open: boolean) => {
      if (session) session.sourcesOpen = open;
    },
    copy: async (format: CopyFormat) => {
      const entity = shown();
      if (!session || !entity) return;
      const ok = await writeClipboard(copyText(entity, dataset, format));
      if (!session) return;
      session.status = t(ok ? 'cardCopied' : 'cardCopyFailed');
      paint();
      announce(session.status);
    },
    openEntry: () => {
      const entity = shown();
      if (entity) void sendToBackground('card/open-entry', { entityId: entity.id });
    },
    hide: async () => {
      if (!session) return;
      const entity = entities.get(session.history[0]!);
      if (!entity) return;
      const site = location.hostname;
      announce(t('cardHidden', [entity.name, site]));
      const { settings } = await loadSettings();
      const ids = new Set(settings.hidden[site] ?? []);
      ids.add(entity.id);
      api.close();
      // The page layer restarts on every settings change, so the marks go without a reload.
      await saveSettings({ hidden: { ...settings.hidden, [site]: [...ids] } });
    },
  };

  const api: CardApi = {
    open(req) {
      const entity = entities.get(req.entityId);
      if (!entity) return;
      const h = ensureHost();
      const previous = session;
      const keepFocus = hasFocus();
      clearTimeout(closeTimer);
      tracking?.stop();
      session = {
        req,
        history: [req.entityId],
        pinned: false,
        sourcesOpen: false,
        animate: !previous,
        keyboard: false,
      };
      if (previous && previous.req !== req) previous.req.onClose?.();
      h.show();
      paint();
      const card = cardEl();
      if (!card) return;
      card.scrollTop = 0;
      // A new card stays transparent until it is placed: no flash in the corner of the window.
      // (Transparent, not hidden: focus can move into it straight away.)
      if (!previous) card.style.opacity = '0';
      tracking = track(card, req, {
        // A mention scrolled out of view hides a hover card (it would point at nothing).
        hidden: (hidden) => {
          card.style.opacity = '';
          card.style.visibility = hidden && !api.sticky() ? 'hidden' : '';
        },
        lost: () => api.close(),
      });
      announceEntry(entity, req.position);
      if (req.focus || keepFocus) focusInside(null, !keepFocus);
    },
    scheduleClose(afterMs = GRACE_MS) {
      if (!session || api.sticky() || pointerInside) return;
      clearTimeout(closeTimer);
      closeTimer = window.setTimeout(() => api.close(), afterMs);
    },
    cancelClose() {
      clearTimeout(closeTimer);
    },
    close() {
      const s = session;
      clearTimeout(closeTimer);
      if (!s || !host) return;
      const hadFocus = hasFocus();
      session = undefined;
      tracking?.stop();
      tracking = undefined;
      pointerInside = false;
      render(null, host.mount);
      const back = returnFocus;
      returnFocus = undefined;
      if (hadFocus && back?.isConnected) back.focus();
      s.req.onClose?.();
    },
    focus() {
      focusInside();
    },
    isOpen: () => !!session,
    current: () => session?.req.entityId,
    sticky: () =>
      !!session && (session.pinned || session.keyboard || session.req.openedBy !== 'hover'),
    pinned: () => !!session?.pinned,
    hasFocus,
    contains: (e) => !!host && e.composedPath().includes(host.host),
    rect: () => (session ? cardEl()?.getBoundingClientRect() : undefined),
    announce,
    state(): CardState | undefined {
      const card = cardEl();
      const s = session;
      if (!s || !card || !host) return undefined;
      const r = card.getBoundingClientRect();
      const box = (b: DOMRect) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
      const nameOf = (el: Element) =>
        (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
      const port = (card.querySelector('.body') ?? card).getBoundingClientRect();
      const inView = (b: DOMRect) =>
        b.top >= Math.max(port.top, r.top) - 0.5 &&
        b.bottom <= Math.min(port.bottom, r.bottom) + 0.5;
      const controls: CardControl[] = [
        ...card.querySelectorAll<HTMLElement>('button, a[href], summary'),
      ]
        .filter(isVisible)
        .map((el) => {
          const b = el.getBoundingClientRect();
          const c: CardControl = {
            role: el.tagName === 'A' ? 'link' : 'button',
            name: nameOf(el),
            rect: box(b),
            inView: !card.querySelector('.body')?.contains(el) || inView(b),
          };
          if (el instanceof HTMLAnchorElement) {
            c.href = el.href;
            c.target = el.target;
            c.rel = el.rel;
          }
          if (el.tagName === 'SUMMARY') c.expanded = (el.parentElement as HTMLDetailsElement).open;
          const pressed = el.getAttribute('aria-pressed');
          if (pressed) c.pressed = pressed === 'true';
          return c;
        });
      const active = host.root.activeElement;
      const dark =
        s.req.theme === 'dark' ||
        (s.req.theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
      return {
        entityId: s.history.at(-1)!,
        rootEntityId: s.history[0]!,
        text: card.innerText,
        rect: box(r),
        openedBy: s.req.openedBy,
        pinned: s.pinned,
        theme: dark ? 'dark' : 'light',
        animated: getComputedStyle(card).animationName !== 'none',
        dir: card.dir,
        placement: tracking?.placement ?? '',
        focused: !active ? null : active === card ? 'dialog' : nameOf(active),
        role: card.getAttribute('role'),
        labelledBy: card.getAttribute('aria-labelledby'),
        announcement,
        controls,
      };
    },
  };
  return api;
}
