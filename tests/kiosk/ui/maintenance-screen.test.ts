import { expect } from '@esm-bundle/chai';
import type { BoardStatus } from '../../../firmware-bridge/api/messages.js';
import '../../../kiosk/ui/maintenance-screen.js';
import { axeCheck, loadPack, mount, loadPanel, shadowText, until } from './harness.js';

const board: BoardStatus = {
  connected: true,
  simulated: false,
  boardId: 'e6614103e7452d2f',
  firmware: '1.2.0',
  lastSeenMs: 20,
  port: '/dev/ttyACM0',
  framesDropped: { crc: 3, seq: 0, malformed: 1 },
  losses: { silence: 1, unplugged: 2, error: 0, protocol: 0 },
};

describe('<maintenance-screen>', () => {
  let el: HTMLElementTagNameMap['maintenance-screen'];
  afterEach(() => el.remove());

  const make = async () =>
    mount(
      'maintenance-screen',
      {
        pack: await loadPack(),
        board,
        controls: await loadPanel(),
        packInfo: { id: 'caspian-2025', version: '1.1.0', source: 'installed', installedAt: '2025-09-01T08:30:00Z' },
        packs: [
          { id: 'caspian-2025', version: '1.0.0', source: 'built-in', installedAt: null },
          { id: 'caspian-2025', version: '1.1.0', source: 'installed', installedAt: '2025-09-01T08:30:00Z' },
          { id: 'caspian-2025', version: '1.0.5', source: 'installed', installedAt: '2025-08-01T08:30:00Z' },
        ],
        errors: [{ at: '2025-09-01T08:31:02.000Z', level: 'error', scope: 'bridge/panel', message: 'lost the board' }],
        install: { phase: 'installing', progress: 0.4, lines: ['reading caspian-2025 1.2.0'] },
        stats: () => ({ drawCalls: 42, triangles: 1, geometries: 1, textures: 0, programs: 1, programsCompiled: 1, heapBytes: null, frames: performance.now() / 16, checks: performance.now() / 16, groundExact: true }),
        healthUrl: '',
      },
      '1900px',
    );

  it('shows the board, dropped frames by reason, packs, rendering, errors and the USB install', async () => {
    el = await make();
    const text = shadowText(el);
    expect(el.shadowRoot!.querySelector('[data-testid="board-connected"]')!.textContent).to.equal('connected');
    expect(text).to.contain('e6614103e7452d2f');
    expect(text).to.contain('1.2.0');
    expect(el.shadowRoot!.querySelector('[data-testid="frames-dropped"]')!.textContent).to.equal('crc: 3, malformed: 1');
    expect(el.shadowRoot!.querySelector('[data-testid="board-losses"]')!.textContent).to.equal('silence: 1, unplugged: 2');
    expect(el.shadowRoot!.querySelectorAll('[data-testid="packs"] li')).to.have.length(3);
    expect(el.shadowRoot!.querySelector('[data-testid="packs"]')!.textContent!.replace(/\s+/g, ' ')).to.match(/1\.1\.0 · installed .*2025.* · on screen/);
    expect(el.shadowRoot!.querySelector('[data-testid="draw-calls"]')!.textContent).to.equal('42');
    expect(el.shadowRoot!.querySelector('[data-testid="errors"]')!.textContent).to.contain('lost the board');
    expect(el.shadowRoot!.querySelector('[data-testid="install"] progress')).not.to.equal(null);
    const fps = () => el.shadowRoot!.querySelector('[data-testid="fps"]')!.textContent!;
    // The rate needs two of the screen's once-a-second samples.
    await until(() => fps() !== '…', () => `a frame rate; the screen shows "${fps()}"`);
    expect(Number(fps())).to.be.closeTo(62, 8);
    el.install = { phase: 'idle', progress: 0, lines: [] };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-testid="install"]')).to.equal(null);
  });

  it('says the map is still when its loop ran and drew nothing, rather than 0 frames a second', async () => {
    el = await make();
    el.stats = () => ({ drawCalls: 42, triangles: 1, geometries: 1, textures: 0, programs: 1, programsCompiled: 1, heapBytes: null, frames: 500, checks: performance.now() / 16, groundExact: true });
    const fps = () => el.shadowRoot!.querySelector('[data-testid="fps"]')!.textContent!;
    await until(() => fps() === 'still: nothing to draw', () => `"still"; the screen shows "${fps()}"`);
  });

  it('rolls back only after a second press', async () => {
    el = await make();
    let asked = 0;
    el.addEventListener('kiosk-rollback', () => asked++);
    const button = () => el.shadowRoot!.querySelector('[aria-labelledby="m-packs"] button') as HTMLButtonElement;
    button().click();
    await el.updateComplete;
    expect(asked).to.equal(0);
    expect(button().textContent).to.contain('confirm');
    button().click();
    await el.updateComplete;
    expect(asked).to.equal(1);
    expect(button().disabled).to.equal(true);
  });

  it('shows the bridge uptime from /health, and "unknown" when it cannot ask', async () => {
    el = await make();
    expect(el.shadowRoot!.querySelector('[data-testid="uptime"]')!.textContent).to.equal('unknown');
    el.remove();
    const served = URL.createObjectURL(new Blob([JSON.stringify({ status: 'ok', uptimeS: 3725 })], { type: 'application/json' }));
    el = await make();
    el.healthUrl = served;
    el.remove();
    document.body.append(el);
    const uptime = () => el.shadowRoot!.querySelector('[data-testid="uptime"]')!.textContent;
    await until(() => uptime() === '1 h 02 min', () => `the uptime; the screen shows "${uptime()}"`);
    URL.revokeObjectURL(served);
  });

  it('passes axe', async () => {
    el = await make();
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
