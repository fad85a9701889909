// <idle-countdown>: "still there?" before the exhibit starts over. The number
// changes once a second; nothing blinks.

import { css, html } from 'lit';
import { uiText } from '../i18n/kiosk-strings.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export class IdleCountdown extends PackElement {
  static override properties = {
    seconds: { type: Number },
  };

  declare seconds: number;

  constructor() {
    super();
    this.seconds = 10;
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
        padding: 0.8em 1.6em;
        border: 0.12em solid var(--accent, #e8c987);
      }
      h2 {
        font-size: 1.7em;
      }
      .count {
        font-size: 1.15em;
        margin-top: 0.3em;
      }
      .count strong {
        font-size: 1.5em;
        font-variant-numeric: tabular-nums;
        color: var(--accent, #e8c987);
      }
    `,
  ];

  protected renderSafely() {
    const { pack, language } = this;
    return html`
      <div class="panel" role="alert" aria-labelledby="still-there">
        <h2 id="still-there">${uiText('stillThere', language, pack)}</h2>
        <div>${uiText('keepExploring', language, pack)}</div>
        <div class="count">${uiText('startingOver', language, pack)} <strong data-testid="seconds">${this.seconds}</strong> ${uiText('seconds', language, pack)}</div>
      </div>
    `;
  }
}

customElements.define('idle-countdown', IdleCountdown);

declare global {
  interface HTMLElementTagNameMap {
    'idle-countdown': IdleCountdown;
  }
}
