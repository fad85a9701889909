// The author's view switch: lays the exhibit out at a kiosk's size (1920x1080,
// portrait 1080x1920, a 1280x800 classroom projector) in the author's own
// window. The page's body becomes a fixed-size frame, scaled down to fit
// and centred; the app's overlays size in container units of the body, so
// they lay out as on that screen. Styles go through the CSSOM: the page's
// Content-Security-Policy allows no style attribute.

export interface ViewSize {
  id: string;
  width: number;
  height: number;
}

/** `window` is the author's window as it is; the others are the screens the exhibit runs on. */
export const VIEW_SIZES: readonly ViewSize[] = [
  { id: 'window', width: 0, height: 0 },
  { id: 'kiosk', width: 1920, height: 1080 },
  { id: 'portrait', width: 1080, height: 1920 },
  { id: 'projector', width: 1280, height: 800 },
];

const FRAME_PROPERTIES = ['width', 'height', 'transform', 'transform-origin', 'outline'] as const;

/** How far to scale a width x height frame down to fit the window, and where its top-left goes. */
export function fitFrame(size: { width: number; height: number }, window: { width: number; height: number }): { scale: number; x: number; y: number } {
  const scale = Math.min(1, window.width / size.width, window.height / size.height);
  return { scale, x: Math.max(0, (window.width - size.width * scale) / 2), y: Math.max(0, (window.height - size.height * scale) / 2) };
}

export class AuthorFrame {
  private size: ViewSize = VIEW_SIZES[0]!;
  private readonly onResize = (): void => this.apply();

  get current(): ViewSize {
    return this.size;
  }

  /** Shows the exhibit at `id` (one of VIEW_SIZES), or fills the window again. */
  use(id: string): void {
    const size = VIEW_SIZES.find((s) => s.id === id) ?? VIEW_SIZES[0]!;
    if (size.width && !this.size.width) window.addEventListener('resize', this.onResize);
    if (!size.width && this.size.width) window.removeEventListener('resize', this.onResize);
    this.size = size;
    this.apply();
  }

  /** Back to the window, listener released (the app left the page). */
  release(): void {
    this.use('window');
  }

  private apply(): void {
    const style = document.body.style;
    if (!this.size.width) {
      for (const name of FRAME_PROPERTIES) style.removeProperty(name);
      return;
    }
    const { scale, x, y } = fitFrame(this.size, { width: window.innerWidth, height: window.innerHeight });
    style.setProperty('width', `${this.size.width}px`);
    style.setProperty('height', `${this.size.height}px`);
    style.setProperty('transform-origin', '0 0');
    style.setProperty('transform', `translate(${x}px, ${y}px) scale(${scale})`);
    // The frame's edge, so the author sees where the screen ends.
    style.setProperty('outline', `${Math.ceil(1 / scale)}px solid rgba(232, 201, 135, 0.5)`);
  }
}
