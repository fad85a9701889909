// <scenario-strip>: one numbered button per scenario for a touch screen; the
// number matches the panel's buttons and the card. The one on screen is
// pressed (aria-pressed, a filled cap), not merely coloured.

import { css, html } from 'lit';
import { pick, uiText } from '../i18n/kiosk-strings.js';
import { intentEvent } from './intent-event.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export class ScenarioStrip extends PackElement {
  static override properties = {
    index: { type: Number },
  };

  declare index: number;

  constructor() {
    super();
    this.index = 0;
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
        font-size: var(--fs-small, 20px);
      }
      nav {
        display: flex;
        gap: 0.4em;
        justify-content: center;
        flex-wrap: wrap;
      }
      button {
        box-sizing: border-box;
        min-width: 2.2em;
        height: 2.2em;
        border-radius: 50%;
        border: 0.1em solid var(--ink, #f4f1e8);
        background: var(--panel-bg, rgba(8, 20, 30, 0.9));
        color: var(--ink, #f4f1e8);
        font: inherit;
        font-weight: 700;
        cursor: pointer;
        touch-action: manipulation;
      }
      button[aria-pressed='true'] {
        background: var(--accent, #e8c987);
        border-color: var(--accent, #e8c987);
        color: var(--on-accent, #10202c);
        outline: 0.12em solid var(--ink, #f4f1e8);
        outline-offset: 0.12em;
      }
    `,
  ];

  protected renderSafely() {
    const { pack, language } = this;
    if (!pack) return html``;
    return html`
      <nav aria-label=${uiText('chooseScenario', language, pack)}>
        ${pack.scenarios.map(
          (scenario, i) => html`<button
            aria-pressed=${i === this.index ? 'true' : 'false'}
            aria-label="${i + 1}. ${pick(scenario.title, language, pack.languages[0])}"
            @click=${() => this.dispatchEvent(intentEvent({ kind: 'scenario', index: i }))}
          >
            ${i + 1}
          </button>`,
        )}
      </nav>
    `;
  }
}

customElements.define('scenario-strip', ScenarioStrip);

declare global {
  interface HTMLElementTagNameMap {
    'scenario-strip': ScenarioStrip;
  }
}
