// Shrinks a label's type, a little at a time, until its longest word fits the
// box it was given. The panel hints give each label the room between its
// control and the next; a long word in a wide font ("Cronología", "Language"
// in Noto Sans) would otherwise run into its neighbour. The scale goes on a
// CSS custom property (`--fit`) through the CSSOM: the CSP blocks style
// attributes.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

const STEP = 0.05;

export class FitText implements ReactiveController {
  private observer: ResizeObserver | null = null;

  /**
   * @param selector the labels to fit, inside the host's shadow root; each is
   *   fitted to its parent element's width.
   * @param min the smallest scale, as a fraction of the label's own size.
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly selector: string,
    private readonly min = 0.7,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  hostUpdated(): void {
    this.fit();
  }

  /** Fits every label now; returns how many had to shrink. */
  fit(): number {
    let shrunk = 0;
    for (const label of this.host.shadowRoot?.querySelectorAll<HTMLElement>(this.selector) ?? []) {
      const box = label.parentElement;
      if (!box || label.offsetParent === null) continue;
      let scale = 1;
      label.style.setProperty('--fit', '1');
      while (label.scrollWidth > box.clientWidth + 0.5 && scale - STEP >= this.min - 1e-9) {
        scale -= STEP;
        label.style.setProperty('--fit', scale.toFixed(2));
      }
      if (scale < 1) shrunk++;
    }
    return shrunk;
  }
}
