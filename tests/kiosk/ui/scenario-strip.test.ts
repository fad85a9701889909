import { expect } from '@esm-bundle/chai';
import type { Intent } from '../../../firmware-bridge/api/messages.js';
import '../../../kiosk/ui/scenario-strip.js';
import { axeCheck, loadPack, mount } from './harness.js';

describe('<scenario-strip>', () => {
  let el: HTMLElementTagNameMap['scenario-strip'];
  afterEach(() => el.remove());

  it('has a numbered, named, touch-sized button per scenario and asks for the one tapped', async () => {
    const pack = await loadPack();
    el = await mount('scenario-strip', { pack, language: 'es', index: 1 }, '60rem');
    const buttons = [...el.shadowRoot!.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(pack.scenarios.map((_, i) => String(i + 1)));
    expect(buttons[1]!.getAttribute('aria-pressed')).to.equal('true');
    expect(buttons[3]!.getAttribute('aria-label')).to.equal(`4. ${pack.scenarios[3]!.title.es}`);
    for (const b of buttons) expect(b.getBoundingClientRect().height).to.be.at.least(44);
    const asked: Intent[] = [];
    el.addEventListener('kiosk-intent', (e) => asked.push((e as CustomEvent<Intent>).detail));
    buttons[5]!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    buttons[5]!.click();
    expect(asked).to.deep.equal([{ kind: 'scenario', index: 5 }]);
  });

  it('passes axe', async () => {
    el = await mount('scenario-strip', { pack: await loadPack(), index: 0 }, '60rem');
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
