import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/idle-countdown.js';
import { axeCheck, loadPack, mount } from './harness.js';

describe('<idle-countdown>', () => {
  let el: HTMLElementTagNameMap['idle-countdown'];
  afterEach(() => el.remove());

  it('asks "still there?" in the visitor’s language with the seconds left', async () => {
    el = await mount('idle-countdown', { pack: await loadPack(), language: 'es', seconds: 7 });
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('¿Sigue ahí?');
    expect(el.shadowRoot!.querySelector('[data-testid="seconds"]')!.textContent).to.equal('7');
    el.seconds = 6;
    el.language = 'en';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Still there?');
    expect(el.shadowRoot!.querySelector('[data-testid="seconds"]')!.textContent).to.equal('6');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).not.to.equal(null);
    expect(el.shadowRoot!.getAnimations()).to.have.length(0);
  });

  it('passes axe', async () => {
    el = await mount('idle-countdown', { pack: await loadPack(), seconds: 3 });
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
