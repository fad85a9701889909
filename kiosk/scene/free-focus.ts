// Where on screen the scenario's point of interest should sit: the middle of
// what the overlays leave free, so no panel covers what the scenario is about.

export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const CELLS = 24;

/** Centroid of the uncovered part of a width x height screen, in pixels from the top-left. */
export function freeFocus(width: number, height: number, rects: readonly ScreenRect[]): { x: number; y: number } {
  let sumX = 0;
  let sumY = 0;
  let free = 0;
  for (let j = 0; j < CELLS; j++) {
    const y = ((j + 0.5) / CELLS) * height;
    for (let i = 0; i < CELLS; i++) {
      const x = ((i + 0.5) / CELLS) * width;
      let covered = false;
      for (const r of rects) {
        if (x >= r.left && x < r.left + r.width && y >= r.top && y < r.top + r.height) {
          covered = true;
          break;
        }
      }
      if (covered) continue;
      sumX += x;
      sumY += y;
      free++;
    }
  }
  return free === 0 ? { x: width / 2, y: height / 2 } : { x: sumX / free, y: sumY / free };
}
