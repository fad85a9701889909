// <map-legend>: what the lines on the map mean, for the scenario on screen.
// Each entry has a swatch with the map's own pattern (dashes, double lines,
// ties, chevrons), so the legend reads without colour too.

import { css, html, svg, type SVGTemplateResult } from 'lit';
import type { Scenario } from '../../content/schema/pack-types.js';
import { uiText } from '../i18n/kiosk-strings.js';
import { CORRIDOR_KIND_STYLES, CORRIDOR_STATUS_STYLES, RELATION_STYLES, type StrokeStyle } from './legend-styles.js';
import { KIND_LABEL, legendFor, RELATION_LABEL, STATUS_LABEL } from './legend-model.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

function swatch(style: StrokeStyle, dash = style.dash, opacity = style.opacity ?? 1): SVGTemplateResult {
  const line = (y: number) =>
    svg`<line x1="4" y1=${y} x2="60" y2=${y} stroke=${style.colour} stroke-width=${style.width} stroke-dasharray=${dash || 'none'} stroke-linecap="round" opacity=${opacity}></line>`;
  const marks =
    style.marks === 'ties'
      ? [10, 22, 34, 46, 58].map((x) => svg`<line x1=${x} y1="4" x2=${x} y2="16" stroke=${style.colour} stroke-width="2" opacity=${opacity}></line>`)
      : style.marks === 'chevrons'
        ? [14, 30, 46].map((x) => svg`<polyline points="${x},4 ${x + 6},10 ${x},16" fill="none" stroke=${style.colour} stroke-width="2.5" opacity=${opacity}></polyline>`)
        : [];
  if (style.marks === 'wave') {
    return svg`<path d="M4 10 q7 -7 14 0 t14 0 t14 0 t14 0" fill="none" stroke=${style.colour} stroke-width=${style.width} stroke-dasharray=${dash || 'none'} opacity=${opacity}></path>`;
  }
  return style.double ? svg`${line(6)}${line(14)}` : svg`${line(10)}${marks}`;
}

export class MapLegend extends PackElement {
  static override properties = {
    scenario: { attribute: false },
  };

  declare scenario: Scenario | null;

  constructor() {
    super();
    this.scenario = null;
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
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11em, 1fr));
        gap: 0.15em 1em;
      }
      li {
        display: flex;
        align-items: center;
        gap: 0.5em;
        font-size: var(--fs-small, 20px);
        line-height: 1.25;
      }
      svg {
        flex: none;
        width: 2.6em;
        height: 0.9em;
      }
      h2 {
        font-size: var(--fs-small, 20px);
        margin: 0.35em 0 0.15em;
        color: var(--ink-muted, #d3dde2);
        font-weight: 600;
      }
    `,
  ];

  protected renderSafely() {
    const { pack, scenario, language } = this;
    if (!pack || !scenario) return html``;
    const model = legendFor(pack, scenario);
    if (model.corridors.length === 0 && model.relations.length === 0) return html``;
    return html`
      <section class="panel" aria-labelledby="legend-title">
        <p class="eyebrow" id="legend-title">${uiText('legend', language, pack)}</p>
        ${model.corridors.length > 0
          ? html`<h2>${uiText('corridors', language, pack)}</h2>
              <ul data-testid="legend-corridors">
                ${model.corridors.map(({ kind, status }) => {
                  const base = CORRIDOR_KIND_STYLES[kind];
                  const firmness = CORRIDOR_STATUS_STYLES[status];
                  return html`<li data-kind=${kind} data-status=${status}>
                    <svg viewBox="0 0 64 20" aria-hidden="true">${swatch(base, firmness.dash || base.dash, firmness.opacity)}</svg>
                    <span>${uiText(KIND_LABEL[kind], language, pack)}, ${uiText(STATUS_LABEL[status], language, pack)}</span>
                  </li>`;
                })}
              </ul>`
          : ''}
        ${model.relations.length > 0
          ? html`<h2>${uiText('relations', language, pack)}</h2>
              <ul data-testid="legend-relations">
                ${model.relations.map(
                  (type) => html`<li data-relation=${type}>
                    <svg viewBox="0 0 64 20" aria-hidden="true">${swatch(RELATION_STYLES[type])}</svg>
                    <span>${uiText(RELATION_LABEL[type], language, pack)}</span>
                  </li>`,
                )}
              </ul>`
          : ''}
      </section>
    `;
  }
}

customElements.define('map-legend', MapLegend);

declare global {
  interface HTMLElementTagNameMap {
    'map-legend': MapLegend;
  }
}
