import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/input-tester.js';
import { axeCheck, loadPack, mount, loadPanel, until } from './harness.js';

describe('<input-tester>', () => {
  let el: HTMLElementTagNameMap['input-tester'];
  afterEach(() => el.remove());

  const item = (id: string) => el.shadowRoot!.querySelector(`[data-control="${id}"]`)!;

  it('lights each button while held and each knob as it turns, and ticks what has worked', async () => {
    const panel = await loadPanel();
    el = await mount('input-tester', { controls: panel, pack: await loadPack() }, '80rem');
    expect(el.shadowRoot!.querySelectorAll('li')).to.have.length(panel.buttons + panel.knobs);
    el.activity.record({ kind: 'button', index: 4, pressed: true }, Date.now());
    el.refresh();
    await el.updateComplete;
    expect(item('button-4').getAttribute('data-lit')).to.equal('true');
    expect(item('button-4').textContent).to.contain('Scenario 5');
    el.activity.record({ kind: 'button', index: 4, pressed: false }, Date.now());
    el.activity.record({ kind: 'knob', index: 1, delta: -3 }, Date.now());
    el.refresh();
    await el.updateComplete;
    expect(item('button-4').getAttribute('data-lit')).to.equal('false');
    expect(item('button-4').getAttribute('data-used')).to.equal('true');
    expect(item('knob-1').getAttribute('data-lit')).to.equal('true');
    expect(item('knob-1').textContent).to.contain('(-3)');
    // The knob's glow ends by itself.
    await until(() => item('knob-1').getAttribute('data-lit') === 'false', 'the knob to go dark');
    expect(item('knob-1').getAttribute('data-used')).to.equal('true');
  });

  it('passes axe, lit or not', async () => {
    el = await mount('input-tester', { controls: await loadPanel(), pack: await loadPack() }, '80rem');
    el.activity.record({ kind: 'button', index: 1, pressed: true }, Date.now());
    el.refresh();
    await el.updateComplete;
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
