import { expect } from '@esm-bundle/chai';
import { Vector3 } from 'three';
import { frames, openScene, type SceneFixture } from './scene-fixture.js';

describe('camera moves', () => {
  let fixture: SceneFixture;
  before(async () => {
    fixture = await openScene(480, 270);
  });
  after(() => fixture.close());

  const settle = (): Vector3 => {
    frames(fixture.scene, 40, 0.1);
    return fixture.scene.rig.camera.position.clone();
  };

  it('eases between scenarios in about a second', () => {
    const { scene, pack } = fixture;
    const [a, b] = [pack.scenarios[0]!, pack.scenarios[1]!];
    scene.reducedMotion = false;
    scene.showScenario(b);
    const atB = settle();
    scene.showScenario(a);
    const atA = settle();
    expect(atA.distanceTo(atB)).to.be.greaterThan(5);
    scene.showScenario(b);
    frames(scene, 5, 0.1);
    const halfway = scene.rig.camera.position.clone();
    expect(halfway.distanceTo(atA)).to.be.greaterThan(1);
    expect(halfway.distanceTo(atB)).to.be.greaterThan(1);
    expect(scene.rig.moving).to.equal(true);
    frames(scene, 7, 0.1);
    expect(scene.rig.camera.position.distanceTo(atB)).to.be.lessThan(1e-3);
  });

  it('jumps at once with reduced motion', () => {
    const { scene, pack } = fixture;
    const [a, b] = [pack.scenarios[0]!, pack.scenarios[1]!];
    scene.reducedMotion = false;
    scene.showScenario(b);
    const atB = settle();
    scene.showScenario(a);
    settle();
    scene.reducedMotion = true;
    scene.showScenario(b);
    expect(scene.rig.moving).to.equal(false);
    frames(scene, 1, 1 / 60);
    expect(scene.rig.camera.position.distanceTo(atB)).to.be.lessThan(1e-3);
  });

  it('keeps the knobs within their limits', () => {
    const { scene, pack } = fixture;
    scene.reducedMotion = true;
    scene.showScenario(pack.scenarios[0]!);
    scene.setView(6, 4);
    const limit = scene.rig.camera.position.clone();
    scene.setView(600, 400);
    frames(scene, 1);
    expect(scene.rig.camera.position.distanceTo(limit)).to.be.lessThan(1e-6);
    scene.setView(0, 0);
    const home = scene.rig.camera.position.clone();
    expect(home.distanceTo(limit)).to.be.greaterThan(1);
    expect(scene.rig.distance).to.be.greaterThan(0);
  });
});
