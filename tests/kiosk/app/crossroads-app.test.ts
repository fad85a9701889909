import { expect } from '@esm-bundle/chai';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { BridgeMessage } from '../../../firmware-bridge/api/messages.js';
import '../../../kiosk/app/crossroads-app.js';

async function loadPack(): Promise<PackManifest> {
  return (await (await fetch('/fixtures/pack.json')).json()) as PackManifest;
}

const hello = (pack: PackManifest): BridgeMessage => ({
    type: 'hello',
    bridgeVersion: '0.1.0',
    kioskVersion: '0.1.0',
    pack,
    packInfo: { id: pack.id, version: pack.version, source: 'built-in', installedAt: null },
    controls: { buttons: 8, knobs: 2, bindings: [] },
    board: { connected: false, simulated: true, boardId: null, firmware: null, lastSeenMs: null, port: null, framesDropped: {} },
    idleResetS: 90,
});

describe('<crossroads-app>', () => {
  let app: HTMLElementTagNameMap['crossroads-app'];
  let pack: PackManifest;

  beforeEach(async () => {
    pack = await loadPack();
    app = document.createElement('crossroads-app');
    app.setAttribute('bridge-url', 'none');
    app.style.cssText = 'position:fixed;inset:0';
    document.body.append(app);
    await app.updateComplete;
    app.receive(hello(pack));
    await window.crossroads!.ready;
  });

  afterEach(() => app.remove());

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
      setTimeout(() => {
        throw new Error('simulated failure inside a component');
      });
      await new Promise((r) => setTimeout(r, 50));
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
