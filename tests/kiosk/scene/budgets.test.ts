import { expect } from '@esm-bundle/chai';
import { frames, openScene, type SceneFixture } from './scene-fixture.js';

describe('MapScene budgets at 1920x1080', () => {
  let fixture: SceneFixture;
  before(async () => {
    fixture = await openScene();
  });
  after(() => fixture.close());

  it('draws every scenario within 60 draw calls and 300,000 triangles, without shader errors', () => {
    const { scene, pack } = fixture;
    expect(pack.scenarios.length).to.be.greaterThan(2);
    // Reduced motion: each switch is complete in one frame.
    scene.reducedMotion = true;
    for (const scenario of pack.scenarios) {
      scene.showScenario(scenario);
      frames(scene, 1);
      const stats = scene.stats();
      expect(stats.drawCalls, scenario.id).to.be.within(5, 60);
      expect(stats.triangles, scenario.id).to.be.within(10_000, 300_000);
    }
    expect(fixture.errors).to.deep.equal([]);
  });
});
