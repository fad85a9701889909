import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/control-hints.js';
import { axeCheck, loadPack, mount, PANEL } from './harness.js';

describe('<control-hints>', () => {
  let el: HTMLElementTagNameMap['control-hints'];
  afterEach(() => el.remove());

  it('lays the controls out like the panel, saying what each does in the visitor’s language', async () => {
    el = await mount('control-hints', { controls: PANEL, pack: await loadPack(), language: 'es', scenarioIndex: 2 }, '30rem');
    const board = el.shadowRoot!.querySelector('.board')!.getBoundingClientRect();
    const at = (id: string) => {
      const r = el.shadowRoot!.querySelector(`[data-control="${id}"] .cap`)!.getBoundingClientRect();
      return { x: (r.left + r.width / 2 - board.left) / board.width, y: (r.top + r.height / 2 - board.top) / board.height };
    };
    for (const b of PANEL.bindings) {
      const p = at(`${b.control}-${b.index}`);
      expect(p.x).to.be.closeTo(b.x, 0.02);
      expect(p.y).to.be.closeTo(b.y, 0.03);
    }
    const label = (id: string) => el.shadowRoot!.querySelector(`[data-control="${id}"] .label`)!.textContent;
    expect(label('knob-0')).to.equal('Cronología');
    expect(label('button-7')).to.equal('Idioma (mantener: Más)');
    expect(el.shadowRoot!.querySelector('[data-control="button-2"]')!.classList.contains('current')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[data-control="button-2"] .cap')!.textContent).to.equal('3');
  });

  it('keeps neighbouring labels from overlapping', async () => {
    el = await mount('control-hints', { controls: PANEL, pack: await loadPack(), language: 'en' }, '30rem');
    const boxes = [...el.shadowRoot!.querySelectorAll('.label')]
      .filter((n) => getComputedStyle(n).display !== 'none')
      .map((n) => n.getBoundingClientRect());
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
        expect(overlap, `labels ${i} and ${j} overlap`).to.equal(false);
      }
    }
  });

  it('passes axe', async () => {
    el = await mount('control-hints', { controls: PANEL, pack: await loadPack(), scenarioIndex: 0 }, '30rem');
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
