// <input-tester>: every button and knob of the panel, laid out as on the
// panel; each lights while used and keeps a tick once it has worked. The
// state lives in InputActivity; the owner calls refresh() after recording.

import { css, html } from 'lit';
import type { ControlMap } from '../../firmware-bridge/api/messages.js';
import { uiText } from '../i18n/kiosk-strings.js';
import { INTENT_LABEL } from './control-hints.js';
import { InputActivity } from './input-activity.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export class InputTester extends PackElement {
  static override properties = {
    controls: { attribute: false },
  };

  declare controls: ControlMap | null;
  readonly activity = new InputActivity();
  private glowTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    this.controls = null;
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
      }
      li {
        box-sizing: border-box;
        min-width: 5.6em;
        padding: 0.3em 0.5em;
        border: 0.1em solid var(--ink-muted, #d3dde2);
        border-radius: 0.3em;
        text-align: center;
        font-size: var(--fs-small, 20px);
        line-height: 1.25;
        transition: background-color 150ms linear;
      }
      li.knob {
        border-radius: 1.2em;
      }
      li.lit {
        background: var(--accent, #e8c987);
        color: var(--on-accent, #10202c);
        border-color: var(--ink, #f4f1e8);
        font-weight: 700;
      }
      .mark {
        display: block;
        font-size: 1.1em;
      }
    `,
  ];

  /** Redraws now and when the latest glow ends. */
  refresh(): void {
    this.requestUpdate();
    if (this.glowTimer) clearTimeout(this.glowTimer);
    const next = this.activity.nextChange(Date.now());
    this.glowTimer = next === null ? null : setTimeout(() => this.refresh(), next - Date.now() + 20);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.glowTimer) clearTimeout(this.glowTimer);
    this.glowTimer = null;
  }

  protected renderSafely() {
    const { controls, pack, language } = this;
    const buttons = controls?.buttons ?? 0;
    const knobs = controls?.knobs ?? 0;
    const now = Date.now();
    const bindingOf = (control: 'button' | 'knob', index: number) => controls?.bindings.find((b) => b.control === control && b.index === index);
    const item = (control: 'button' | 'knob', index: number) => {
      const s = this.activity.state(control, index, now);
      const binding = bindingOf(control, index);
      const does = !binding
        ? '—'
        : binding.intent === 'scenario'
          ? `${uiText('scenario', language, pack)} ${(binding.scenario ?? 0) + 1}`
          : uiText(INTENT_LABEL[binding.intent], language, pack);
      return html`<li class="${control}${s.lit ? ' lit' : ''}" data-control="${control}-${index}" data-lit=${s.lit ? 'true' : 'false'} data-used=${s.used ? 'true' : 'false'}>
        <span class="mark" aria-hidden="true">${s.used ? '✓' : '·'}</span>
        ${uiText(control, language, pack)} ${index}${control === 'knob' ? html` <span>(${s.position})</span>` : ''}<br /><span>${does}</span>
      </li>`;
    };
    return html`
      <section aria-labelledby="tester-title">
        <h2 class="eyebrow" id="tester-title">${uiText('inputTester', language, pack)}</h2>
        <ul>
          ${Array.from({ length: buttons }, (_, i) => item('button', i))} ${Array.from({ length: knobs }, (_, i) => item('knob', i))}
        </ul>
      </section>
    `;
  }
}

customElements.define('input-tester', InputTester);

declare global {
  interface HTMLElementTagNameMap {
    'input-tester': InputTester;
  }
}
