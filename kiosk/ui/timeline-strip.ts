// <timeline-strip>: the pack's dated events along a strip, each labelled
// (its year, or its month where a year has several, the year then written
// once under a bracket over them), the one the timeline knob has reached
// marked by size, weight and a ring (not colour alone) and told in a line
// below. Every event gets an equal share of the strip, so labels never run
// into each other. Touching an event goes there too.

import { css, html } from 'lit';
import { formatPackDate, packYear, timelineLabels } from '../i18n/format-date.js';
import { pick, uiText } from '../i18n/kiosk-strings.js';
import { cssomStyle } from './cssom-style.js';
import { FitText } from './fit-text.js';
import { intentEvent } from './intent-event.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export class TimelineStrip extends PackElement {
  static override properties = {
    index: { type: Number },
  };

  /** The event reached, -1 for none yet. */
  declare index: number;
  /** The events' short labels and full dates for a pack and language: making a date formatter costs more than the rest of a render, and the strip renders on every knob turn. */
  private dates: { pack: unknown; language: string; labels: string[]; full: string[] } | null = null;

  constructor() {
    super();
    this.index = -1;
    // Large text or a narrow strip (beside the lesson or the info panel): a label wider than its event's share shrinks to fit it.
    new FitText(this, '.events .label');
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
      }
      .events {
        position: relative;
      }
      /* The line through the dots, from the first to the last. */
      .events::before {
        content: '';
        position: absolute;
        left: 0.9em;
        right: 0.9em;
        top: 0.9em;
        border-top: 0.1em solid var(--ink-muted, #d3dde2);
      }
      /* A year's events share one column span; each event takes an equal share of the strip. */
      .year-group {
        display: flex;
        flex-direction: column;
        flex: 1 1 0;
        min-width: 0;
      }
      .year-group > ol {
        flex: 1;
      }
      .year-group > ol > li {
        flex: 1 1 0;
        min-width: 0;
        display: flex;
        justify-content: center;
      }
      button {
        all: unset;
        position: relative;
        box-sizing: border-box;
        width: 100%;
        display: flex;
        flex-direction: column;
        align-items: center;
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
      .label {
        white-space: nowrap;
        line-height: 1.3;
        font-size: calc(1em * var(--fit, 1));
      }
      /* The event under the knob: a larger, ringed dot and a larger, bold label in full ink. */
      [aria-current='step'] {
        color: var(--ink, #f4f1e8);
      }
      [aria-current='step'] .dot {
        width: 1.1em;
        height: 1.1em;
        margin: 0.35em 0 0.05em;
        background: var(--accent, #e8c987);
        box-shadow: 0 0 0 0.15em var(--panel-bg-solid, #08141e), 0 0 0 0.3em var(--ink, #f4f1e8);
      }
      [aria-current='step'] .label {
        font-size: calc(1.2em * var(--fit, 1));
        font-weight: 700;
        line-height: 1.08;
      }
      /* A shared year, written once under a bracket spanning its events. */
      .year {
        margin: 0.1em 0.6em 0;
        border-top: 0.1em solid var(--accent, #e8c987);
        padding-top: 0.05em;
        text-align: center;
        font-size: calc(var(--fs-small, 20px) * 0.85);
        color: var(--accent, #e8c987);
        line-height: 1.2;
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
    if (this.dates?.pack !== pack || this.dates.language !== language) {
      const dates = pack.timeline.map((e) => e.date);
      this.dates = { pack, language, labels: timelineLabels(dates, language), full: dates.map((d) => formatPackDate(d, language)) };
    }
    const { labels, full } = this.dates;
    const event = (i: number) => {
      const e = pack.timeline[i]!;
      return html`<li>
        <button
          aria-current=${i === this.index ? 'step' : 'false'}
          aria-label="${full[i]}: ${pick(e.title, language, fallback)}"
          @click=${() => this.dispatchEvent(intentEvent({ kind: 'timeline', delta: i - this.index }))}
        >
          <span class="dot"></span><span class="label" aria-hidden="true">${labels[i]}</span>
        </button>
      </li>`;
    };
    return html`
      <section class="panel" aria-labelledby="timeline-title">
        <h2 class="sr" id="timeline-title">${uiText('timeline', language, pack)}</h2>
        <ol class="events">
          ${yearGroups(pack.timeline.map((e) => e.date)).map(
            (group) => html`<li class="year-group" ${cssomStyle({ 'flex-grow': String(group.events.length) })}>
              <ol>
                ${group.events.map(event)}
              </ol>
              ${group.events.length > 1 ? html`<span class="year" aria-hidden="true">${group.year}</span>` : ''}
            </li>`,
          )}
        </ol>
        <div class="event" data-testid="timeline-event" aria-live="polite">
          ${current
            ? html`<time datetime=${current.date}>${full[this.index]}</time>
                <div><strong>${pick(current.title, language, fallback)}</strong><p>${pick(current.text, language, fallback)}</p></div>`
            : html`<span class="muted">${uiText('timelineHint', language, pack)}</span>`}
        </div>
      </section>
    `;
  }
}

/** Runs of consecutive events in the same year, in the pack's order, each with the indexes of its events. */
export function yearGroups(dates: readonly string[]): { year: string; events: number[] }[] {
  const groups: { year: string; events: number[] }[] = [];
  dates.forEach((date, i) => {
    const year = packYear(date);
    const last = groups.at(-1);
    if (last?.year === year) last.events.push(i);
    else groups.push({ year, events: [i] });
  });
  return groups;
}

customElements.define('timeline-strip', TimelineStrip);

declare global {
  interface HTMLElementTagNameMap {
    'timeline-strip': TimelineStrip;
  }
}
