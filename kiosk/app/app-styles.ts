// The page's layout: the map fills the screen; overlays sit in a grid along
// its edges so the middle, where the camera puts the scenario's point of
// interest, stays clear. Landscape: label left, legend and panel hints right,
// timeline on top. Portrait: everything stacked below the map's middle.
// Type scales with the short side of the screen (22 px at 1080p). Sizes are
// in container units of the page's body (the window on a kiosk, or the
// author's fixed-size view frame).

import { css } from 'lit';

export const appStyles = css`
  :host {
    --text-scale: 1;
    --fs-body: max(13px, calc(2.05cqmin * var(--text-scale)));
    --fs-small: calc(var(--fs-body) * 0.91);
    --ink: #f4f1e8;
    --ink-muted: #d3dde2;
    --accent: #e8c987;
    --on-accent: #10202c;
    --panel-bg: rgba(8, 20, 30, 0.9);
    --panel-bg-solid: #08141e;
    --panel-border: 0.08em solid rgba(232, 201, 135, 0.28);
    --screen-bg: #061018;
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
    overflow: hidden;
    font-size: var(--fs-body);
    color: var(--ink);
  }
  :host([high-contrast]) {
    --ink: #ffffff;
    --ink-muted: #ffffff;
    --accent: #ffe14d;
    --on-accent: #000000;
    --panel-bg: #000000;
    --panel-bg-solid: #000000;
    --panel-border: 0.12em solid #ffffff;
    --screen-bg: #000000;
  }
  canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    display: block;
    touch-action: none;
  }
  .layer {
    position: absolute;
    inset: 2.2cqh 2cqw;
    display: grid;
    gap: 0.7em 1.2em;
    pointer-events: none;
    grid-template-columns: min(26em, 34cqw) 1fr min(25em, 31cqw);
    grid-template-rows: auto 1fr auto auto;
    grid-template-areas:
      'top top top'
      'left . .'
      'left . legend'
      'left strip hints';
  }
  .layer > * {
    pointer-events: auto;
    min-width: 0;
  }
  .top {
    grid-area: top;
  }
  .left {
    grid-area: left;
    align-self: end;
    display: flex;
    flex-direction: column;
    gap: 0.6em;
  }
  map-legend {
    grid-area: legend;
    align-self: end;
  }
  control-hints {
    grid-area: hints;
    align-self: end;
  }
  scenario-strip {
    grid-area: strip;
    align-self: end;
  }
  info-panel {
    grid-column: 3;
    grid-row: 1 / 5;
    align-self: stretch;
    overflow: hidden;
  }
  :host([info-open]) .layer {
    grid-template-columns: min(26em, 34cqw) 1fr min(31em, 40cqw);
  }
  :host([info-open]) .layer timeline-strip {
    grid-column: 1 / 3;
  }
  /* The picture large: the label steps aside (the panel has the title) and the
     panel widens over its side of the screen, still beside the map's middle. */
  :host([picture-large]) .layer {
    grid-template-columns: 0 1fr min(46em, 47cqw);
  }
  :host([picture-large]) .left {
    display: none;
  }
  /* Captions under the map's middle, above the touch strip, like a film's. */
  .captions {
    grid-column: 2;
    grid-row: 3;
    align-self: end;
    justify-self: center;
    width: min(36em, 100%);
    z-index: 1;
  }
  :host([info-open]) map-legend,
  :host([info-open]) control-hints {
    display: none;
  }
  /* Class mode: the teacher's prompt takes the top-left corner, the timeline the rest of the top. */
  :host([class-mode]) .layer {
    grid-template-areas:
      'lesson top top'
      'left . .'
      'left . legend'
      'left strip hints';
  }
  /* A class follows the teacher's clicker: the visitors' panel hints give way to the lesson. */
  :host([class-mode]) control-hints {
    display: none;
  }
  lesson-panel {
    grid-area: lesson;
    align-self: start;
  }
  .banner {
    grid-area: top;
    justify-self: center;
    z-index: 2;
  }
  maintenance-screen {
    position: absolute;
    inset: 0;
    z-index: 5;
  }
  /* A fleet operator's identify: the kiosk id, large, above everything. */
  .fleet-identify {
    position: absolute;
    top: 50%;
    left: 50%;
    transform: translate(-50%, -50%);
    z-index: 6;
    padding: 0.4em 0.8em;
    border: var(--panel-border);
    border-radius: 0.3em;
    background: var(--panel-bg);
    color: var(--accent);
    font-size: calc(var(--fs-body) * 4);
    font-weight: 700;
  }
  @container (orientation: portrait) {
    .layer {
      inset: 1.5cqh 3cqw;
      grid-template-columns: 1fr 1fr;
      grid-template-rows: auto 1fr auto auto auto;
      grid-template-areas:
        'top top'
        '. .'
        'left left'
        'legend hints'
        'strip strip';
    }
    :host([info-open]) .layer {
      grid-template-columns: 1fr 1fr;
    }
    :host([info-open]) .layer timeline-strip {
      grid-column: 1 / 3;
    }
    info-panel {
      grid-column: 1 / 3;
      grid-row: 3 / 5;
    }
    :host([picture-large]) .layer {
      grid-template-columns: 1fr 1fr;
    }
    .captions {
      grid-column: 1 / 3;
      grid-row: 2;
    }
    :host([info-open]) .left {
      display: none;
    }
    :host([class-mode]) .layer {
      grid-template-areas:
        'top top'
        'lesson lesson'
        'left left'
        'legend hints'
        'strip strip';
    }
  }
`;
