// Tells the map which parts of the screen the overlays cover, so it can keep
// labels clear of them and put the scenario's focus in the free space. Measures
// after each render and on resize, at most once per animation frame.

export interface OverlayRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** An overlay's box with the element's tag name (`scenario-card`). */
export interface NamedRect extends OverlayRect {
  name: string;
}

export class OverlayTracker {
  private frame = 0;
  private readonly resizeObserver: ResizeObserver;
  private last = '';

  constructor(
    private readonly layer: () => Element | null,
    private readonly canvas: HTMLCanvasElement,
    private readonly onChange: (rects: OverlayRect[]) => void,
  ) {
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    this.resizeObserver.observe(canvas);
  }

  /** Measures at the next animation frame (after the overlays have rendered). */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.measure();
    });
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resizeObserver.disconnect();
  }

  private measure(): void {
    const layer = this.layer();
    if (!layer) return;
    const rects = coveringRects(layer, this.canvas);
    const key = rects.map((r) => `${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.width)},${Math.round(r.height)}`).join(';');
    if (key === this.last) return;
    this.last = key;
    this.onChange(rects);
  }
}

/**
 * The boxes the overlays in `layer` cover, in the canvas's CSS pixels (as the
 * map lays out), also when the page is drawn scaled (the author's view frame).
 */
export function coveringRects(layer: Element, canvas: HTMLCanvasElement): NamedRect[] {
  const origin = canvas.getBoundingClientRect();
  const scale = canvas.clientWidth > 0 ? origin.width / canvas.clientWidth : 1;
  const rects: NamedRect[] = [];
  const collect = (element: Element): void => {
    for (const child of Array.from(element.children)) {
      const box = child.getBoundingClientRect();
      // Plain wrappers only place things: what covers the map is the elements they hold.
      if (!child.tagName.includes('-')) collect(child);
      else if (box.width > 0 && box.height > 0) {
        rects.push({ name: child.localName, left: (box.left - origin.left) / scale, top: (box.top - origin.top) / scale, width: box.width / scale, height: box.height / scale });
      }
    }
  };
  collect(layer);
  return rects;
}
