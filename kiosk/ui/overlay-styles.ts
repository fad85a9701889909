// The look every overlay shares. Sizes are in em of --fs-body, which the app
// derives from the screen (22 px at 1080p, legible at 1.5 m), large-text and
// class mode; colours come from custom properties the high-contrast mode swaps.

import { css } from 'lit';

export const panelStyles = css`
  :host {
    box-sizing: border-box;
    color: var(--ink, #f4f1e8);
    font-size: var(--fs-body, 22px);
    line-height: 1.4;
  }
  .panel {
    box-sizing: border-box;
    background: var(--panel-bg, rgba(8, 20, 30, 0.9));
    border: var(--panel-border, 0.08em solid rgba(232, 201, 135, 0.25));
    border-radius: 0.3em;
    padding: 0.8em 1em;
  }
  .eyebrow {
    font-size: var(--fs-small, 20px);
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--accent, #e8c987);
    margin: 0 0 0.3em;
    font-weight: 600;
  }
  .muted {
    color: var(--ink-muted, #d3dde2);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    font-weight: 700;
  }
`;
