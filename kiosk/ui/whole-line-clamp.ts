// Cuts a box of text after its last whole line, with a fade over that line,
// when it has less height than its text: a kiosk cannot scroll, and a line
// cut through its letters reads as a fault. The box is given its room by the
// layout (flex, min-height 0); this finds the lowest line bottom inside that
// room that no line straddles and sets max-height to it. Lines are read from
// the text nodes' own boxes (Range.getClientRects), so paragraphs, lists and
// smaller print all count. Measured afresh whenever the host or the box
// changes size, and after every render; released on disconnect.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The attribute set on the box while it is cut: the styles draw the fade with it. */
export const CLAMPED = 'clamped';

/** The lowest line bottom at most `room` below `top` that cuts through no line; `room` itself when everything fits. */
export function wholeLineCut(lines: readonly { top: number; bottom: number }[], top: number, room: number): number {
  const bottom = top + room;
  if (lines.every((l) => l.bottom <= bottom + 0.5)) return room;
  let best = 0;
  for (const line of lines) {
    const cut = line.bottom;
    if (cut > bottom + 0.5 || cut - top <= best) continue;
    if (lines.some((l) => l.top < cut - 0.5 && l.bottom > cut + 0.5)) continue;
    best = cut - top;
  }
  return best;
}

export class WholeLineClamp implements ReactiveController {
  private readonly sizes = new ResizeObserver(() => this.measure());
  private box: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly selector: string,
    /** Whether the box is clamped at all now (off: it keeps all its height). */
    private readonly active: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sizes.observe(this.host);
  }

  hostUpdated(): void {
    const box = this.host.shadowRoot?.querySelector<HTMLElement>(this.selector) ?? null;
    if (box !== this.box) {
      if (this.box) this.sizes.unobserve(this.box);
      this.box = box;
      if (box) this.sizes.observe(box);
    }
    this.measure();
  }

  hostDisconnected(): void {
    this.sizes.disconnect();
    this.box = null;
  }

  private measure(): void {
    const box = this.box;
    if (!box) return;
    box.style.removeProperty('max-height');
    box.removeAttribute(CLAMPED);
    if (!this.active()) return;
    // The room the layout gives the box, against the height of all its text.
    const room = box.clientHeight;
    if (box.scrollHeight <= room + 1) return;
    // Each text node's line fragments (an element's own box would span many lines).
    const lines: DOMRect[] = [];
    const range = document.createRange();
    const texts = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.height > 0) lines.push(rect);
    }
    const cut = wholeLineCut(lines, box.getBoundingClientRect().top, room);
    box.style.setProperty('max-height', `${Math.ceil(cut)}px`);
    box.setAttribute(CLAMPED, '');
  }
}
