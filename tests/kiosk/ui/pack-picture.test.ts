import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/pack-picture.js';
import { FERRY, mediaPack } from '../media/media-pack.js';
import { axeCheck, loadPack, mount, until } from './harness.js';

describe('<pack-picture>', () => {
  let el: HTMLElementTagNameMap['pack-picture'];
  afterEach(() => el.remove());

  const picture = async (id: string, language = 'en') => {
    const pack = mediaPack(await loadPack());
    return mount('pack-picture', { pack, image: pack.images!.find((i) => i.id === id)!, language }, '30rem');
  };

  it('shows the picture with its alt text and, under it, its credit, in the visitor’s language', async () => {
    el = await picture('ferry', 'es');
    await until(() => el.state === 'shown', () => `the picture shown, state ${el.state}`);
    await el.updateComplete;
    const img = el.shadowRoot!.querySelector('img')!;
    expect(img.alt).to.equal(FERRY.alt.es);
    expect(img.complete && img.naturalWidth).to.equal(FERRY.width);
    const credit = el.shadowRoot!.querySelector('[data-testid="picture-credit"]')!;
    expect(credit.textContent).to.equal(FERRY.credit.es);
    // Visibly under the picture, not hidden.
    expect(credit.getBoundingClientRect().top).to.be.at.least(img.getBoundingClientRect().bottom - 0.5);
    expect(credit.getBoundingClientRect().height).to.be.above(10);
    el.language = 'en';
    await el.updateComplete;
    expect(img.alt).to.equal(FERRY.alt.en);
    expect(credit.textContent).to.equal(FERRY.credit.en);
  });

  it('takes the picture’s shape before it arrives, so nothing moves when it does', async () => {
    el = await picture('ferry');
    // Unclamped by the panel's height limit, the box has the picture's declared shape.
    el.style.setProperty('--picture-max-height', 'none');
    const frame = el.shadowRoot!.querySelector('.frame')!;
    const before = frame.getBoundingClientRect();
    expect(el.state).to.equal('loading');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(before.height).to.be.closeTo((before.width * FERRY.height) / FERRY.width, 1);
    await until(() => el.state === 'shown', 'the picture shown');
    await el.updateComplete;
    const after = frame.getBoundingClientRect();
    expect([after.width, after.height]).to.deep.equal([before.width, before.height]);
  });

  for (const [id, what] of [
    ['corrupt', 'a file that is no picture'],
    ['missing', 'a file that is not there'],
  ] as const) {
    it(`shows nothing at all for ${what}: no broken-image icon, no credit`, async () => {
      el = await picture(id);
      await until(() => el.state === 'failed', () => `the picture given up, state ${el.state}`);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(el.shadowRoot!.querySelector('figcaption')).to.equal(null);
      expect(el.getBoundingClientRect().height).to.equal(0);
    });
  }

  it('passes axe', async () => {
    el = await picture('ferry');
    await until(() => el.state === 'shown', 'the picture shown');
    await el.updateComplete;
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('image-alt');
  });
});
