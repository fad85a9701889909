import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/install-banner.js';
import { loadPack, mount } from './harness.js';

describe('<install-banner>', () => {
  afterEach(() => document.querySelectorAll('install-banner').forEach((e) => e.remove()));

  it('shows nothing while no stick is in', async () => {
    const el = await mount('install-banner', { pack: await loadPack(), install: { phase: 'idle', progress: 0, lines: [] } });
    expect(el.shadowRoot!.querySelector('section')).to.equal(null);
  });

  it('shows progress while installing, then what was installed or refused and why', async () => {
    const el = await mount('install-banner', {
      pack: await loadPack(),
      language: 'es',
      install: { phase: 'installing', progress: 0.4, lines: ['reading STICK'] },
    });
    expect((el.shadowRoot!.querySelector('progress') as HTMLProgressElement).value).to.be.closeTo(0.4, 1e-6);
    expect(el.shadowRoot!.textContent).to.contain('Memoria USB');
    el.install = { phase: 'failed', progress: 1, lines: ['refused museum-2026 1.1.0: pack.sig: made by no trusted key'] };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('made by no trusted key');
  });

  it('shows a line from a stick as text, never as markup', async () => {
    const el = await mount('install-banner', {
      pack: await loadPack(),
      install: { phase: 'done', progress: 1, lines: ['<img src=x onerror="window.__usbPwned=1">'] },
    });
    // No <img> in the shadow root means no onerror can ever run: nothing to wait for.
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __usbPwned?: number }).__usbPwned).to.equal(undefined);
  });
});
