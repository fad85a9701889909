import { expect } from '@esm-bundle/chai';
import { flushGpu, frames, openScene, type SceneFixture } from './scene-fixture.js';

const gc = (globalThis as { gc?: () => void }).gc;

function heap(): number | null {
  gc?.();
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize : null;
}

describe('MapScene lifecycle', () => {
  let fixture: SceneFixture;
  before(async () => {
    // Small: these tests count objects and bytes, not pixels, and the software
    // rasteriser's cost per frame grows with the canvas.
    fixture = await openScene(320, 180);
  });

  it('builds nothing on scenario switches: no growth after 500 of them', function () {
    this.timeout(240_000);
    const { scene, pack } = fixture;
    for (const scenario of pack.scenarios) {
      scene.showScenario(scenario);
      frames(scene, 1, 0.5);
    }
    // Warm up: every program compiled, every code path run once.
    for (let i = 0; i < 50; i++) {
      scene.showScenario(pack.scenarios[i % pack.scenarios.length]!);
      if (i % 5 === 0) frames(scene, 1, 0.05);
    }
    const before = scene.stats();
    const heapBefore = heap();
    for (let i = 0; i < 500; i++) {
      scene.showScenario(pack.scenarios[(i * 3) % pack.scenarios.length]!);
      scene.setView(i % 7 - 3, i % 5);
      if (i % 25 === 0) frames(scene, 1, 0.05);
    }
    flushGpu(scene);
    const after = scene.stats();
    const heapAfter = heap();
    expect(after.frames).to.be.greaterThan(before.frames);
    expect(after.geometries).to.equal(before.geometries);
    expect(after.textures).to.equal(before.textures);
    expect(after.programs).to.equal(before.programs);
    if (heapBefore !== null && heapAfter !== null) expect(heapAfter - heapBefore).to.be.lessThan(1_000_000);
    expect(fixture.errors).to.deep.equal([]);
  });

  it('draws frames, camera moving and flows flowing, without holding on to memory', function () {
    // 780 software-rendered frames, each waited for: slow on a loaded machine, however small.
    this.timeout(240_000);
    const { scene, pack } = fixture;
    scene.reducedMotion = false;
    scene.showScenario(pack.scenarios[0]!);
    // The knobs keep the camera moving, so labels are laid out on every frame.
    const run = (): void => {
      for (let i = 0; i < 60; i++) {
        if (i % 10 === 0) scene.setView((i / 10) % 6, (i / 20) % 4);
        scene.step(0.02);
      }
      flushGpu(scene);
    };
    // Warm up (compiled code and caches), then measure over 600 frames: a
    // leak grows with the frames drawn, while the optimising compiler's late
    // code (a few hundred KB, at a time that depends on the machine's load) does not.
    for (let k = 0; k < 3; k++) run();
    const heapBefore = heap();
    for (let k = 0; k < 10; k++) run();
    const heapAfter = heap();
    if (heapBefore !== null && heapAfter !== null) expect(heapAfter - heapBefore).to.be.lessThan(600_000);
  });

  it('rebuilds the pack layers for a new pack without leaking the old ones, compiling their shaders or drawing the same names again', () => {
    const { scene, pack } = fixture;
    scene.showScenario(pack.scenarios[1]!);
    frames(scene, 1, 0.5);
    const first = scene.stats();
    const drawn = scene.labels!.atlasDraws;
    scene.setPack(structuredClone(pack));
    frames(scene, 1, 0.5);
    const second = scene.stats();
    // The same names: the atlas is kept and nothing is drawn into it.
    expect(scene.labels!.atlasDraws).to.equal(drawn);
    expect(second.geometries).to.equal(first.geometries);
    expect(second.textures).to.equal(first.textures);
    // The old layers were freed after the new ones' first frame, so their programs carried over.
    expect(second.programs).to.equal(first.programs);
    expect(second.programsCompiled).to.equal(first.programsCompiled);
  });

  it('frees every geometry and texture on dispose()', () => {
    const { scene } = fixture;
    const live = scene.stats();
    expect(live.geometries).to.be.greaterThan(4);
    expect(live.textures).to.be.greaterThan(0);
    fixture.close();
    const freed = scene.stats();
    expect(freed.geometries).to.equal(0);
    expect(freed.textures).to.equal(0);
    expect(scene.corridors).to.equal(null);
    expect(scene.labels).to.equal(null);
    expect(document.querySelectorAll('canvas').length).to.equal(0);
  });
});
