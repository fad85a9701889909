// <crossroads-app> with the built-in pack's picture large: the text under it
// ends on a whole line (cut with a fade, never through its letters) at the
// kiosk's 1920x1080 and a small 1280x800 screen, in English and Spanish, for
// the scenario whose text is longest in each language, and stays legible.

import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { loadPack, styleLikeTheKiosk, until } from '../ui/harness.js';
import { hello, makeApp } from './app-fixture.js';

const key = (k: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k }));

/** Each text line's box under `box`, from its text nodes. */
function lines(box: Element): DOMRect[] {
  const out: DOMRect[] = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.height > 0 && r.width > 0) out.push(r);
  }
  return out;
}

describe('<crossroads-app> with the picture large', () => {
  let app: HTMLElementTagNameMap['crossroads-app'];
  let pack: PackManifest;
  const panel = () => app.shadowRoot!.querySelector('info-panel')!;
  const picture = () => app.shadowRoot!.querySelector('info-panel')?.shadowRoot?.querySelector('pack-picture') ?? null;

  before(async () => {
    await styleLikeTheKiosk();
    pack = await loadPack();
    // No map data: what is measured is the panels' layout, and SwiftShader drawing the map at each resize would make this slow.
    app = makeApp({ 'bridge-url': 'none', 'geo-url': '/geo/not-served.json' });
    document.body.append(app);
    await app.updateComplete;
    app.receive(hello(pack));
    await app.updateComplete;
  });
  after(async () => {
    app.remove();
    await setViewport({ width: 1920, height: 1080 });
  });

  /** The scenario whose text under the picture is longest in both languages (sources count, about a line each). */
  const longest = (): number => {
    const length = (i: number) => Math.min(...['en', 'es'].map((l) => pack.scenarios[i]!.more[l]!.length)) + pack.scenarios[i]!.sources.length * 120;
    return pack.scenarios.reduce((best, _, i) => (length(i) > length(best) ? i : best), 0);
  };

  async function expectWholeLines(what: string): Promise<void> {
    await until(() => picture()?.large === true && picture()?.state === 'shown', () => `${what}: the picture large and shown, state ${picture()?.state ?? 'no panel'}`);
    const text = panel().shadowRoot!.querySelector<HTMLElement>('.text')!;
    await until(() => text.hasAttribute('clamped') || text.scrollHeight <= text.clientHeight + 1, `${what}: the text measured`);
    const box = text.getBoundingClientRect();
    const all = lines(text);
    const shown = all.filter((r) => r.top < box.bottom - 0.5);
    const cut = shown.filter((r) => r.bottom > box.bottom + 1);
    expect(cut.map((r) => `${r.top.toFixed(0)}..${r.bottom.toFixed(0)}`), `${what}: lines cut by the box's bottom at ${box.bottom.toFixed(0)}`).to.deep.equal([]);
    // Something to read under the picture: its first paragraph's opening lines, whole.
    const first = lines(text.querySelector('p')!);
    expect(first.filter((r) => r.bottom <= box.bottom + 1).length, `${what}: whole lines of the first paragraph shown`).to.be.at.least(2);
    if (all.length > shown.length) expect(text.hasAttribute('clamped'), `${what}: the fade on when text is left out`).to.equal(true);
    // The panel ends at the screen's edge, and the picture is whole above the text.
    expect(panel().getBoundingClientRect().bottom, what).to.be.at.most(innerHeight + 0.5);
    expect(picture()!.getBoundingClientRect().bottom, what).to.be.at.most(box.top + 0.5);
  }

  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 800 },
  ]) {
    it(`ends the text on a whole line, in the panel's own text size, at ${size.width}x${size.height} in English and Spanish`, async () => {
      await setViewport(size);
      key(String(longest() + 1));
      key('i');
      await until(() => picture()?.state === 'shown', 'the picture in the panel');
      const paragraph = () => panel().shadowRoot!.querySelector('.text p')!;
      const fontSize = getComputedStyle(paragraph()).fontSize;
      key('p');
      await expectWholeLines(`${size.width}x${size.height}, en`);
      // Large, the text is cut, never made smaller.
      expect(getComputedStyle(paragraph()).fontSize).to.equal(fontSize);
      key('l');
      await until(() => window.crossroads!.language === 'es', 'Spanish');
      await app.updateComplete;
      await expectWholeLines(`${size.width}x${size.height}, es`);
      key('l');
      key('i');
      await until(() => picture() === null && window.crossroads!.language === 'en', 'the panel closed, in English');
    });
  }
});
