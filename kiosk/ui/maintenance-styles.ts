// The maintenance screen's look: it covers the whole screen, a grid of
// panels (the board, packs, rendering, errors; the tester and a USB install
// across), definition lists for figures, and a roll-back button that turns
// to its accent colour while it waits for the second press.

import { css } from 'lit';

export const maintenanceStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    height: 100%;
    padding: 1.2em 1.6em;
    background: var(--screen-bg, #061018);
    overflow: hidden;
  }
  h1 {
    font-size: 1.6em;
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    margin-bottom: 0.6em;
    gap: 1em;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(22em, 1fr));
    gap: 0.8em;
  }
  .wide {
    grid-column: 1 / -1;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.15em 0.8em;
    margin: 0;
  }
  dt {
    color: var(--ink-muted, #d3dde2);
  }
  dd {
    margin: 0;
  }
  ul {
    margin: 0;
    padding-left: 1.1em;
  }
  .errors li {
    font-size: var(--fs-small, 20px);
    font-family: 'DejaVu Sans Mono', monospace;
    overflow-wrap: anywhere;
  }
  button {
    margin-top: 0.5em;
    font: inherit;
    padding: 0.35em 0.8em;
    border-radius: 0.3em;
    border: 0.1em solid var(--ink, #f4f1e8);
    background: transparent;
    color: var(--ink, #f4f1e8);
    cursor: pointer;
  }
  button.confirm {
    background: var(--accent, #e8c987);
    color: var(--on-accent, #10202c);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  progress {
    width: 100%;
  }
`;
