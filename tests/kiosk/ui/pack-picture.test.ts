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

  it('holds nothing on to after 50 rounds of pictures, small and large, and a broken one: no growth of pictures, elements or heap', async function () {
    this.timeout(20_000);
    const gc = (globalThis as { gc?: () => void }).gc;
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    if (!gc || !memory) throw new Error('needs Chromium with --js-flags=--expose-gc and --enable-precise-memory-info (tests/chromium-path.js)');
    // Every picture the element makes, weakly: the ones still alive after gc are what it holds.
    const NativeImage = window.Image;
    const made: WeakRef<HTMLImageElement>[] = [];
    window.Image = class extends NativeImage {
      constructor(width?: number, height?: number) {
        super(width, height);
        made.push(new WeakRef(this));
      }
    };
    try {
      const pack = mediaPack(await loadPack());
      const [ferry, corrupt] = ['ferry', 'corrupt'].map((id) => pack.images!.find((i) => i.id === id)!);
      el = await mount('pack-picture', { pack, image: ferry!, language: 'en' }, '30rem');
      const nodes = (): number => el.shadowRoot!.querySelectorAll('*').length;
      const round = async (): Promise<void> => {
        el.image = ferry!;
        el.large = false;
        await until(() => el.state === 'shown', () => `the picture shown, state ${el.state}`);
        el.large = true;
        await el.updateComplete;
        el.image = corrupt!;
        await until(() => el.state === 'failed', () => `the broken picture given up, state ${el.state}`);
        el.image = ferry!;
        await until(() => el.state === 'shown', () => `the picture shown large, state ${el.state}`);
        await el.updateComplete;
      };
      const settled = async (): Promise<{ heap: number; nodes: number; alive: number }> => {
        // A task later, so the weak references made in this one may be cleared.
        await new Promise((resolve) => setTimeout(resolve, 0));
        gc();
        gc();
        return { heap: memory.usedJSHeapSize, nodes: nodes(), alive: made.filter((r) => r.deref() !== undefined).length };
      };
      for (let i = 0; i < 3; i++) await round();
      const before = await settled();
      for (let i = 0; i < 50; i++) await round();
      const after = await settled();
      expect(made.length, 'a picture made for each load (two a round)').to.be.at.least(100);
      // The one on screen (and at most one being let go).
      expect(after.alive, `pictures still alive of ${made.length} made`).to.be.at.most(2);
      expect(after.nodes, 'elements in the picture').to.equal(before.nodes);
      expect(after.heap - before.heap, `heap growth (before ${before.heap} bytes)`).to.be.below(512 * 1024);
    } finally {
      window.Image = NativeImage;
    }
  });

  it('passes axe', async () => {
    el = await picture('ferry');
    await until(() => el.state === 'shown', 'the picture shown');
    await el.updateComplete;
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('image-alt');
  });
});
