// <install-banner>: while a USB stick is in, what the content install is
// doing (progress, what was installed or refused and why), for the maintainer
// who plugged it in. It sits in a corner, away from the map's focus.

import { css, html } from 'lit';
import type { InstallStatus } from '../../firmware-bridge/api/messages.js';
import { uiText } from '../i18n/kiosk-strings.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

const SHOWN_LINES = 5;

export class InstallBanner extends PackElement {
  static override properties = {
    install: { attribute: false },
  };

  declare install: InstallStatus | null;

  constructor() {
    super();
    this.install = null;
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        position: fixed;
        top: 2.2cqh;
        right: 2cqw;
        max-width: min(30em, 40cqw);
        z-index: 5;
      }
      progress {
        width: 100%;
      }
      ul {
        margin: 0.3em 0 0;
        padding-left: 1.1em;
      }
    `,
  ];

  protected renderSafely() {
    const install = this.install;
    if (!install || install.phase === 'idle') return html``;
    const busy = install.phase === 'reading' || install.phase === 'installing';
    return html`<section class="panel" role="status" aria-labelledby="usb-title">
      <p class="eyebrow" id="usb-title">${uiText('usbInstall', this.language, this.pack)}</p>
      ${busy ? html`<progress max="1" .value=${install.progress} aria-labelledby="usb-title"></progress>` : ''}
      <ul>
        ${install.lines.slice(-SHOWN_LINES).map((line) => html`<li>${line}</li>`)}
      </ul>
    </section>`;
  }
}

customElements.define('install-banner', InstallBanner);

declare global {
  interface HTMLElementTagNameMap {
    'install-banner': InstallBanner;
  }
}
