// <attract-overlay>: the calm invitation while nobody is there, in every
// language of the pack at once (a passer-by should not wait for theirs). It
// breathes slowly (a 7 s cycle, far below 3 flashes a second) three times
// when it appears, then holds still: an endless animation kept the browser
// compositing a frame every display refresh on a map that draws none (the
// bench's attract phase: about 11 % more CPU). It stands still from the
// start when motion is reduced.

import { css, html } from 'lit';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { pick, uiText } from '../i18n/kiosk-strings.js';
import { panelStyles } from './overlay-styles.js';
import { SafeElement } from './safe-element.js';

export class AttractOverlay extends SafeElement {
  static override properties = {
    pack: { attribute: false },
    reduced: { type: Boolean, reflect: true },
  };

  declare pack: PackManifest | null;
  declare reduced: boolean;

  constructor() {
    super();
    this.pack = null;
    this.reduced = false;
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
        text-align: center;
      }
      .panel {
        display: inline-block;
        padding: 0.7em 1.6em;
        border-radius: 0.5em;
      }
      h1 {
        font-size: 1.6em;
        line-height: 1.2;
        margin-bottom: 0.35em;
      }
      .invite {
        font-size: 1.3em;
        font-weight: 600;
        animation: breathe 7s ease-in-out 3;
      }
      :host([reduced]) .invite {
        animation: none;
      }
      .invite + .invite {
        margin-top: 0.15em;
      }
      @keyframes breathe {
        0%,
        100% {
          opacity: 1;
        }
        50% {
          opacity: 0.78;
        }
      }
    `,
  ];

  protected renderSafely() {
    const pack = this.pack;
    if (!pack) return html``;
    return html`
      <div class="panel" role="status">
        <h1 lang=${pack.languages[0]!}>${pick(pack.title, pack.languages[0]!)}</h1>
        ${pack.languages.map((lang) => html`<div class="invite" lang=${lang}>${uiText('invite', lang, pack)}</div>`)}
      </div>
    `;
  }
}

customElements.define('attract-overlay', AttractOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'attract-overlay': AttractOverlay;
  }
}
