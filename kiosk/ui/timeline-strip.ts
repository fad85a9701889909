// <timeline-strip>: the pack's dated events along a strip, the one the
// timeline knob has reached marked (by weight and a ring, not colour alone)
// and told in a line below. Touching an event goes there too.

import { css, html } from 'lit';
import { formatPackDate, packYear, timelineLabels } from '../i18n/format-date.js';
import { pick, uiText } from '../i18n/kiosk-strings.js';
import { intentEvent } from './intent-event.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export class TimelineStrip extends PackElement {
  static override properties = {
    index: { type: Number },
  };

  /** The event reached, -1 for none yet. */
  declare index: number;

  constructor() {
    super();
    this.index = -1;
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
      }
      .panel {
        padding: 0.5em 1em 0.6em;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        justify-content: space-between;
        position: relative;
      }
      ol::before {
        content: '';
        position: absolute;
        left: 0.9em;
        right: 0.9em;
        top: 0.9em;
        border-top: 0.1em solid var(--ink-muted, #d3dde2);
      }
      button {
        all: unset;
        position: relative;
        display: flex;
        flex-direction: column;
        align-items: center;
        min-width: 1.8em;
        cursor: pointer;
        font-size: var(--fs-small, 20px);
        color: var(--ink-muted, #d3dde2);
      }
      .dot {
        width: 0.8em;
        height: 0.8em;
        margin: 0.5em 0 0.2em;
        border-radius: 50%;
        background: var(--ink-muted, #d3dde2);
      }
      [aria-current='step'] {
        color: var(--ink, #f4f1e8);
        font-weight: 700;
      }
      [aria-current='step'] .dot {
        width: 1.1em;
        height: 1.1em;
        margin: 0.35em 0 0.05em;
        background: var(--accent, #e8c987);
        box-shadow: 0 0 0 0.15em var(--panel-bg-solid, #08141e), 0 0 0 0.3em var(--ink, #f4f1e8);
      }
      .label {
        white-space: nowrap;
        min-height: 1.3em;
      }
      .year {
        min-height: 1.3em;
        font-size: 0.85em;
        color: var(--accent, #e8c987);
      }
      .event {
        margin-top: 0.35em;
        display: flex;
        gap: 0.6em;
        align-items: baseline;
      }
      .event time {
        color: var(--accent, #e8c987);
        font-weight: 700;
        white-space: nowrap;
      }
      .event p {
        margin: 0.15em 0 0;
      }
    `,
  ];

  protected renderSafely() {
    const { pack, language } = this;
    if (!pack || pack.timeline.length === 0) return html``;
    const fallback = pack.languages[0];
    const current = pack.timeline[this.index];
    const dates = pack.timeline.map((e) => e.date);
    const labels = timelineLabels(dates, language);
    // Events that share a year are grouped under it: the year is written once, below the first.
    const groupYear = (i: number) => {
      const y = packYear(dates[i]!);
      const shared = dates.filter((d) => packYear(d) === y).length > 1;
      return shared && (i === 0 || packYear(dates[i - 1]!) !== y) ? y : '';
    };
    return html`
      <section class="panel" aria-labelledby="timeline-title">
        <h2 class="sr" id="timeline-title">${uiText('timeline', language, pack)}</h2>
        <ol>
          ${pack.timeline.map(
            (event, i) => html`<li>
              <button
                aria-current=${i === this.index ? 'step' : 'false'}
                aria-label="${formatPackDate(event.date, language)}: ${pick(event.title, language, fallback)}"
                @click=${() => this.dispatchEvent(intentEvent({ kind: 'timeline', delta: i - this.index }))}
              >
                <span class="dot"></span><span class="label" aria-hidden="true">${labels[i]}</span
                ><span class="year" aria-hidden="true">${groupYear(i)}</span>
              </button>
            </li>`,
          )}
        </ol>
        <div class="event" data-testid="timeline-event" aria-live="polite">
          ${current
            ? html`<time datetime=${current.date}>${formatPackDate(current.date, language)}</time>
                <div><strong>${pick(current.title, language, fallback)}</strong><p>${pick(current.text, language, fallback)}</p></div>`
            : html`<span class="muted">${uiText('timelineHint', language, pack)}</span>`}
        </div>
      </section>
    `;
  }
}

customElements.define('timeline-strip', TimelineStrip);

declare global {
  interface HTMLElementTagNameMap {
    'timeline-strip': TimelineStrip;
  }
}
