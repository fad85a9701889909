import { expect } from '@esm-bundle/chai';
import { relationKey } from '../../../kiosk/scene/relation-layer.js';
import { frames, openScene, type SceneFixture } from './scene-fixture.js';

describe('what each scenario shows', () => {
  let fixture: SceneFixture;
  before(async () => {
    fixture = await openScene(960, 540);
  });
  after(() => fixture.close());

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
      for (const key of relationKeys) {
        expect(scene.relations!.visibility(key), `${scenario.id}: ${key}`).to.be.closeTo(own.has(key) ? 1 : 0, 1e-6);
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
