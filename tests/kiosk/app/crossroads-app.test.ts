import { expect } from '@esm-bundle/chai';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { BridgeMessage } from '../../../firmware-bridge/api/messages.js';
import { setViewport } from '@web/test-runner-commands';
import { loadPack, until } from '../ui/harness.js';
import { hello, makeApp } from './app-fixture.js';

describe('<crossroads-app>', () => {
  let app: HTMLElementTagNameMap['crossroads-app'];
  let pack: PackManifest;

  beforeEach(async () => {
    pack = await loadPack();
    app = makeApp({ 'bridge-url': 'none' });
    document.body.append(app);
    await app.updateComplete;
    app.receive(hello(pack));
    await window.crossroads!.ready;
  });

  afterEach(() => app.remove());
  // Back to the runner's 800x600 after a test that looks at 1080p: each test
  // builds a new map, and at full HD its first frames cost the software
  // renderer about twice as much, for tests that look at no pixel.
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('draws the map with the pack and exposes the page hooks', async () => {
    const hooks = window.crossroads!;
    expect(hooks.mode).to.equal('attract');
    expect(hooks.scenario).to.equal(pack.scenarios[0]!.id);
    expect(hooks.language).to.equal('en');
    const stats = hooks.stats();
    expect(stats.frames).to.be.greaterThan(0);
    expect(stats.drawCalls).to.be.greaterThan(0);
    expect(stats.triangles).to.be.greaterThan(1000);
  });

  it('has read-only hooks', () => {
    const hooks = window.crossroads! as unknown as Record<string, unknown>;
    expect(() => {
      'use strict';
      hooks.mode = 'maintenance';
    }).to.throw();
    expect(window.crossroads!.mode).to.equal('attract');
  });

  it('switches scenario on an intent from the bridge and on a key press', async () => {
    app.receive({ type: 'intent', intent: { kind: 'scenario', index: 2 } });
    expect(window.crossroads!.scenario).to.equal(pack.scenarios[2]!.id);
    expect(window.crossroads!.mode).to.equal('scenario');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '2' }));
    expect(window.crossroads!.scenario).to.equal(pack.scenarios[1]!.id);
    await app.updateComplete;
    const card = app.shadowRoot!.querySelector('scenario-card')!;
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('h1')!.textContent).to.equal(pack.scenarios[1]!.title.en);
  });

  it('waits for a quiet moment before showing a new pack', async () => {
    app.receive({ type: 'intent', intent: { kind: 'scenario', index: 1 } });
    const renamed = { ...pack, scenarios: pack.scenarios.map((s) => ({ ...s, title: { ...s.title, en: `New ${s.title.en}` } })) };
    app.receive({ type: 'pack', pack: renamed, packInfo: { id: pack.id, version: '9.0.0', source: 'installed', installedAt: null } });
    await app.updateComplete;
    const title = () => app.shadowRoot!.querySelector('scenario-card')!.shadowRoot!.querySelector('h1')!.textContent;
    expect(title()).to.equal(pack.scenarios[1]!.title.en);
    app.state.reset();
    await app.updateComplete;
    const card = app.shadowRoot!.querySelector('scenario-card')!;
    await card.updateComplete;
    expect(title()!.startsWith('New ')).to.equal(true);
  });

  const root = () => app.shadowRoot!;
  const settle = async () => {
    await app.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
  };

  it('shows the visitor overlays only when they apply', async () => {
    expect(root().querySelector('attract-overlay')).not.to.equal(null);
    expect(root().querySelector('timeline-strip')).to.equal(null);
    app.receive({ type: 'intent', intent: { kind: 'scenario', index: 1 } });
    await settle();
    expect(root().querySelector('attract-overlay')).to.equal(null);
    expect(root().querySelector('timeline-strip')).not.to.equal(null);
    expect(root().querySelector('map-legend')).not.to.equal(null);
    expect(root().querySelector('info-panel')).to.equal(null);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'i' }));
    await settle();
    expect(root().querySelector('info-panel')).not.to.equal(null);
    expect(app.hasAttribute('info-open')).to.equal(true);
  });

  it('keeps body text legible at 1.5 m at 1080p, larger in large-text mode', async () => {
    app.receive({ type: 'intent', intent: { kind: 'scenario', index: 0 } });
    await settle();
    const card = root().querySelector('scenario-card')!;
    await card.updateComplete;
    await setViewport({ width: 1920, height: 1080 });
    await settle();
    const size = () => parseFloat(getComputedStyle(card.shadowRoot!.querySelector('p')!).fontSize);
    expect(window.innerHeight).to.equal(1080);
    expect(size()).to.be.at.least(22);
    const normal = size();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 't' }));
    await settle();
    expect(app.hasAttribute('large-text')).to.equal(true);
    expect(size()).to.be.closeTo(normal * 1.3, 0.5);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'h' }));
    await settle();
    expect(app.hasAttribute('high-contrast')).to.equal(true);
    expect(getComputedStyle(card).backgroundColor).to.equal('rgb(0, 0, 0)');
  });

  it('keeps the overlays to the edges: the middle of the screen, where the map centres, stays clear', async () => {
    app.receive({ type: 'intent', intent: { kind: 'scenario', index: 7 } });
    await setViewport({ width: 1920, height: 1080 });
    await settle();
    const cx = window.innerWidth / 2;
    const cy = window.innerHeight / 2;
    for (const tag of ['scenario-card', 'map-legend', 'control-hints', 'timeline-strip', 'scenario-strip']) {
      const r = root().querySelector(tag)!.getBoundingClientRect();
      expect(r.width, tag).to.be.greaterThan(0);
      const covers = r.left < cx + 120 && r.right > cx - 120 && r.top < cy + 120 && r.bottom > cy - 120;
      expect(covers, `${tag} covers the middle`).to.equal(false);
    }
  });

  it('turns the map on a drag and opens a scenario on a tap of the strip', async () => {
    const canvas = root().querySelector('canvas')!;
    const at = (type: string, x: number) => canvas.dispatchEvent(new PointerEvent(type, { pointerId: 5, clientX: x, clientY: 500, bubbles: true }));
    at('pointerdown', 800);
    at('pointermove', 900);
    at('pointerup', 900);
    expect(app.state.current.orbit).to.equal(2);
    expect(window.crossroads!.mode).to.equal('scenario');
    await settle();
    const strip = root().querySelector('scenario-strip')!;
    (strip.shadowRoot!.querySelectorAll('button')[4] as HTMLButtonElement).click();
    expect(window.crossroads!.scenario).to.equal(pack.scenarios[4]!.id);
  });

  it('runs class mode from Ctrl+K with the clicker, larger text and no idle reset', async () => {
    app.receive({ ...hello(pack), idleResetS: 0.05 } as BridgeMessage);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown' }));
    await settle();
    expect(window.crossroads!.mode).to.equal('class');
    const panel = root().querySelector('lesson-panel')!;
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[data-testid="lesson-step"]')!.textContent).to.equal('2');
    expect(app.style.getPropertyValue('--text-scale')).to.equal('1.15');
    // Six idle times pass with nothing happening (a wait that can only prove an absence).
    await new Promise((r) => setTimeout(r, 300));
    expect(app.idleCountdown).to.equal(null);
    expect(window.crossroads!.mode).to.equal('class');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'K', ctrlKey: true }));
    expect(window.crossroads!.mode).to.equal('scenario');
    await settle();
    expect(app.style.getPropertyValue('--text-scale')).to.equal('1');
    // Back in scenario mode the short idle time applies: the countdown starts.
    await until(() => app.idleCountdown === 10, () => `the countdown; it shows ${app.idleCountdown}`);
    await settle();
    expect(root().querySelector('idle-countdown')).not.to.equal(null);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '1' }));
    expect(app.idleCountdown).to.equal(null);
  });

  it('opens maintenance with Ctrl+M, lights the tester from panel inputs, and ignores visitor input meanwhile', async () => {
    app.receive({ type: 'intent', intent: { kind: 'scenario', index: 3 } });
    app.receive({ ...hello(pack), controls: { buttons: 8, knobs: 2, bindings: [{ control: 'button', index: 6, intent: 'next', x: 0.4, y: 0.7 }] } } as BridgeMessage);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', ctrlKey: true }));
    await settle();
    expect(window.crossroads!.mode).to.equal('maintenance');
    const screen = root().querySelector('maintenance-screen')!;
    await screen.updateComplete;
    app.receive({ type: 'input', input: { kind: 'button', index: 6, pressed: true }, n: 1 } as BridgeMessage);
    app.receive({ type: 'intent', intent: { kind: 'next' } });
    const tester = screen.shadowRoot!.querySelector('input-tester')!;
    await tester.updateComplete;
    expect(tester.shadowRoot!.querySelector('[data-control="button-6"]')!.getAttribute('data-lit')).to.equal('true');
    expect(window.crossroads!.scenario).to.equal(pack.scenarios[3]!.id);
    app.receive({ type: 'board', board: { connected: true, simulated: false, boardId: 'abc123', firmware: '1.0.0', lastSeenMs: 5, port: '/dev/ttyACM0', framesDropped: {}, losses: { silence: 0, unplugged: 0, error: 0, protocol: 0 } } });
    await settle();
    await screen.updateComplete;
    expect(screen.shadowRoot!.textContent).to.contain('abc123');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', ctrlKey: true }));
    expect(window.crossroads!.mode).to.equal('scenario');
  });

  it('keeps running when a component throws, and shows no stack trace', async () => {
    // The test framework treats uncaught errors as failures: step it aside for this one.
    const saved = window.onerror;
    window.onerror = null;
    let prevented = false;
    const spy = (event: ErrorEvent) => {
      queueMicrotask(() => (prevented = event.defaultPrevented));
    };
    window.addEventListener('error', spy);
    try {
      await new Promise<void>((resolve) => {
        window.addEventListener('error', () => setTimeout(resolve), { once: true });
        setTimeout(() => {
          throw new Error('simulated failure inside a component');
        });
      });
    } finally {
      window.onerror = saved;
      window.removeEventListener('error', spy);
    }
    expect(prevented).to.equal(true);
    expect(document.body.textContent).not.to.contain('simulated failure');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3' }));
    expect(window.crossroads!.scenario).to.equal(pack.scenarios[2]!.id);
  });
});
