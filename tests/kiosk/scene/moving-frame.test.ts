// A frame drawn while the map moves reuses a ground drawn for an earlier
// camera (moved as a texture) and lifts the easing countries over it. It must
// look like the frame a direct draw of the same view gives, all through a switch.
import { expect } from '@esm-bundle/chai';
import { flushGpu, frames, openScene, type SceneFixture } from './scene-fixture.js';

const W = 640, H = 360;

function readScreen(canvas: HTMLCanvasElement): Uint8Array {
  const gl = canvas.getContext('webgl2')!;
  const out = new Uint8Array(W * H * 4);
  gl.readPixels(0, 0, W, H, gl.RGBA, gl.UNSIGNED_BYTE, out);
  return out;
}

/** Share of pixels off by more than `levels` in a channel, and the mean difference over all channels. */
function compare(a: Uint8Array, b: Uint8Array, levels: number): { off: number; mean: number } {
  let off = 0, sum = 0;
  for (let i = 0; i < a.length; i += 4) {
    let worst = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(a[i + c]! - b[i + c]!);
      sum += d;
      if (d > worst) worst = d;
    }
    if (worst > levels) off++;
  }
  return { off: off / (W * H), mean: sum / (W * H * 3) };
}

describe('a frame drawn while the map moves', () => {
  let fixture: SceneFixture;
  before(async () => {
    fixture = await openScene(W, H);
  });
  after(() => fixture.close());

  it('looks like a direct draw of the same view, with the easing countries lifted over a reused ground', () => {
    const { scene, pack, canvas } = fixture;
    const AT = [2, 6, 12, 24, 40, 60];
    /** A switch from a still map, the screen read at each of AT frames: as drawn, or drawn again directly. */
    const run = (direct: boolean): { screen: Uint8Array; calls: number; exact: boolean }[] => {
      scene.showScenario(pack.scenarios[0]!);
      frames(scene, 150);
      scene.showScenario(pack.scenarios[1]!);
      let step = 0;
      return AT.map((at) => {
        frames(scene, at - step);
        step = at;
        const exact = scene.stats().groundExact;
        if (direct) scene.drawExact(), flushGpu(scene);
        return { screen: readScreen(canvas), calls: scene.stats().drawCalls, exact };
      });
    };
    // Frames advance by a fixed step: both runs see the same cameras, highlights and flows at each frame.
    const moving = run(false), direct = run(true);
    let lifted = 0;
    AT.forEach((at, k) => {
      const m = moving[k]!, d = direct[k]!;
      expect(m.exact, `frame ${at} reuses a ground`).to.equal(false);
      // The lift adds its two draws (fill, outlines) to a frame over a ground drawn for it.
      if (m.calls === d.calls + 2) lifted++;
      const { off, mean } = compare(m.screen, d.screen, 40);
      // Seen: at most 1.2 % of pixels off by more than 40 levels (edges blended in the moved picture), a mean of at most 1.7 levels.
      expect(off, `frame ${at}: share of pixels off by over 40 levels`).to.be.lessThan(0.02);
      expect(mean, `frame ${at}: mean difference (levels)`).to.be.lessThan(3);
    });
    expect(lifted, 'moving frames drawn with the lift').to.be.greaterThan(1);
    expect(fixture.errors).to.deep.equal([]);
  });
});
