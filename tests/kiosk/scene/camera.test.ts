import { expect } from '@esm-bundle/chai';
import type { Vector3 } from 'three';
import type { Scenario } from '../../../content/schema/pack-types.js';
import { frames, openScene, type SceneFixture } from './scene-fixture.js';

describe('camera moves', () => {
  let fixture: SceneFixture;
  before(async () => {
    fixture = await openScene(480, 270);
  });
  after(() => fixture.close());

  /** Where the camera ends up for a scenario (reached by a cut). */
  const restingAt = (scenario: Scenario): Vector3 => {
    fixture.scene.reducedMotion = true;
    fixture.scene.showScenario(scenario);
    frames(fixture.scene, 1);
    return fixture.scene.rig.camera.position.clone();
  };

  it('eases between scenarios in about a second', () => {
    const { scene, pack } = fixture;
    const [a, b] = [pack.scenarios[0]!, pack.scenarios[1]!];
    const atB = restingAt(b);
    const atA = restingAt(a);
    expect(atA.distanceTo(atB)).to.be.greaterThan(5);
    scene.reducedMotion = false;
    scene.showScenario(b);
    frames(scene, 5, 0.1);
    const halfway = scene.rig.camera.position.clone();
    expect(halfway.distanceTo(atA)).to.be.greaterThan(1);
    expect(halfway.distanceTo(atB)).to.be.greaterThan(1);
    expect(scene.rig.moving).to.equal(true);
    frames(scene, 7, 0.1);
    expect(scene.rig.moving).to.equal(false);
    expect(scene.rig.camera.position.distanceTo(atB)).to.be.lessThan(1e-3);
  });

  it('cuts at once with reduced motion', () => {
    const { scene, pack } = fixture;
    const [a, b] = [pack.scenarios[0]!, pack.scenarios[1]!];
    const atB = restingAt(b);
    restingAt(a);
    scene.showScenario(b);
    expect(scene.rig.moving).to.equal(false);
    expect(scene.rig.camera.position.distanceTo(atB)).to.be.lessThan(1e-3);
  });

  it('keeps the knobs within their limits', () => {
    const { scene, pack } = fixture;
    restingAt(pack.scenarios[0]!);
    scene.setView(6, 4);
    const limit = scene.rig.camera.position.clone();
    scene.setView(600, 400);
    expect(scene.rig.camera.position.distanceTo(limit)).to.be.lessThan(1e-6);
    scene.setView(0, 0);
    expect(scene.rig.camera.position.distanceTo(limit)).to.be.greaterThan(1);
  });
});
