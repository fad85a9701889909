import { describe, expect, it } from 'vitest';
import { wholeLineCut } from '../../../kiosk/ui/whole-line-clamp.js';

const line = (top: number, height: number) => ({ top, bottom: top + height });

describe('wholeLineCut', () => {
  it('keeps the whole room when every line fits', () => {
    expect(wholeLineCut([line(100, 30), line(130, 30)], 100, 70)).toBe(70);
  });

  it('cuts after the last line that fits whole, never through one', () => {
    const lines = [line(100, 30), line(130, 30), line(160, 30), line(190, 30)];
    expect(wholeLineCut(lines, 100, 100)).toBe(90);
    expect(wholeLineCut(lines, 100, 89)).toBe(60);
    expect(wholeLineCut(lines, 100, 20)).toBe(0);
  });

  it('counts smaller print and gaps between paragraphs: a cut in a gap is whole, one beside a taller line is not', () => {
    // A paragraph's line, a gap, then a list line in smaller print beside a number box that is taller.
    const lines = [line(0, 30), line(45, 24), line(40, 32), line(72, 24)];
    expect(wholeLineCut(lines, 0, 70)).toBe(30);
    expect(wholeLineCut(lines, 0, 80)).toBe(72);
  });
});
