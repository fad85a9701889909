// <control-hints>: a compact drawing of the physical panel, its controls in
// rows and columns as the bridge's control map places them (hintGrid), each
// with what it does in the visitor's language and, under it, what it does
// held. The scenario buttons are one numbered row under one caption. Shown in
// attract and a visit's first seconds, then faded (ControlHintsFade). Grid
// places go through the CSSOM (cssomStyle): the page's CSP allows no inline
// style attributes.

import { css, html, type PropertyValues } from 'lit';
import type { ControlBinding, ControlMap, IntentKind, PageMode } from '../../firmware-bridge/api/messages.js';
import { uiText, type KioskStringKey } from '../i18n/kiosk-strings.js';
import { ControlHintsFade, VISIT_HINTS_MS } from './control-hints-fade.js';
import { hintGrid, type HintCell } from './control-hints-layout.js';
import { cssomStyle } from './cssom-style.js';
import { FitText } from './fit-text.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export const INTENT_LABEL: Record<IntentKind, KioskStringKey> = {
  scenario: 'ctlScenario',
  next: 'ctlNext',
  previous: 'ctlPrevious',
  language: 'ctlLanguage',
  info: 'ctlInfo',
  timeline: 'ctlTimeline',
  orbit: 'ctlOrbit',
  zoom: 'ctlZoom',
  'class-mode': 'ctlClass',
  maintenance: 'ctlMaintenance',
  narration: 'ctlNarration',
  picture: 'ctlPicture',
  volume: 'ctlVolume',
};

export class ControlHints extends PackElement {
  static override properties = {
    controls: { attribute: false },
    mode: { attribute: false },
    faded: { type: Boolean, reflect: true },
  };

  declare controls: ControlMap | null;
  /** The page's mode: the hints show in attract and a visit's first seconds, then fade. Null: always shown. */
  declare mode: PageMode | null;
  /** Reflected for the stylesheet, set from the fade controller only. */
  declare faded: boolean;
  /** How long the hints stay once a visit starts, in ms. */
  visitMs = VISIT_HINTS_MS;
  private readonly fade = new ControlHintsFade(this, () => this.visitMs);

  constructor() {
    super();
    this.controls = null;
    this.mode = null;
    this.faded = false;
    new FitText(this, '.label');
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
        width: 100%;
        transition:
          opacity 0.8s ease,
          visibility 0s linear 0s;
      }
      :host([faded]) {
        opacity: 0;
        visibility: hidden;
        transition:
          opacity 0.8s ease,
          visibility 0s linear 0.8s;
      }
      @media (prefers-reduced-motion: reduce) {
        :host,
        :host([faded]) {
          transition: none;
        }
      }
      .panel {
        padding: 0.5em 0.8em 0.6em;
      }
      .eyebrow {
        margin-bottom: 0.35em;
      }
      .board {
        display: grid;
        gap: 0.55em 0.4em;
        align-items: start;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .control {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.12em;
        text-align: center;
        min-width: 0;
      }
      .cap {
        box-sizing: border-box;
        display: grid;
        place-items: center;
        width: 1.6em;
        height: 1.6em;
        border-radius: 50%;
        border: 0.12em solid var(--ink, #f4f1e8);
        font-weight: 700;
        font-size: var(--fs-small, 20px);
      }
      .knob .cap {
        border-style: dashed;
      }
      .row {
        display: flex;
        justify-content: center;
        gap: 0.25em;
      }
      .label {
        font-size: calc(var(--fs-small, 20px) * 0.9 * var(--fit, 1));
        line-height: 1.15;
        overflow-wrap: normal;
        max-width: 100%;
      }
      .hold {
        font-size: calc(var(--fs-small, 20px) * 0.8 * var(--fit, 1));
        color: var(--ink-muted, #d3dde2);
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('mode')) this.fade.modeIs(this.mode);
    this.faded = this.fade.faded;
  }

  private label(intent: IntentKind): string {
    return uiText(INTENT_LABEL[intent], this.language, this.pack);
  }

  /** What the button does when held, as a second, smaller line ("hold: More"). */
  private holdLabel(binding: ControlBinding): string | null {
    const hold = this.controls?.holds?.find((h) => h.button === binding.index && binding.control === 'button');
    return hold ? `${uiText('hold', this.language, this.pack)}: ${this.label(hold.intent)}` : null;
  }

  private cell(cell: HintCell) {
    const place = cssomStyle({ 'grid-row': String(cell.row), 'grid-column': `${cell.column} / span ${cell.span}` });
    if (cell.scenarios) {
      // The panel's numbered buttons under one caption: which scenario is on screen is the strip's and the card's to say.
      return html`<li class="control scenarios" ${place}>
        <ul class="row" aria-hidden="true">
          ${cell.bindings.map((b) => html`<li class="button" data-control="button-${b.index}"><span class="cap">${(b.scenario ?? 0) + 1}</span></li>`)}
        </ul>
        <span class="label">${this.label('scenario')}</span>
        <span class="sr">${cell.bindings.map((b) => (b.scenario ?? 0) + 1).join(', ')}</span>
      </li>`;
    }
    const b = cell.bindings[0]!;
    const hold = this.holdLabel(b);
    return html`<li class="control ${b.control}" ${place} data-control="${b.control}-${b.index}">
      <span class="cap" aria-hidden="true">${b.control === 'knob' ? '⟲' : ''}</span>
      <span class="label">${this.label(b.intent)}</span>
      ${hold ? html`<span class="label hold">${hold}</span>` : ''}
    </li>`;
  }

  protected renderSafely() {
    const controls = this.controls;
    if (!controls || controls.bindings.length === 0) return html``;
    const grid = hintGrid(controls.bindings);
    return html`
      <section class="panel" aria-labelledby="hints-title">
        <p class="eyebrow" id="hints-title">${uiText('panel', this.language, this.pack)}</p>
        <ul class="board" ${cssomStyle({ 'grid-template-columns': `repeat(${grid.columns}, minmax(0, 1fr))` })}>
          ${grid.cells.map((c) => this.cell(c))}
        </ul>
      </section>
    `;
  }
}

customElements.define('control-hints', ControlHints);

declare global {
  interface HTMLElementTagNameMap {
    'control-hints': ControlHints;
  }
}
