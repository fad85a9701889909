import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/control-hints.js';
import { axeCheck, loadPack, mount, loadPanel } from './harness.js';

describe('<control-hints>', () => {
  let el: HTMLElementTagNameMap['control-hints'];
  afterEach(() => el.remove());

  it('lays the controls out like the panel, saying what each does in the visitor’s language', async () => {
    el = await mount('control-hints', { controls: await loadPanel(), pack: await loadPack(), language: 'es', scenarioIndex: 2 }, '30rem');
    const board = el.shadowRoot!.querySelector('.board')!.getBoundingClientRect();
    const at = (id: string) => {
      const r = el.shadowRoot!.querySelector(`[data-control="${id}"] .cap`)!.getBoundingClientRect();
      return { x: (r.left + r.width / 2 - board.left) / board.width, y: (r.top + r.height / 2 - board.top) / board.height };
    };
    for (const b of (await loadPanel()).bindings) {
      const p = at(`${b.control}-${b.index}`);
      expect(p.x).to.be.closeTo(b.x, 0.02);
      expect(p.y).to.be.closeTo(b.y, 0.03);
    }
    const label = (id: string) => el.shadowRoot!.querySelector(`[data-control="${id}"] .label`)!.textContent;
    expect(label('knob-0')).to.equal('Cronología');
    expect(label('button-7')).to.equal('Idioma');
    const hold = (id: string) => el.shadowRoot!.querySelector(`[data-control="${id}"] .hold`)?.textContent;
    expect(hold('button-7')).to.equal('mantener: Más');
    // Picture and narration have no button of their own on the museum panel: they are said under previous and next.
    expect([label('button-5'), hold('button-5')]).to.deep.equal(['Anterior', 'mantener: Imagen']);
    expect([label('button-6'), hold('button-6')]).to.deep.equal(['Siguiente', 'mantener: Escuchar']);
    expect(el.shadowRoot!.querySelector('[data-control="button-2"]')!.classList.contains('current')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[data-control="button-2"] .cap')!.textContent).to.equal('3');
  });

  for (const language of ['en', 'es']) {
    for (const width of ['30rem', '27rem']) {
      it(`keeps neighbouring labels from overlapping (${language}, ${width}, in the kiosk's fonts)`, async () => {
        el = await mount('control-hints', { controls: await loadPanel(), pack: await loadPack(), language }, width);
        const labels = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.label')].filter((n) => getComputedStyle(n).display !== 'none');
        for (const label of labels) {
          // Every word fits the room its control gives it.
          expect(label.scrollWidth, `"${label.textContent}" is wider than its box`).to.be.at.most(label.parentElement!.clientWidth + 1);
        }
        const boxes = labels.map((n) => n.getBoundingClientRect());
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const b = boxes[j]!;
            const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
            expect(overlap, `"${labels[i]!.textContent}" and "${labels[j]!.textContent}" overlap`).to.equal(false);
          }
        }
      });
    }
  }

  it('passes axe', async () => {
    el = await mount('control-hints', { controls: await loadPanel(), pack: await loadPack(), scenarioIndex: 0 }, '30rem');
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
