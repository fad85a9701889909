// <pack-picture>: one of the pack's pictures with its credit under it. Its box
// is laid out from the manifest's width and height before anything loads, so
// nothing moves when it arrives; the picture is decoded (img.decode(), off the
// main thread) before it is swapped in, so showing it never stalls a frame of
// the map. A picture that does not load or decode is simply not there: no
// broken-image icon, no credit for nothing, the rest of the panel as it was.
// Given less height than its box (the info panel's text comes first), the
// picture shrinks, whole, never cropped; with too little room for a picture
// worth seeing it steps aside (the `cramped` attribute) until the next change.

import { css, html } from 'lit';
import type { PackImage } from '../../content/schema/pack-types.js';
import { pick } from '../i18n/kiosk-strings.js';
import { packFileUrl } from '../media/pack-media.js';
import { cssomStyle } from './cssom-style.js';
import { intentEvent } from './intent-event.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export type PictureState = 'loading' | 'shown' | 'failed';

/** Below this height, in em, a picture is too small to be worth its place. */
const CRAMPED_EM = 5;

export class PackPicture extends PackElement {
  static override properties = {
    image: { attribute: false },
    large: { type: Boolean, reflect: true },
    state: { reflect: true },
  };

  declare image: PackImage | null;
  declare large: boolean;
  /** Reflected for tests and styles: `loading`, `shown` or `failed`. */
  declare state: PictureState;

  /** The decoded picture on screen, and the one being decoded to replace it. */
  private shown: HTMLImageElement | null = null;
  private pending: HTMLImageElement | null = null;
  private loadedUrl: string | null = null;
  private readonly sizes = new ResizeObserver(() => this.measure());

  constructor() {
    super();
    this.image = null;
    this.large = false;
    this.state = 'loading';
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
      }
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        overflow: hidden;
      }
      :host([state='failed']),
      :host([cramped]) {
        display: none;
      }
      figure {
        display: flex;
        flex-direction: column;
        min-height: 0;
        margin: 0;
      }
      .frame {
        flex: 0 1 auto;
        min-height: 0;
        width: 100%;
        max-height: var(--picture-max-height, 30cqh);
        border-radius: 0.2em;
        overflow: hidden;
        /* A calm shape where the picture will be, the size it will have. */
        background: rgba(232, 201, 135, 0.08);
      }
      :host([state='shown']) .frame {
        background: none;
      }
      img {
        display: block;
        width: 100%;
        height: 100%;
        /* Never cropped: a picture whose declared shape is off is shown whole. */
        object-fit: contain;
      }
      figcaption {
        flex: none;
        margin: 0.3em 0 0.6em;
        font-size: calc(var(--fs-small, 20px) * 0.9);
        line-height: 1.3;
        color: var(--ink-muted, #d3dde2);
      }
    `,
  ];

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // What is around it may have changed as well: measured afresh.
    if (changed.has('image') || changed.has('language') || changed.has('large') || changed.has('pack')) this.removeAttribute('cramped');
    const url = this.pack && this.image ? packFileUrl(this.pack, this.image.file) : null;
    if (url !== this.loadedUrl) this.load(url);
    if (this.shown && this.image) this.shown.alt = pick(this.image.alt, this.language, this.pack?.languages[0]);
  }

  override updated(): void {
    const frame = this.renderRoot.querySelector('.frame');
    this.sizes.disconnect();
    if (frame) this.sizes.observe(frame);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sizes.disconnect();
    this.load(null);
  }

  private measure(): void {
    const frame = this.renderRoot.querySelector('.frame');
    if (!frame || this.hasAttribute('cramped')) return;
    const height = frame.getBoundingClientRect().height;
    if (height < CRAMPED_EM * parseFloat(getComputedStyle(this).fontSize)) this.setAttribute('cramped', '');
  }

  private load(url: string | null): void {
    this.loadedUrl = url;
    if (this.pending) this.pending.src = '';
    this.pending = null;
    this.shown = null;
    if (!url) {
      this.state = 'failed';
      return;
    }
    this.state = 'loading';
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    this.pending = img;
    img.decode().then(
      () => {
        if (this.pending !== img) return;
        this.pending = null;
        this.shown = img;
        this.state = 'shown';
      },
      () => {
        if (this.pending !== img) return;
        this.pending = null;
        this.state = 'failed';
      },
    );
  }

  protected renderSafely() {
    const { image, pack, language } = this;
    if (!image || !pack || this.state === 'failed') return html``;
    const img = this.shown;
    if (img) {
      img.width = image.width;
      img.height = image.height;
    }
    return html`
      <figure>
        <div class="frame" ${cssomStyle({ 'aspect-ratio': `${image.width} / ${image.height}` })} @click=${() => this.dispatchEvent(intentEvent({ kind: 'picture' }))}>
          ${img ?? ''}
        </div>
        <figcaption data-testid="picture-credit">${pick(image.credit, language, pack.languages[0])}</figcaption>
      </figure>
    `;
  }
}

customElements.define('pack-picture', PackPicture);

declare global {
  interface HTMLElementTagNameMap {
    'pack-picture': PackPicture;
  }
}
