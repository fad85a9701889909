// The museum label for the scenario on screen: title, short text, and the
// analyst's credit with the date the analysis stands at, and a Listen / Stop
// button when the scenario has narration in the visitor's language. Texts
// from a pack are rendered as text, never as HTML.

import { css, html } from 'lit';
import type { Scenario } from '../../content/schema/pack-types.js';
import { formatPackDate } from '../i18n/format-date.js';
import { pick, uiText } from '../i18n/kiosk-strings.js';
import { intentEvent } from './intent-event.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export class ScenarioCard extends PackElement {
  static override properties = {
    scenario: { attribute: false },
    index: { type: Number },
    narration: {},
  };

  declare scenario: Scenario | null;
  declare index: number;
  /** The scenario's narration in this language: none, ready to play, or playing. */
  declare narration: 'none' | 'ready' | 'playing';

  constructor() {
    super();
    this.scenario = null;
    this.index = 0;
    this.narration = 'none';
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
        padding: 0.8em 1.1em;
        background: var(--panel-bg, rgba(8, 20, 30, 0.9));
        border: var(--panel-border, none);
        border-left: 0.25em solid var(--accent, #e8c987);
        border-radius: 0.3em;
      }
      .count {
        font-size: var(--fs-small, 20px);
        letter-spacing: 0.06em;
        text-transform: uppercase;
        color: var(--accent, #e8c987);
        font-weight: 600;
      }
      h1 {
        margin: 0.15em 0 0.4em;
        font-size: 1.75em;
        line-height: 1.15;
      }
      p {
        margin: 0;
      }
      .credit {
        margin-top: 0.6em;
        font-size: var(--fs-small, 20px);
        color: var(--ink-muted, #d3dde2);
      }
      :host {
        position: relative;
      }
      /* Beside the short count line, so the card is no taller for it (the map keeps its room). */
      .listen {
        position: absolute;
        top: 0.55em;
        right: 0.9em;
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        height: 1.6em;
        padding: 0 0.75em 0 0.6em;
        border-radius: 0.8em;
        border: 0.1em solid var(--accent, #e8c987);
        background: none;
        color: var(--ink, #f4f1e8);
        font: inherit;
        font-size: var(--fs-small, 20px);
        font-weight: 600;
        cursor: pointer;
        touch-action: manipulation;
      }
      .listen.playing {
        background: var(--accent, #e8c987);
        color: var(--on-accent, #10202c);
      }
      .listen .icon {
        font-size: 0.85em;
      }
    `,
  ];

  protected renderSafely() {
    const { pack, scenario, language } = this;
    if (!pack || !scenario) return html``;
    const fallback = pack.languages[0];
    return html`
      <div class="count">${uiText('scenario', language, pack)} ${this.index + 1} ${uiText('of', language, pack)} ${pack.scenarios.length}</div>
      ${this.narration !== 'none' ? this.listenButton() : ''}
      <h1 data-testid="scenario-title">${pick(scenario.title, language, fallback)}</h1>
      <p>${pick(scenario.summary, language, fallback)}</p>
      <div class="credit" data-testid="credit">
        ${uiText('analysisBy', language, pack)} ${pack.credits?.analyst ?? ''}${pack.asOf
          ? html` · <time datetime=${pack.asOf}>${uiText('asOf', language, pack).replace('{date}', formatPackDate(pack.asOf, language))}</time>`
          : ''}
      </div>
    `;
  }

  private listenButton() {
    const playing = this.narration === 'playing';
    return html`<button class=${playing ? 'listen playing' : 'listen'} data-testid="listen" @click=${() => this.dispatchEvent(intentEvent({ kind: 'narration' }))}>
      <span class="icon" aria-hidden="true">${playing ? '■' : '▶'}</span>${uiText(playing ? 'stopListening' : 'listen', this.language, this.pack)}
    </button>`;
  }
}

customElements.define('scenario-card', ScenarioCard);

declare global {
  interface HTMLElementTagNameMap {
    'scenario-card': ScenarioCard;
  }
}
