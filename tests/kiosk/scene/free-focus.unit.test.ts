import { describe, expect, it } from 'vitest';
import { freeFocus } from '../../../kiosk/scene/free-focus.js';

describe('freeFocus', () => {
  it('is the middle of the screen when nothing covers it', () => {
    expect(freeFocus(1920, 1080, [])).toEqual({ x: 960, y: 540 });
  });

  it('moves away from what overlays cover', () => {
    // A right-hand column: the focus slides left, stays at mid-height.
    const right = freeFocus(1920, 1080, [{ left: 1280, top: 0, width: 640, height: 1080 }]);
    expect(right.x).toBeCloseTo(640, 0);
    expect(right.y).toBeCloseTo(540, 0);
    // Portrait with the bottom third covered: the focus rises.
    const portrait = freeFocus(1080, 1920, [{ left: 0, top: 1280, width: 1080, height: 640 }]);
    expect(portrait.y).toBeCloseTo(640, 0);
  });

  it('falls back to the middle when everything is covered', () => {
    expect(freeFocus(100, 100, [{ left: 0, top: 0, width: 100, height: 100 }])).toEqual({ x: 50, y: 50 });
  });
});
