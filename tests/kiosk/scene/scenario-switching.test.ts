import { expect } from '@esm-bundle/chai';
import type { Vector3 } from 'three';
import type { Scenario } from '../../../content/schema/pack-types.js';
import { QUIET } from '../../../kiosk/scene/eased-visibility.js';
import { relationKey } from '../../../kiosk/scene/relation-layer.js';
import { scenarioSubject } from '../../../kiosk/scene/scenario-subject.js';
import { frames, openScene, type SceneFixture } from './scene-fixture.js';

// One scene for both suites: switching is what is under test, not building.
let fixture: SceneFixture;
before(async () => {
  fixture = await openScene(960, 540);
});
after(() => fixture.close());

describe('what each scenario shows', () => {

  it('shows exactly the corridors and relations the pack names for it, and raises its actors', () => {
    const { scene, pack } = fixture;
    const relationKeys = new Set(pack.scenarios.flatMap((s) => s.relations.map(relationKey)));
    for (const scenario of pack.scenarios) {
      scene.reducedMotion = true;
      scene.showScenario(scenario);
      frames(scene, 1, 0.05);
      for (const corridor of pack.corridors) {
        const expected = scenario.corridors.includes(corridor.id) ? 1 : 0;
        expect(scene.corridors!.visibility(corridor.id), `${scenario.id}: ${corridor.id}`).to.be.closeTo(expected, 1e-6);
      }
      const own = new Set(scenario.relations.map(relationKey));
      // Its relations are its subject only when it names no corridor; else they are context, drawn quieter.
      const shown = scenarioSubject(pack, scenario).relationsAreSubject ? 1 : QUIET;
      for (const key of relationKeys) {
        expect(scene.relations!.visibility(key), `${scenario.id}: ${key}`).to.be.closeTo(own.has(key) ? shown : 0, 1e-6);
      }
      for (const id of scenario.highlight) {
        const iso = pack.actors.find((a) => a.id === id)?.iso;
        if (iso && scene.countries!.indexOf.has(iso)) expect(scene.countries!.isHighlighted(iso), `${scenario.id}: ${id}`).to.equal(true);
      }
    }
  });

  it('fades a switch in over frames rather than cutting, unless motion is reduced', () => {
    const { scene, pack } = fixture;
    const [a, b] = [pack.scenarios[0]!, pack.scenarios.find((s) => s.corridors.some((c) => !pack.scenarios[0]!.corridors.includes(c)))!];
    const fresh = b.corridors.find((c) => !a.corridors.includes(c))!;
    scene.reducedMotion = true;
    scene.showScenario(a);
    frames(scene, 1);
    scene.reducedMotion = false;
    scene.showScenario(b);
    frames(scene, 1, 1 / 60);
    const early = scene.corridors!.visibility(fresh);
    expect(early).to.be.within(0.01, 0.5);
    frames(scene, 20, 0.1);
    expect(scene.corridors!.visibility(fresh)).to.be.greaterThan(0.99);
  });
});

describe('camera moves', () => {

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

  it('draws the ground again during a move only when the picture it reuses would stray, and exactly once it holds still', () => {
    const { scene, pack } = fixture;
    const [a, b] = [pack.scenarios[0]!, pack.scenarios[1]!];
    restingAt(a);
    scene.reducedMotion = false;
    frames(scene, 3, 1 / 60);
    expect(scene.stats().groundExact, 'a still map').to.equal(true);
    const ground = (): number => scene.workTimes().ground.count;
    const groundBefore = ground(), drawnBefore = scene.stats().frames;
    scene.showScenario(b);
    frames(scene, 1, 1 / 60);
    expect(ground(), 'the first frame of a switch moves the still map ground').to.equal(groundBefore);
    expect(scene.stats().groundExact).to.equal(false);
    // Two seconds: the camera's ease (1.1 s) and the highlights' (a thousandth left after some 1.7 s).
    frames(scene, 120, 1 / 60);
    const drawn = scene.stats().frames - drawnBefore, grounds = ground() - groundBefore;
    // Seen: 121 frames, 10 grounds (the highlights' steps early on, the camera's stretch late); the rule before, every fourth frame, drew 26.
    expect(drawn, 'frames drawn over the move').to.be.greaterThan(110);
    expect(grounds, `grounds drawn in ${drawn} frames`).to.be.within(3, 15);
    expect(scene.rig.moving).to.equal(false);
    expect(scene.stats().groundExact, 'the ground drawn for the camera at rest').to.equal(true);
  });

  it('cuts at once with reduced motion', () => {
    const { scene, pack } = fixture;
    const [a, b] = [pack.scenarios[0]!, pack.scenarios[1]!];
    const atB = restingAt(b);
    restingAt(a);
    const groundBefore = scene.workTimes().ground.count;
    scene.showScenario(b);
    expect(scene.rig.moving).to.equal(false);
    expect(scene.rig.camera.position.distanceTo(atB)).to.be.lessThan(1e-3);
    // A cut draws its ground once, for the camera where it lands: nothing goes on moving to reuse a wider one for.
    frames(scene, 1);
    expect(scene.workTimes().ground.count - groundBefore, 'grounds drawn for the cut').to.equal(1);
    expect(scene.stats().groundExact).to.equal(true);
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
