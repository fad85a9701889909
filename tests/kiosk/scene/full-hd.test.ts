import { expect } from '@esm-bundle/chai';
import { Vector3 } from 'three';
import { frames, openScene, type SceneFixture } from './scene-fixture.js';

type Rect = [number, number, number, number];
const overlaps = (a: Rect, b: Rect): boolean => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

describe('MapScene at 1920x1080', () => {
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

  it('lays labels out without overlaps, on screen, the scenario places first', () => {
    const { scene, pack } = fixture;
    scene.reducedMotion = true;
    for (const scenario of pack.scenarios) {
      scene.showScenario(scenario);
      frames(scene, 1);
      const placed = scene.labels!.placed();
      expect(placed.length, scenario.id).to.be.greaterThan(3);
      for (let i = 0; i < placed.length; i++) {
        const r = placed[i]!.rect;
        expect(r[0] >= 0 && r[1] >= 0 && r[0] + r[2] <= 1920 && r[1] + r[3] <= 1080, `${scenario.id}: ${placed[i]!.id} on screen`).to.equal(true);
        for (let j = i + 1; j < placed.length; j++) {
          expect(overlaps(r, placed[j]!.rect), `${scenario.id}: ${placed[i]!.id} / ${placed[j]!.id}`).to.equal(false);
        }
      }
      // The first place the scenario names is always shown (it is laid out first).
      const first = scenario.places?.[0];
      if (first) expect(placed.some((p) => p.kind === 'place' && p.id === first), `${scenario.id}: ${first}`).to.equal(true);
    }
  });

  it('names the countries a scenario is about', () => {
    const { scene, pack } = fixture;
    scene.reducedMotion = true;
    const zangezur = pack.scenarios.find((s) => s.id === 'zangezur-syunik')!;
    scene.showScenario(zangezur);
    frames(scene, 1);
    const named = new Set(scene.labels!.placed().filter((p) => p.kind === 'country').map((p) => p.id));
    for (const id of ['armenia', 'azerbaijan']) {
      const iso = pack.actors.find((a) => a.id === id)!.iso!;
      expect(named.has(iso), `${id} is named`).to.equal(true);
    }
  });

  it('keeps labels out from under the overlays', () => {
    const { scene, pack } = fixture;
    scene.reducedMotion = true;
    // A right-hand column and a bottom-left card, as the exhibit's panels are laid out.
    const covers = [
      { left: 1330, top: 0, width: 590, height: 1080 },
      { left: 0, top: 620, width: 640, height: 460 },
    ];
    scene.setOccluders(covers);
    for (const scenario of pack.scenarios) {
      scene.showScenario(scenario);
      frames(scene, 1);
      const placed = scene.labels!.placed();
      expect(placed.length, scenario.id).to.be.greaterThan(2);
      for (const label of placed) {
        for (const c of covers) {
          const rect: Rect = [c.left, 1080 - c.top - c.height, c.width, c.height];
          expect(overlaps(label.rect, rect), `${scenario.id}: ${label.id} under an overlay`).to.equal(false);
        }
      }
    }
    scene.setOccluders([]);
  });

  it('puts the scenario’s focus where the overlays leave room', () => {
    const { scene, pack } = fixture;
    scene.reducedMotion = true;
    const scenario = pack.scenarios.find((s) => s.id === 'zangezur-syunik')!;
    const where = (): { x: number; y: number } => {
      scene.showScenario(scenario);
      frames(scene, 1);
      const [x, y] = scene.projection.project(scenario.camera.center[0], scenario.camera.center[1]);
      const p = new Vector3(x, y, 0).project(scene.rig.camera);
      return { x: (p.x * 0.5 + 0.5) * 1920, y: (0.5 - p.y * 0.5) * 1080 };
    };
    const free = where();
    expect(free.x).to.be.closeTo(960, 40);
    scene.setOccluders([{ left: 1280, top: 0, width: 640, height: 1080 }]);
    const shifted = where();
    expect(shifted.x).to.be.closeTo(640, 40);
    scene.setOccluders([]);
    expect(where().x).to.be.closeTo(960, 40);
  });

  it('speaks the current language, and changes it without drawing the names again', () => {
    const { scene, pack } = fixture;
    const place = pack.places.find((p) => p.name.en !== p.name.es)!;
    const actor = pack.actors.find((a) => a.iso && a.name.en !== a.name.es)!;
    const draws = scene.labels!.atlasDraws;
    expect(draws).to.be.greaterThan(0);
    scene.setLanguage('es');
    expect(scene.labels!.text('place', place.id)).to.equal(place.name.es);
    expect(scene.labels!.text('country', actor.iso!)).to.equal(actor.name.es);
    // A country that is not an actor is named by the browser in that language.
    expect(scene.labels!.text('country', '276')).to.equal('Alemania');
    scene.setLanguage('en');
    expect(scene.labels!.text('place', place.id)).to.equal(place.name.en);
    expect(scene.labels!.text('country', '276')).to.equal('Germany');
    // Every language of the pack was drawn with the first; a language outside it is drawn when asked for.
    expect(scene.labels!.atlasDraws).to.equal(draws);
    scene.setLanguage('fr');
    expect(scene.labels!.text('country', '276')).to.equal('Allemagne');
    expect(scene.labels!.atlasDraws).to.equal(draws + 1);
    scene.setLanguage('en');
    expect(scene.labels!.atlasDraws).to.equal(draws + 1);
  });
});
