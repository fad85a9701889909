// The museum label for the scenario on screen: title, short text, and the
// analyst's credit. Texts from a pack are rendered as text, never as HTML.

import { LitElement, css, html } from 'lit';
import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import { pick, uiText } from '../i18n/kiosk-strings.js';

export class ScenarioCard extends LitElement {
  static override properties = {
    pack: { attribute: false },
    scenario: { attribute: false },
    language: {},
    index: { type: Number },
  };

  declare pack: PackManifest | null;
  declare scenario: Scenario | null;
  declare language: string;
  declare index: number;

  constructor() {
    super();
    this.pack = null;
    this.scenario = null;
    this.language = 'en';
    this.index = 0;
  }

  static override styles = css`
    :host {
      display: block;
      max-width: 34rem;
      padding: 1.4rem 1.8rem;
      background: rgba(8, 20, 30, 0.88);
      border-left: 0.4rem solid #d9a441;
      border-radius: 0.4rem;
      color: #f4f1e8;
      font-size: 1.35rem;
      line-height: 1.45;
    }
    .count {
      font-size: 1rem;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: #e8c987;
    }
    h1 {
      margin: 0.2rem 0 0.6rem;
      font-size: 2.3rem;
      line-height: 1.15;
    }
    p {
      margin: 0;
    }
    .credit {
      margin-top: 0.8rem;
      font-size: 1rem;
      color: #c9d3d8;
    }
  `;

  override render() {
    const { pack, scenario, language } = this;
    if (!pack || !scenario) return html``;
    const fallback = pack.languages[0];
    return html`
      <div class="count">${uiText('scenario', language, pack)} ${this.index + 1} ${uiText('of', language, pack)} ${pack.scenarios.length}</div>
      <h1 data-testid="scenario-title">${pick(scenario.title, language, fallback)}</h1>
      <p>${pick(scenario.summary, language, fallback)}</p>
      <div class="credit">${uiText('analysisBy', language, pack)} ${pack.credits?.analyst ?? ''}</div>
    `;
  }
}

customElements.define('scenario-card', ScenarioCard);

declare global {
  interface HTMLElementTagNameMap {
    'scenario-card': ScenarioCard;
  }
}
