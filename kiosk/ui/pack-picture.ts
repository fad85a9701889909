// <pack-picture>: one of the pack's pictures with its credit under it. Its box
// is laid out from the manifest's width and height before anything loads, so
// nothing moves when it arrives; the picture is decoded (img.decode(), off the
// main thread) before it is swapped in, so showing it never stalls a frame of
// the map. A picture that does not load or decode is simply not there: no
// broken-image icon, no credit for nothing, the rest of the panel as it was.

import { css, html } from 'lit';
import type { PackImage } from '../../content/schema/pack-types.js';
import { pick } from '../i18n/kiosk-strings.js';
import { packFileUrl } from '../media/pack-media.js';
import { cssomStyle } from './cssom-style.js';
import { intentEvent } from './intent-event.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export type PictureState = 'loading' | 'shown' | 'failed';

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
      :host([state='failed']) {
        display: none;
      }
      figure {
        margin: 0 0 0.6em;
      }
      .frame {
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
        margin-top: 0.3em;
        font-size: calc(var(--fs-small, 20px) * 0.9);
        line-height: 1.3;
        color: var(--ink-muted, #d3dde2);
      }
    `,
  ];

  override willUpdate(): void {
    const url = this.pack && this.image ? packFileUrl(this.pack, this.image.file) : null;
    if (url !== this.loadedUrl) this.load(url);
    if (this.shown && this.image) this.shown.alt = pick(this.image.alt, this.language, this.pack?.languages[0]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.load(null);
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
