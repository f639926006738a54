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
 * explicit open. Escape closes the innermost thing open (the actions menu, then the evidence
 * legend, then the card) and closing returns focus to where it was before it moved into the card.
 *
 * "Hide this term on this site" saves at once (the page layer restarts and the marks go) and
 * leaves a *notice* in the card's place with Undo, for `NOTICE_MS` (longer while the pointer or
 * focus is on it); a new card replaces it.
 *
 * "Since this article": when a card opens, the page's publication date is read (once per page,
 * `article-date.ts`; an SPA navigation forgets it) and the entry's developments since that date
 * (`shared/since.ts`) go into the card. "Report a problem" replaces the card's body with its form
 * and keeps the card open (sticky) until it is closed, so a report being written is never lost
 * to the pointer leaving.
 *
 * Owns: the session, the notice, focus management, the live region's text, the page's date.
 * Never: decides which mention is hovered (page layer), stores anything but the "hide on this
 * site" setting, or uses the network (a prefilled report opens only from the reader's click on
 * its link).
 */
import { render } from 'preact';
import { browser } from '../shared/browser.ts';
import type { Entity, StampedDataset } from '../dataset/schema.ts';
import type { CardApi, CardControl, CardRequest, CardState } from '../shared/card-bridge.ts';
import { t } from '../shared/i18n.ts';
import { sendToBackground } from '../shared/messages.ts';
import { updateSettings } from '../shared/settings-store.ts';
import { Card, MENU_ID, REPORT_ID, sourceId } from './Card.tsx';
import { CARD_CSS } from './card.css.ts';
import { writeClipboard } from './clipboard.ts';
import { copyText, type CopyFormat, type CopyScope } from './copy.ts';
import { kindLabel } from '../shared/labels.ts';
import { REPORT_TO } from '../shared/report-to.ts';
import { sinceArticle, type SinceArticle } from '../shared/since.ts';
import { articleDate, forgetArticleDate } from './article-date.ts';
import { createHost, type CardHost } from './host.ts';
import { Notice } from './Notice.tsx';
import { track, type Tracking } from './position.ts';

export const GRACE_MS = 300;
/** How long the confirmation after hiding a term stays, unless the pointer or focus is on it. */
export const NOTICE_MS = 10_000;
/** How long "marked again" stays after Undo. */
const UNDONE_MS = 3000;

interface Session {
  req: CardRequest;
  /** Entries shown, the first being the mention's; the last is on screen. */
  history: string[];
  pinned: boolean;
  /** More is open. */
  expanded: boolean;
  /** The evidence legend is open under this fact (index in the entity's facts). */
  legendAt?: number;
  /** The footer's menu of other actions is open. */
  menuOpen: boolean;
  /** "Report a problem" is open in the body's place. */
  report?: { fact?: number };
  sourcesOpen: boolean;
  status?: string;
  animate: boolean;
  /** Focus was moved in from the keyboard (Enter, a shortcut): the card stays until Escape. */
  keyboard: boolean;
}

/** The confirmation after hiding a term (see `Notice.tsx`). */
interface HiddenNotice {
  entity: Entity;
  site: string;
  undone: boolean;
  theme: CardRequest['theme'];
  at: { x: number; y: number };
}

const FOCUSABLE = 'button, a[href], summary, select, textarea, input, [tabindex="0"]';
/** The report form's fields: keys typed there are the reader's, not the page's shortcuts. */
const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

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

/** The open report as the reader would send it: its text, and the prefilled link if any. */
function reportState(card: HTMLElement): { text: string; url?: string } {
  const text = card.querySelector('.report-text')?.textContent ?? '';
  const link = card.querySelector<HTMLAnchorElement>('.report-actions a[href]');
  return link ? { text, url: link.href } : { text };
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
  let notice: HiddenNotice | undefined;
  let noticeTimer = 0;
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
  /** What happened since the article, for an entry: the page's date is read on first use. */
  let since: { key: string; byEntity: Map<string, SinceArticle | undefined> } | undefined;
  const sinceFor = (id: string): SinceArticle | undefined => {
    const key = location.href.split('#')[0]!;
    if (since?.key !== key) since = { key, byEntity: new Map() };
    if (!since.byEntity.has(id)) {
      const date = articleDate(document, location.href).published?.date;
      since.byEntity.set(id, date ? sinceArticle(dataset, id, date) : undefined);
    }
    return since.byEntity.get(id);
  };

  const ensureHost = (): CardHost => {
    if (host) return host;
    const h = createHost(CARD_CSS);
    hostBorn = performance.now();
    h.host.addEventListener('pointerenter', () => {
      pointerInside = true;
      api.cancelClose();
      if (notice) clearTimeout(noticeTimer);
    });
    h.host.addEventListener('pointerleave', (e) => {
      pointerInside = false;
      if (e.pointerType !== 'touch') api.scheduleClose();
      if (notice) timeNotice();
    });
    h.root.addEventListener('keydown', (e) => onKey(e as KeyboardEvent));
    // Typing in the report form must not reach the page's own key handlers (a news site's "j"
    // for next story); the card's own keys (Escape, Tab) were handled just above.
    for (const type of ['keydown', 'keyup', 'keypress'])
      h.root.addEventListener(type, (e) => {
        const target = e.composedPath()[0];
        if (target instanceof HTMLElement && FIELDS.has(target.tagName)) e.stopPropagation();
      });
    // A press anywhere in the card but the menu and its button closes the menu.
    h.root.addEventListener('pointerdown', (e) => {
      if (!session?.menuOpen) return;
      const path = e.composedPath();
      const inMenu = path.some(
        (n) =>
          n instanceof HTMLElement &&
          (n.id === MENU_ID || n.getAttribute('aria-controls') === MENU_ID),
      );
      if (!inMenu) {
        session.menuOpen = false;
        paint();
      }
    });
    host = h;
    return h;
  };

  /** Closes the innermost open part (report, menu, then legend); false when none was open. */
  const closeInner = (): boolean => {
    const s = session;
    if (!s) return false;
    if (s.report) {
      handlers.report(false);
      return true;
    }
    const inner = s.menuOpen
      ? host!.root.querySelector<HTMLElement>(`[aria-controls="${MENU_ID}"]`)
      : s.legendAt !== undefined
        ? host!.root.querySelector<HTMLElement>('.chip[aria-expanded="true"]')
        : null;
    if (!inner) return false;
    if (s.menuOpen) s.menuOpen = false;
    else s.legendAt = undefined;
    paint();
    if (hasFocus()) inner.focus();
    return true;
  };

  const onKey = (e: KeyboardEvent) => {
    if (!session && !notice) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (session) {
        if (!closeInner()) api.close();
      } else dismissNotice(true);
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

  const announceEntry = (entity: Entity, req?: CardRequest) => {
    let text = t('announceOpen', [entity.name, kindLabel(entity.kind)]);
    const position = req?.position;
    if (position) {
      const where = [String(position.index), String(position.total)];
      // Say what Enter does now: the card is already open, and focus may already be in it.
      text += ` ${t(req.focus ? 'announcePositionFocused' : 'announcePosition', where)}`;
    }
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
        expanded={s.expanded}
        since={sinceFor(entity.id)}
        report={s.report}
        page={location.href}
        reportTo={REPORT_TO}
        legendAt={s.legendAt}
        menuOpen={s.menuOpen}
        sourcesOpen={s.sourcesOpen}
        status={s.status}
        animate={s.animate}
        on={handlers}
      />,
      h.mount,
    );
  };

  // ---------------------------------------------------------------- the notice after hiding
  const paintNotice = () => {
    const h = host;
    const n = notice;
    if (!h || !n) return;
    render(
      <Notice
        theme={n.theme}
        dir={dir}
        name={n.entity.name}
        site={n.site}
        undone={n.undone}
        at={n.at}
        on={{ undo: () => void undo(), dismiss: () => dismissNotice(true) }}
      />,
      h.mount,
    );
  };

  /** Dismisses the notice later, but never from under the pointer or keyboard focus. */
  const timeNotice = (ms = notice?.undone ? UNDONE_MS : NOTICE_MS) => {
    clearTimeout(noticeTimer);
    noticeTimer = window.setTimeout(() => {
      if (pointerInside || hasFocus()) timeNotice();
      else dismissNotice(false);
    }, ms);
  };

  const dismissNotice = (restoreFocus: boolean) => {
    if (!notice || !host) return;
    clearTimeout(noticeTimer);
    const hadFocus = hasFocus();
    notice = undefined;
    render(null, host.mount);
    const back = returnFocus;
    returnFocus = undefined;
    if (restoreFocus && hadFocus && back?.isConnected) back.focus();
  };

  const setHidden = (site: string, id: string, hidden: boolean) =>
    updateSettings('hidden', (all) => {
      const ids = new Set(all[site] ?? []);
      if (hidden) ids.add(id);
      else ids.delete(id);
      const next = { ...all, [site]: [...ids] };
      if (ids.size === 0) delete next[site];
      return next;
    });

  const undo = async () => {
    const n = notice;
    if (!n || n.undone) return;
    const hadFocus = hasFocus();
    n.undone = true;
    paintNotice();
    if (hadFocus) host!.root.querySelector<HTMLElement>('.dismiss')?.focus();
    announce(t('cardShownAgain', [n.entity.name, n.site]));
    timeNotice();
    // The page layer restarts on every settings change, so the marks come back without a reload.
    await setHidden(n.site, n.entity.id, false);
  };

  const swapTo = (history: string[], focusBack: boolean) => {
    const s = session;
    if (!s) return;
    const hadFocus = hasFocus();
    s.history = history;
    s.sourcesOpen = false;
    s.expanded = false;
    s.legendAt = undefined;
    s.menuOpen = false;
    s.report = undefined;
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
      if (!session || session.sourcesOpen === open) return;
      session.sourcesOpen = open;
      paint(); // the list is rendered only while open
    },
    more: (open: boolean) => {
      if (!session) return;
      session.expanded = open;
      paint();
      // What More added starts at the top of the visible body, right under its button.
      const body = cardEl()?.querySelector<HTMLElement>('.body');
      const button = body?.querySelector<HTMLElement>('.more-button');
      if (open && body && button) {
        const top = button.getBoundingClientRect().top - body.getBoundingClientRect().top;
        body.scrollTo({ top: body.scrollTop + top - 4 });
      }
    },
    legend: (at: number | undefined) => {
      if (!session) return;
      session.legendAt = at;
      paint();
    },
    menu: (open: boolean) => {
      if (!session) return;
      session.menuOpen = open;
      paint();
    },
    copy: async (format: CopyFormat, scope: CopyScope) => {
      const entity = shown();
      if (!session || !entity) return;
      session.menuOpen = false;
      const ok = await writeClipboard(copyText(entity, dataset, format, scope));
      if (!session) return;
      session.status = t(ok ? 'cardCopied' : 'cardCopyFailed');
      paint();
      announce(session.status);
    },
    openEntry: () => {
      const entity = shown();
      if (entity) void sendToBackground('card/open-entry', { entityId: entity.id });
    },
    timeline: (from: string) => void sendToBackground('glossary/open', { view: 'timeline', from }),
    changes: () => void sendToBackground('glossary/open', { view: 'changes' }),
    report: (open: boolean) => {
      const s = session;
      if (!s) return;
      const hadFocus = hasFocus();
      s.menuOpen = false;
      s.status = undefined;
      s.report = open ? {} : undefined;
      paint();
      const body = cardEl()?.querySelector<HTMLElement>('.body');
      body?.scrollTo({ top: 0 });
      // Into the form's first field; back to the actions when it closes.
      const target = open
        ? host!.root.getElementById(`${REPORT_ID}-what`)
        : host!.root.querySelector<HTMLElement>('.actions-more');
      if (open || hadFocus) focusInside(target, !hadFocus);
    },
    copyReport: async (text: string) => {
      const ok = await writeClipboard(text);
      if (session) announce(t(ok ? 'reportCopied' : 'cardCopyFailed'));
      return ok;
    },
    hide: async () => {
      const s = session;
      if (!s) return;
      const entity = entities.get(s.history[0]!);
      if (!entity) return;
      const site = location.hostname;
      const hadFocus = hasFocus();
      const r = cardEl()?.getBoundingClientRect();
      const back = returnFocus;
      announce(t('cardHidden', [entity.name, site]));
      const inside = pointerInside;
      api.close();
      pointerInside = inside; // the notice appears under a pointer that was over the card
      notice = {
        entity,
        site,
        undone: false,
        theme: s.req.theme,
        at: { x: Math.round(r?.x ?? 8), y: Math.round(r?.y ?? 8) },
      };
      ensureHost().show();
      paintNotice();
      // Keyboard users land on Undo; Escape or Dismiss then returns them where they were.
      if (hadFocus) {
        returnFocus = back;
        host!.root.querySelector<HTMLElement>('.undo')?.focus({ preventScroll: true });
      }
      timeNotice();
      // The page layer restarts on every settings change, so the marks go without a reload.
      await setHidden(site, entity.id, true);
    },
  };

  const api: CardApi = {
    open(req) {
      const entity = entities.get(req.entityId);
      if (!entity) return;
      const h = ensureHost();
      const previous = session;
      const keepFocus = hasFocus() && !notice;
      clearTimeout(closeTimer);
      clearTimeout(noticeTimer);
      notice = undefined;
      tracking?.stop();
      session = {
        req,
        history: [req.entityId],
        pinned: false,
        expanded: false,
        menuOpen: false,
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
      announceEntry(entity, req);
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
      !!session &&
      (session.pinned || session.keyboard || !!session.report || session.req.openedBy !== 'hover'),
    pinned: () => !!session?.pinned,
    hasFocus,
    contains: (e) => !!host && e.composedPath().includes(host.host),
    rect: () => (session ? cardEl()?.getBoundingClientRect() : undefined),
    announce,
    articleDate: () => articleDate(document, location.href),
    navigated() {
      forgetArticleDate();
      since = undefined;
    },
    state(): CardState | undefined {
      const card = cardEl();
      const s = session;
      if ((!s && !notice) || !card || !host) return undefined;
      const r = card.getBoundingClientRect();
      const box = (b: DOMRect) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
      const nameOf = (el: Element) =>
        (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
      const body = card.querySelector('.body');
      const port = (body ?? card).getBoundingClientRect();
      const inView = (b: DOMRect) =>
        b.top >= Math.max(port.top, r.top) - 0.5 &&
        b.bottom <= Math.min(port.bottom, r.bottom) + 0.5;
      /** A form field's name: its label's text. */
      const fieldName = (el: HTMLElement) =>
        ((el as HTMLInputElement).labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const roleOf = (el: HTMLElement): CardControl['role'] =>
        el.tagName === 'A'
          ? 'link'
          : el.tagName === 'TEXTAREA'
            ? 'textbox'
            : el.tagName === 'SELECT'
              ? 'combobox'
              : el.tagName === 'INPUT'
                ? 'checkbox'
                : 'button';
      const controls: CardControl[] = [
        ...card.querySelectorAll<HTMLElement>('button, a[href], summary, select, textarea, input'),
      ]
        .filter(isVisible)
        .map((el) => {
          const b = el.getBoundingClientRect();
          const role = roleOf(el);
          const c: CardControl = {
            role,
            name: role === 'button' || role === 'link' ? nameOf(el) : fieldName(el),
            rect: box(b),
            inView: !body?.contains(el) || inView(b),
          };
          if (el instanceof HTMLAnchorElement) {
            c.href = el.href;
            c.target = el.target;
            c.rel = el.rel;
          }
          if (el.tagName === 'SUMMARY') c.expanded = (el.parentElement as HTMLDetailsElement).open;
          const expanded = el.getAttribute('aria-expanded');
          if (expanded) c.expanded = expanded === 'true';
          const pressed = el.getAttribute('aria-pressed');
          if (pressed) c.pressed = pressed === 'true';
          if (el instanceof HTMLInputElement) c.checked = el.checked;
          return c;
        });
      const active = host.root.activeElement;
      const theme = s?.req.theme ?? notice!.theme;
      const dark =
        theme === 'dark' ||
        (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
      return {
        entityId: s ? s.history.at(-1)! : notice!.entity.id,
        rootEntityId: s ? s.history[0]! : notice!.entity.id,
        text: card.innerText,
        rect: box(r),
        openedBy: s?.req.openedBy ?? 'hover',
        pinned: !!s?.pinned,
        theme: dark ? 'dark' : 'light',
        animated: getComputedStyle(card).animationName !== 'none',
        dir: card.dir,
        placement: s ? (tracking?.placement ?? '') : '',
        focused: !active
          ? null
          : active === card
            ? 'dialog'
            : FIELDS.has(active.tagName)
              ? fieldName(active as HTMLElement)
              : nameOf(active),
        role: card.getAttribute('role'),
        labelledBy: card.getAttribute('aria-labelledby'),
        announcement,
        controls,
        ...(s ? {} : { notice: true }),
        ...(s?.report ? { report: reportState(card) } : {}),
        ...(body ? { scrolls: body.scrollHeight > body.clientHeight + 1 } : {}),
      };
    },
  };
  return api;
}
