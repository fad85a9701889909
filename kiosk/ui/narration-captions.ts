// <narration-captions>: while a narration plays, what is being said, large
// enough to read at 1.5 m, with whose voice it is (and, for a text-to-speech
// draft, that it is one). The box keeps two lines' height between cues, so
// the captions do not make the screen jump. Not a live region: a visitor
// using a screen reader hears the narration itself.

import { css, html } from 'lit';
import { uiText } from '../i18n/kiosk-strings.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export class NarrationCaptions extends PackElement {
  static override properties = {
    cue: { attribute: false },
    credit: {},
    draft: { type: Boolean },
  };

  /** The caption now, null between cues. */
  declare cue: string | null;
  declare credit: string;
  declare draft: boolean;

  constructor() {
    super();
    this.cue = null;
    this.credit = '';
    this.draft = false;
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
      }
      .panel {
        text-align: center;
        padding: 0.5em 1.1em 0.6em;
        background: var(--panel-bg-solid, #08141e);
      }
      .eyebrow {
        margin-bottom: 0.2em;
      }
      .credit {
        text-transform: none;
        letter-spacing: 0;
        font-weight: 400;
        color: var(--ink-muted, #d3dde2);
      }
      .draft {
        display: inline-block;
        white-space: nowrap;
        margin-left: 0.4em;
        padding: 0 0.35em;
        border: 0.08em solid currentColor;
        border-radius: 0.2em;
        color: var(--accent, #e8c987);
        text-transform: none;
        letter-spacing: 0;
      }
      .cue {
        margin: 0;
        min-height: 2.5em;
        display: flex;
        align-items: center;
        justify-content: center;
        font-size: calc(var(--fs-body, 22px) * 1.5);
        line-height: 1.25;
        font-weight: 600;
        text-wrap: balance;
        /* A cue's own line breaks, as its author set them. */
        white-space: pre-line;
      }
    `,
  ];

  protected renderSafely() {
    const { pack, language } = this;
    return html`
      <section class="panel" aria-label=${uiText('narration', language, pack)}>
        <p class="eyebrow">
          ${uiText('narration', language, pack)}${this.credit ? html` <span class="credit" data-testid="voice-credit">· ${this.credit}</span>` : ''}${this.draft
            ? html`<span class="draft" data-testid="draft">${uiText('draftVoice', language, pack)}</span>`
            : ''}
        </p>
        <p class="cue" data-testid="cue">${this.cue ?? ''}</p>
      </section>
    `;
  }
}

customElements.define('narration-captions', NarrationCaptions);

declare global {
  interface HTMLElementTagNameMap {
    'narration-captions': NarrationCaptions;
  }
}
