import { expect } from '@esm-bundle/chai';
import { MapScene } from '../../../kiosk/scene/map-scene.js';
import { frames, loadData, openScene, type SceneFixture } from './scene-fixture.js';

/** Resolves after `count` animation callbacks of the page (the scene's loop gets one in each). */
const animationCallbacks = (count: number): Promise<void> =>
  new Promise((resolve) => {
    let seen = 0;
    const tick = (): void => {
      if (++seen >= count) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

describe('MapScene draws on demand', () => {
  let scene: MapScene;
  let canvas: HTMLCanvasElement;
  beforeEach(async () => {
    const { geo, pack } = await loadData();
    canvas = document.createElement('canvas');
    // Small: what is counted is frames, not pixels.
    canvas.style.cssText = 'position:fixed;left:0;top:0;width:320px;height:180px';
    document.body.append(canvas);
    scene = new MapScene(canvas, { antialias: false });
    scene.setGeo(geo);
    scene.setPack(pack);
    await scene.firstFrame;
  });
  afterEach(() => {
    scene.dispose();
    canvas.remove();
  });

  it('draws nothing while nothing on a still map changes, and one frame when asked', async () => {
    const { pack } = await loadData();
    scene.reducedMotion = true;
    scene.showScenario(pack.scenarios[1]!);
    // The switch itself is drawn (a cut with reduced motion, then the labels fade in).
    const drawnAtSwitch = scene.stats().frames;
    await animationCallbacks(40);
    expect(scene.stats().frames, 'the switch is drawn').to.be.greaterThan(drawnAtSwitch);
    const still = scene.stats().frames;
    await animationCallbacks(30);
    expect(scene.stats().frames, 'frames drawn by a still map over 30 animation callbacks').to.equal(still);
    // The picture's figures stay those of the picture on screen.
    expect(scene.stats().drawCalls).to.be.greaterThan(4);
    expect(scene.stats().triangles).to.be.greaterThan(10_000);
    scene.requestFrame();
    await animationCallbacks(5);
    expect(scene.stats().frames, 'after requestFrame()').to.equal(still + 1);
  });

  it('keeps drawing while a flow moves, and stops once motion is reduced', async () => {
    const { pack } = await loadData();
    const flowing = pack.scenarios.find((s) => s.corridors.length > 0)!;
    scene.showScenario(flowing);
    await animationCallbacks(5);
    const before = scene.stats().frames;
    await animationCallbacks(30);
    expect(scene.stats().frames - before, 'frames drawn over 30 animation callbacks while corridors flow').to.be.greaterThan(20);
    scene.reducedMotion = true;
    await animationCallbacks(40);
    const still = scene.stats().frames;
    await animationCallbacks(30);
    expect(scene.stats().frames, 'with reduced motion the flows hold still').to.equal(still);
  });
});

describe('MapScene overdraw at 1920x1080', () => {
  let fixture: SceneFixture;
  before(async () => {
    fixture = await openScene();
  });
  after(() => fixture.close());

  it('shades each screen pixel about once: the sea only where no land covers it, a frame over the ground little more than its copy', () => {
    const { scene, pack } = fixture;
    scene.reducedMotion = true;
    for (const scenario of pack.scenarios) {
      scene.showScenario(scenario);
      frames(scene, 1);
      const report = scene.overdraw();
      const ground = report['ground']!, frame = report['frame']!;
      // Measured 1.018-1.027 for the ground (sea + land + borders) and 1.11-1.17 for a frame (copy, flows, labels).
      expect(ground['all'], `${scenario.id}: ground ${JSON.stringify(ground)}`).to.be.within(0.9, GROUND_LIMIT);
      expect(frame['copy'], `${scenario.id}: the copy`).to.be.closeTo(1, 1e-6);
      expect(frame['all'], `${scenario.id}: frame ${JSON.stringify(frame)}`).to.be.within(1, FRAME_LIMIT);
    }
    expect(fixture.errors).to.deep.equal([]);
  });
});

const GROUND_LIMIT = 1.1;
const FRAME_LIMIT = 1.25;
