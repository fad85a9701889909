// <info-panel>: the longer text behind the "info" button, the date the
// analysis stands at, and the sources it rests on with their dates: works by
// title (an untitled one said so in the visitor's language), the editors' own
// additions together as theirs. Pack texts are rendered as text, never markup.
// With the scenario's picture (or the timeline moment's) under the title, in
// the room the text leaves (the text always fits); large on request, still in
// the panel, never over the map, the text under it then cut after its last
// whole line, with a fade.

import { css, html } from 'lit';
import type { Scenario, Source } from '../../content/schema/pack-types.js';
import { formatPackDate } from '../i18n/format-date.js';
import { pick, uiText } from '../i18n/kiosk-strings.js';
import { shownImage } from '../media/pack-media.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';
import './pack-picture.js';
import { WholeLineClamp } from './whole-line-clamp.js';

export class InfoPanel extends PackElement {
  static override properties = {
    scenario: { attribute: false },
    timelineIndex: { type: Number, attribute: 'timeline-index' },
    large: { type: Boolean },
  };

  declare scenario: Scenario | null;
  /** The timeline moment on screen (-1: none): its picture, when it has one, stands for the scenario's. */
  declare timelineIndex: number;
  /** The picture large. */
  declare large: boolean;

  constructor() {
    super();
    this.scenario = null;
    this.timelineIndex = -1;
    this.large = false;
    new WholeLineClamp(this, '.text', () => this.large && this.hasPicture());
  }

  private hasPicture(): boolean {
    return !!this.pack && !!this.scenario && shownImage(this.pack, this.scenario, this.timelineIndex) !== null;
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
      }
      /* A column whose picture gives way: the text and sources always fit (a kiosk cannot scroll). */
      .panel {
        display: flex;
        flex-direction: column;
        max-height: 100%;
        overflow: hidden;
        border-left: 0.2em solid var(--accent, #e8c987);
      }
      h2 {
        font-size: 1.35em;
        line-height: 1.2;
        margin-bottom: 0.4em;
      }
      p {
        margin: 0 0 0.55em;
      }
      h3 {
        font-size: var(--fs-small, 20px);
        color: var(--accent, #e8c987);
        text-transform: uppercase;
        letter-spacing: 0.06em;
        margin: 0.8em 0 0.3em;
      }
      ol {
        margin: 0;
        padding-left: 1.2em;
        font-size: var(--fs-small, 20px);
        line-height: 1.3;
      }
      li {
        margin-bottom: 0.35em;
      }
      .close {
        text-transform: none;
        letter-spacing: 0;
        font-weight: 400;
      }
      .panel > * {
        flex: none;
      }
      .panel > pack-picture {
        --picture-max-height: 30cqh;
        flex: 0 1 auto;
        min-height: 0;
      }
      /* Large, the picture has its room and the text what is left, cut after
         its last whole line with a fade over that line (WholeLineClamp). */
      .panel > pack-picture[large] {
        --picture-max-height: 68cqh;
        flex: none;
      }
      .panel.large > .text {
        flex: 0 1 auto;
        min-height: 0;
        overflow: hidden;
      }
      .text[clamped] {
        mask-image: linear-gradient(to bottom, #000 calc(100% - 1.4em), transparent);
      }
    `,
  ];

  protected renderSafely() {
    const { pack, scenario, language } = this;
    if (!pack || !scenario) return html``;
    const fallback = pack.languages[0];
    const paragraphs = pick(scenario.more, language, fallback).split(/\n\s*\n/).filter((p) => p.trim() !== '');
    const cited = scenario.sources.map((id) => pack.sources.find((s) => s.id === id)).filter((s): s is Source => s !== undefined);
    // The editors' additions read as one entry, after the works they complete.
    const sources = cited.filter((s) => s.kind !== 'editors-context');
    const editors = cited.filter((s) => s.kind === 'editors-context');
    const image = shownImage(pack, scenario, this.timelineIndex);
    return html`
      <section class=${image && this.large ? 'panel large' : 'panel'} role="region" aria-labelledby="info-title">
        <header>
          <p class="eyebrow">${uiText('more', language, pack)} <span class="close muted">· ${uiText('closeInfo', language, pack)}</span></p>
          <h2 id="info-title">${pick(scenario.title, language, fallback)}</h2>
        </header>
        ${image ? html`<pack-picture .pack=${pack} .image=${image} .language=${language} ?large=${this.large}></pack-picture>` : ''}
        <div class="text">
          ${paragraphs.map((text) => html`<p>${text}</p>`)}
          ${pack.asOf
            ? html`<p class="as-of muted" data-testid="as-of">
                ${uiText('asOfNote', language, pack).replace('{date}', formatPackDate(pack.asOf, language))}
              </p>`
            : ''}
          ${cited.length > 0
            ? html`<h3>${uiText('sources', language, pack)}</h3>
                <ol data-testid="sources">
                  ${sources.map((s) => html`<li data-kind="work">${this.source(s)}</li>`)}
                  ${editors.length > 0
                    ? html`<li data-kind="editors-context">
                        <strong>${uiText('editorsContext', language, pack)}:</strong>
                        ${editors.map((s) => pick(s.note, language, fallback).replace(/[.;\s]+$/, '')).join('; ')}.
                      </li>`
                    : ''}
                </ol>`
            : ''}
        </div>
      </section>
    `;
  }

  private source(s: Source) {
    const { pack, language } = this;
    const note = pick(s.note, language, pack?.languages[0]);
    const date = html`<time datetime=${s.date}>${formatPackDate(s.date, language)}</time>`;
    // An untitled work is described, not given a made-up title; its note says what it is.
    if (s.untitled) return html`${s.author}, ${uiText('untitledWork', language, pack)}, ${date}.${note ? html` ${note}` : ''}`;
    return html`${s.author}, <cite>${s.title}</cite>. ${s.publisher}, ${date}.`;
  }
}

customElements.define('info-panel', InfoPanel);

declare global {
  interface HTMLElementTagNameMap {
    'info-panel': InfoPanel;
  }
}
