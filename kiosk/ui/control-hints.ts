// <control-hints>: a small drawing of the physical panel, each button and
// knob where the bridge's control map puts it, with what it does in the
// visitor's language. Scenario buttons carry the scenario's number, the same
// number the scenario card and the touch strip show. Positions go through
// the CSSOM (cssomStyle): the page's CSP allows no inline style attributes.

import { css, html } from 'lit';
import type { ControlBinding, ControlMap, IntentKind } from '../../firmware-bridge/api/messages.js';
import { uiText, type KioskStringKey } from '../i18n/kiosk-strings.js';
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

/** A label may be as wide as the gap to its nearest neighbour in the same row (and the panel's edge allows). */
export function labelWidth(binding: ControlBinding, all: ControlBinding[]): number {
  let room = 2 * Math.min(binding.x, 1 - binding.x);
  for (const other of all) {
    if (other === binding || Math.abs(other.y - binding.y) > 0.2) continue;
    room = Math.min(room, Math.abs(other.x - binding.x));
  }
  return Math.max(0.08, Math.min(0.3, room * 0.96));
}

export class ControlHints extends PackElement {
  static override properties = {
    controls: { attribute: false },
    scenarioIndex: { type: Number, attribute: 'scenario-index' },
  };

  declare controls: ControlMap | null;
  declare scenarioIndex: number;

  constructor() {
    super();
    this.controls = null;
    this.scenarioIndex = -1;
    new FitText(this, '.label');
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
        width: 100%;
      }
      .board {
        position: relative;
        width: 100%;
        aspect-ratio: 2 / 1;
      }
      .control {
        --cap: 1.8em;
        position: absolute;
        /* The cap's centre sits on the control's place; the label hangs below it. */
        transform: translate(-50%, calc(var(--cap) / -2));
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.15em;
        text-align: center;
      }
      .cap {
        box-sizing: border-box;
        display: grid;
        place-items: center;
        width: var(--cap);
        height: var(--cap);
        border-radius: 50%;
        border: 0.12em solid var(--ink, #f4f1e8);
        font-weight: 700;
      }
      .knob {
        --cap: 2.3em;
      }
      .knob .cap {
        border-style: dashed;
      }
      .current .cap {
        background: var(--accent, #e8c987);
        color: var(--on-accent, #10202c);
        border-color: var(--accent, #e8c987);
      }
      .label {
        font-size: calc(var(--fs-small, 20px) * 0.9 * var(--fit, 1));
        line-height: 1.1;
      }
      .hold {
        font-size: calc(var(--fs-small, 20px) * 0.78 * var(--fit, 1));
        color: var(--ink-muted, #d3dde2);
      }
      .scenario .label {
        display: none;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .group {
        position: absolute;
        left: 0;
        right: 0;
        font-size: var(--fs-small, 20px);
        color: var(--ink-muted, #d3dde2);
      }
    `,
  ];

  private label(binding: ControlBinding): string {
    return uiText(INTENT_LABEL[binding.intent], this.language, this.pack);
  }

  /** What the button does when held, as a second, smaller line ("hold: More"). */
  private holdLabel(binding: ControlBinding): string | null {
    const { pack, language } = this;
    const hold = this.controls?.holds?.find((h) => h.button === binding.index && binding.control === 'button');
    return hold ? `${uiText('hold', language, pack)}: ${uiText(INTENT_LABEL[hold.intent], language, pack)}` : null;
  }

  protected renderSafely() {
    const controls = this.controls;
    if (!controls || controls.bindings.length === 0) return html``;
    const scenarioButtons = controls.bindings.filter((b) => b.intent === 'scenario');
    // The scenario row's caption sits above its buttons, like a panel's printed label.
    const rowY = scenarioButtons.length > 0 ? Math.min(...scenarioButtons.map((b) => b.y)) : null;
    return html`
      <section class="panel" aria-labelledby="hints-title">
        <p class="eyebrow" id="hints-title">${uiText('panel', this.language, this.pack)}</p>
        <div class="board">
          ${rowY !== null
            ? html`<div class="group" ${cssomStyle({ top: `${Math.max(0, rowY * 100 - 30)}%` })}>${uiText('ctlScenario', this.language, this.pack)}</div>`
            : ''}
          <ul>
            ${controls.bindings.map((b) => {
              const classes = ['control', b.control, b.intent === 'scenario' ? 'scenario' : '', b.intent === 'scenario' && b.scenario === this.scenarioIndex ? 'current' : '']
                .filter(Boolean)
                .join(' ');
              const label = this.label(b);
              return html`<li class=${classes} ${cssomStyle({ left: `${b.x * 100}%`, top: `${b.y * 100}%`, width: `${labelWidth(b, controls.bindings) * 100}%` })} data-control="${b.control}-${b.index}">
                <span class="cap" aria-hidden="true">${b.intent === 'scenario' ? (b.scenario ?? 0) + 1 : b.control === 'knob' ? '⟲' : ''}</span>
                <span class="label">${label}</span>
                ${this.holdLabel(b) ? html`<span class="label hold">${this.holdLabel(b)}</span>` : ''}
                ${b.intent === 'scenario' ? html`<span class="sr">${label} ${(b.scenario ?? 0) + 1}</span>` : ''}
              </li>`;
            })}
          </ul>
        </div>
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
