import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/attract-overlay.js';
import { axeCheck, loadPack, mount, shadowText } from './harness.js';

describe('<attract-overlay>', () => {
  let el: HTMLElementTagNameMap['attract-overlay'];
  afterEach(() => el.remove());

  it('invites in every language of the pack, pack strings first', async () => {
    const pack = await loadPack();
    pack.languages = [...pack.languages, 'fr'];
    pack.strings = { invite: { fr: 'Appuyez sur un bouton ou tournez un bouton' } };
    el = await mount('attract-overlay', { pack });
    const lines = [...el.shadowRoot!.querySelectorAll('.invite')].map((n) => [n.getAttribute('lang'), n.textContent]);
    expect(lines).to.deep.equal([
      ['en', 'Press any button or turn a knob'],
      ['es', 'Pulse cualquier botón o gire un mando'],
      ['fr', 'Appuyez sur un bouton ou tournez un bouton'],
    ]);
    expect(shadowText(el)).to.contain(pack.title.en);
  });

  it('never pulses faster than once a second, stops after a few breaths, and stands still with reduced motion', async () => {
    el = await mount('attract-overlay', { pack: await loadPack() });
    const animations = el.shadowRoot!.getAnimations();
    expect(animations.length).to.be.greaterThan(0);
    for (const animation of animations) {
      const duration = Number(animation.effect!.getComputedTiming().duration);
      // A flash is a pair of opposing changes: a cycle of 1 s or more is at most one a second, far under 3.
      expect(duration).to.be.at.least(1000);
      // It breathes a few times, then holds still (an endless one keeps the browser compositing every refresh).
      const iterations = Number(animation.effect!.getComputedTiming().iterations);
      expect(iterations).to.be.within(1, 5);
    }
    el.reduced = true;
    await el.updateComplete;
    expect(el.shadowRoot!.getAnimations()).to.have.length(0);
  });

  it('passes axe: contrast, roles and names', async () => {
    el = await mount('attract-overlay', { pack: await loadPack() });
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
