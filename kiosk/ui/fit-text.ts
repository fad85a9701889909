// Shrinks a label's type, a little at a time, until its longest word fits the
// box it was given. The panel hints give each label the room between its
// control and the next; a long word in a wide font ("Cronología", "Language"
// in Noto Sans) would otherwise run into its neighbour. The scale goes on a
// CSS custom property (`--fit`) through the CSSOM: the CSP blocks style
// attributes. A host updates on every knob turn, and each fitting step
// forces a layout: the fitting waits for the next animation frame (before it
// is painted, after all of that frame's updates), and leaves alone a label
// whose text, box and type size are as when it was last fitted.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

const STEP = 0.05;

export class FitText implements ReactiveController {
  private observer: ResizeObserver | null = null;
  private frame = 0;
  /** Per label, as it was left: its text, its box's width and its type size after fitting, and its scale. */
  private readonly fitted = new WeakMap<HTMLElement, { key: string; scale: number }>();

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
    this.observer = new ResizeObserver(() => this.fit(true));
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  hostUpdated(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.fit();
    });
  }

  /**
   * Fits every label now (`force`: even those unchanged since their last
   * fit); returns how many are shrunk. The labels are measured together and
   * written together, so a fit costs a few layouts, not a few per label: each
   * round shrinks every label still too wide, in proportion to its overflow
   * and to the step below, until it fits or reaches the smallest scale.
   */
  fit(force = false): number {
    const key = (label: HTMLElement): string => `${label.textContent}|${label.parentElement!.clientWidth}|${getComputedStyle(label).fontSize}`;
    const labels = [...(this.host.shadowRoot?.querySelectorAll<HTMLElement>(this.selector) ?? [])].filter((l) => l.parentElement && l.offsetParent !== null);
    const todo = force ? labels : labels.filter((l) => this.fitted.get(l)?.key !== key(l));
    const scales = new Map(todo.map((l) => [l, 1]));
    for (const label of todo) label.style.setProperty('--fit', '1');
    let pending = todo;
    while (pending.length > 0) {
      // Read every width, then write every scale.
      const over = pending
        .map((label) => ({ label, width: label.scrollWidth, room: label.parentElement!.clientWidth }))
        .filter(({ label, width, room }) => width > room + 0.5 && scales.get(label)! - STEP >= this.min - 1e-9);
      for (const { label, width, room } of over) {
        const scale = scales.get(label)!;
        // Type shrinks its width in proportion; the grid of steps keeps the old scales.
        const guess = Math.floor(((scale * room) / width) / STEP + 1e-6) * STEP;
        const next = Math.max(this.min, Math.min(scale - STEP, guess));
        scales.set(label, next);
        label.style.setProperty('--fit', next.toFixed(2));
      }
      pending = over.map(({ label }) => label);
    }
    for (const label of todo) this.fitted.set(label, { key: key(label), scale: scales.get(label)! });
    return labels.filter((l) => (this.fitted.get(l)?.scale ?? 1) < 1).length;
  }
}
