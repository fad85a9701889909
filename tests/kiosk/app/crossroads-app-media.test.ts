// <crossroads-app> with a pack that has pictures and narration (real WebP,
// Opus and WebVTT files, tests/kiosk/fixtures/media/): the picture in the info
// panel and large, narration with captions in sync, and everything that
// stops it; a pack without media as before.

import { expect } from '@esm-bundle/chai';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { BridgeMessage } from '../../../firmware-bridge/api/messages.js';
import { cueIndexAt } from '../../../kiosk/media/webvtt.js';
import { EN_CUES, ES_FIRST_CUE, FERRY, mediaPack, VOICE_CREDIT, withoutMedia } from '../media/media-pack.js';
import { loadPack, styleLikeTheKiosk, until } from '../ui/harness.js';
import { hello, makeApp } from './app-fixture.js';

const key = (k: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
const narration = () => window.crossroads!.narration;

describe('<crossroads-app> with pictures and narration', () => {
  // Reduced motion, as a visitor may set it: still flows and camera cuts, so
  // the software renderer draws only on a change while the voice plays in real
  // time (motion is the scene tests' concern, not this file's).
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  let app: HTMLElementTagNameMap['crossroads-app'];
  let pack: PackManifest;
  let errors: string[];
  const root = () => app.shadowRoot!;
  const captions = () => root().querySelector('narration-captions');
  const shownCue = () => captions()?.shadowRoot?.querySelector('[data-testid="cue"]')?.textContent ?? null;
  const picture = () => root().querySelector('info-panel')?.shadowRoot?.querySelector('pack-picture') ?? null;

  async function start(manifest: PackManifest): Promise<void> {
    pack = manifest;
    app = makeApp({ 'bridge-url': 'none' });
    errors = [];
    app.addEventListener('kiosk-error', (event) => errors.push(JSON.stringify((event as CustomEvent).detail)));
    document.body.append(app);
    await app.updateComplete;
    app.receive(hello(pack));
    await window.crossroads!.ready;
  }

  /** Starts the narration with N and waits until its media time moves. */
  async function listen(): Promise<void> {
    key('n');
    await until(() => narration().currentTime > 0.2, () => `the narration playing; hooks say ${JSON.stringify(narration())}`, 15_000);
  }

  async function expectSilent(what: string): Promise<void> {
    await app.updateComplete;
    expect(narration().playing, what).to.equal(false);
    expect(narration().currentTime, what).to.equal(0);
    expect(captions(), what).to.equal(null);
  }

  afterEach(() => {
    app.remove();
    expect(errors).to.deep.equal([]);
  });

  it('shows the scenario’s picture in the info panel with its alt text and credit, large on request until the switch', async () => {
    await start(mediaPack(await loadPack()));
    key('1');
    key('i');
    await until(() => picture()?.state === 'shown', () => `the picture shown, state ${picture()?.state}`);
    await picture()!.updateComplete;
    const img = picture()!.shadowRoot!.querySelector('img')!;
    expect(img.alt).to.equal(FERRY.alt.en);
    expect(picture()!.shadowRoot!.querySelector('figcaption')!.textContent).to.equal(FERRY.credit.en);
    const panelWidth = root().querySelector('info-panel')!.getBoundingClientRect().width;
    key('p');
    await app.updateComplete;
    expect(app.hasAttribute('picture-large')).to.equal(true);
    const panel = root().querySelector('info-panel')!.getBoundingClientRect();
    expect(panel.width).to.be.above(panelWidth);
    // Still beside the map's middle, not over it.
    expect(panel.left).to.be.at.least(innerWidth / 2);
    key('l');
    await until(() => img.alt === FERRY.alt.es, () => `the Spanish alt text; it says ${img.alt}`);
    key('PageDown');
    await app.updateComplete;
    expect(app.hasAttribute('picture-large')).to.equal(false);
    expect(root().querySelector('info-panel')).to.equal(null);
  });

  it('leaves a picture that fails out, and the panel works without it', async () => {
    await start(mediaPack(await loadPack()));
    key('2');
    key('i');
    await until(() => picture()?.state === 'failed', () => `the picture given up, state ${picture()?.state}`);
    expect(picture()!.shadowRoot!.querySelector('img')).to.equal(null);
    expect(root().querySelector('info-panel')!.shadowRoot!.querySelector('h2')!.textContent).to.equal(pack.scenarios[1]!.title.en);
  });

  it('plays the narration on N with captions that follow the voice within 250 ms, its credit and the draft mark', async () => {
    await start(mediaPack(await loadPack()));
    key('1');
    await app.updateComplete;
    expect(root().querySelector('scenario-card')!.narration).to.equal('ready');
    key('n');
    const seen: string[] = [];
    const late: string[] = [];
    await until(
      () => {
        const { currentTime, playing } = narration();
        const cue = shownCue() || null;
        if (cue && seen.at(-1) !== cue) seen.push(cue);
        if (playing && currentTime > 0) {
          // What may rightly be on screen: the cue at the media time, or one that ended at most 250 ms ago.
          const rightly: (string | null)[] = [0, 0.05, 0.1, 0.15, 0.2, 0.25].map((lag) => EN_CUES[cueIndexAt(EN_CUES, Math.max(0, currentTime - lag))]?.text ?? null);
          if (!rightly.includes(cue)) late.push(`${cue} at ${currentTime.toFixed(3)} s`);
        }
        return seen.length === EN_CUES.length && !narration().playing;
      },
      () => `every cue, then the end: saw ${JSON.stringify(seen)}, hooks ${JSON.stringify(narration())}`,
      20_000,
    );
    expect(late).to.deep.equal([]);
    expect(seen).to.deep.equal(EN_CUES.map((c) => c.text));
    await expectSilent('after the end');
    expect(root().querySelector('scenario-card')!.narration).to.equal('ready');
  });

  it('stops the narration on a switch, a language change and the idle reset, and never plays in attract mode', async () => {
    await start(mediaPack(await loadPack()));
    key('1');
    await listen();
    await app.updateComplete;
    const credit = captions()!.shadowRoot!;
    expect(credit.querySelector('[data-testid="voice-credit"]')!.textContent).to.contain(VOICE_CREDIT.en);
    expect(credit.querySelector('[data-testid="draft"]')).not.to.equal(null);
    expect(root().querySelector('scenario-card')!.narration).to.equal('playing');
    key('PageDown');
    await expectSilent('after a switch');

    key('1');
    await listen();
    key('l');
    await expectSilent('after a language change');
    // In Spanish it speaks Spanish.
    await listen();
    await until(() => shownCue() === ES_FIRST_CUE, () => `the Spanish caption; it shows ${shownCue()}`);

    app.state.reset();
    await expectSilent('after the idle reset');
    expect(window.crossroads!.mode).to.equal('attract');
    // The attract loop drifts over the narrated scenario and stays silent.
    for (let i = 0; i < pack.scenarios.length; i++) {
      app.state.drift();
      await app.updateComplete;
      expect(narration().playing, `attract, ${window.crossroads!.scenario}`).to.equal(false);
    }
    expect(root().querySelector('scenario-card')!.narration).to.equal('none');
  });

  it('stops quietly for a file that is no audio; turns the volume within 0..1 for the visit', async () => {
    await start(mediaPack(await loadPack()));
    key('2');
    key('n');
    await until(() => !narration().playing, () => `the broken narration stopped; hooks ${JSON.stringify(narration())}`);
    await expectSilent('after a broken file');
    expect(narration().volume).to.equal(0.8);
    key('+');
    expect(narration().volume).to.equal(0.85);
    for (let i = 0; i < 10; i++) key('+');
    expect(narration().volume).to.equal(1);
    app.receive({ type: 'intent', intent: { kind: 'volume', delta: -30 } });
    expect(narration().volume).to.equal(0);
    app.state.reset();
    expect(narration().volume).to.equal(0.8);
  });

  it('holds the idle reset off while someone listens, and lets it come once the narration ends', async () => {
    await start(mediaPack(await loadPack()));
    app.receive({ ...hello(pack), idleResetS: 1 } as BridgeMessage);
    key('1');
    key('n');
    const countdowns: string[] = [];
    let spoke = false;
    await until(
      () => {
        const { playing, currentTime } = narration();
        spoke ||= currentTime > 0;
        if (playing && currentTime > 1.5 && app.idleCountdown !== null) countdowns.push(`${app.idleCountdown} s at ${currentTime.toFixed(2)} s`);
        return spoke && !playing;
      },
      () => `the narration to end; hooks ${JSON.stringify(narration())}`,
      20_000,
    );
    // Five seconds of voice against an idle time of one: no "still there?" while it spoke.
    expect(countdowns).to.deep.equal([]);
    await until(() => app.idleCountdown !== null, () => `the countdown after the end; it shows ${app.idleCountdown}`);
  });

  it('works as before with a pack without media: no Listen button, no picture, N and P do nothing', async () => {
    await start(withoutMedia(await loadPack()));
    key('1');
    key('n');
    key('p');
    await app.updateComplete;
    expect(narration().playing).to.equal(false);
    expect(root().querySelector('scenario-card')!.narration).to.equal('none');
    expect(root().querySelector('scenario-card')!.shadowRoot!.querySelector('[data-testid="listen"]')).to.equal(null);
    expect(root().querySelector('info-panel')).to.equal(null);
    key('i');
    await app.updateComplete;
    expect(picture()).to.equal(null);
    expect(app.hasAttribute('picture-large')).to.equal(false);
    expect(window.crossroads!.scenario).to.equal(pack.scenarios[0]!.id);
  });

  it('is calm and legible at 1920x1080 with the picture and a caption (screenshot to look at)', async () => {
    await setViewport({ width: 1920, height: 1080 });
    await styleLikeTheKiosk();
    await start(mediaPack(await loadPack()));
    key('1');
    key('i');
    await until(() => picture()?.state === 'shown', 'the picture shown');
    key('n');
    await until(() => shownCue() === EN_CUES[0]!.text, () => `the first caption; it shows ${shownCue()}`);
    // The captions sit under the map's middle, clear of the panels beside them.
    // Measured while the cue shows: on a busy machine the voice (5 s) may end during the screenshot.
    const box = captions()!.getBoundingClientRect();
    for (const tag of ['scenario-card', 'info-panel', 'scenario-strip']) {
      const other = root().querySelector(tag)!.getBoundingClientRect();
      const overlap = box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      expect(overlap, `captions over ${tag}`).to.equal(false);
    }
    expect(await executeServerCommand('save-screenshot', { name: 'info-panel-picture-captions' })).to.equal('tests/output/screenshots/info-panel-picture-captions.png');
    key('p');
    await app.updateComplete;
    await until(() => picture()?.state === 'shown', 'the large picture shown');
    expect(await executeServerCommand('save-screenshot', { name: 'info-panel-picture-large' })).to.equal('tests/output/screenshots/info-panel-picture-large.png');
  });
});
