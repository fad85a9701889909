import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/control-hints.js';
import { axeCheck, loadPack, mount, loadPanel, until } from './harness.js';

/** The hints' box as the page lays it out (app-styles.ts): its width and small type at each supported screen. */
const SCREENS = [
  { at: '1920x1080', width: '553px', fs: '20.15px' },
  { at: '1080x1920', width: '494px', fs: '20.15px' },
  { at: '1280x800', width: '397px', fs: '14.92px' },
];

describe('<control-hints>', () => {
  let el: HTMLElementTagNameMap['control-hints'];
  afterEach(() => el.remove());

  const centre = (id: string) => {
    const r = el.shadowRoot!.querySelector(`[data-control="${id}"] .cap`)!.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  };

  it('lays the controls out in the panel’s rows and order, saying what each does (and held) in the visitor’s language', async () => {
    const panel = await loadPanel();
    el = await mount('control-hints', { controls: panel, pack: await loadPack(), language: 'es' }, SCREENS[0]!.width);
    // Same row on the panel, same row in the drawing; left to right as on the panel; the knobs one above the other.
    for (const a of panel.bindings) {
      for (const b of panel.bindings) {
        const [p, q] = [centre(`${a.control}-${a.index}`), centre(`${b.control}-${b.index}`)];
        if (Math.abs(a.y - b.y) < 0.1) {
          expect(Math.abs(p.y - q.y), `${a.intent} and ${b.intent} in a row`).to.be.below(2);
          if (a.x < b.x) expect(p.x, `${a.intent} left of ${b.intent}`).to.be.below(q.x);
        } else if (a.y < b.y) expect(p.y, `${a.intent} above ${b.intent}`).to.be.below(q.y);
      }
    }
    expect(Math.abs(centre('knob-0').x - centre('knob-1').x), 'the knobs line up').to.be.below(2);
    const label = (id: string) => el.shadowRoot!.querySelector(`[data-control="${id}"] .label`)!.textContent;
    const hold = (id: string) => el.shadowRoot!.querySelector(`[data-control="${id}"] .hold`)?.textContent;
    expect(label('knob-0')).to.equal('Cronología');
    expect([label('button-7'), hold('button-7')]).to.deep.equal(['Idioma', 'mantener: Más']);
    // Picture and narration have no button of their own on the museum panel: they are said under previous and next.
    expect([label('button-5'), hold('button-5')]).to.deep.equal(['Anterior', 'mantener: Imagen']);
    expect([label('button-6'), hold('button-6')]).to.deep.equal(['Siguiente', 'mantener: Escuchar']);
    // The scenario buttons: one numbered row, one caption, and no scenario marked (the strip and the card say which is on screen).
    const row = el.shadowRoot!.querySelector('.scenarios')!;
    expect([...row.querySelectorAll('.cap')].map((c) => c.textContent)).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(row.querySelectorAll('.label')).to.have.length(1);
    expect(row.querySelector('.label')!.textContent).to.equal('Escenarios');
    expect(el.shadowRoot!.querySelector('.current')).to.equal(null);
  });

  for (const language of ['en', 'es']) {
    it(`keeps every hint whole, inside the box and clear of the others at every screen (${language}, in the kiosk's fonts)`, async () => {
      el = await mount('control-hints', { controls: await loadPanel(), pack: await loadPack(), language }, SCREENS[0]!.width);
      for (const screen of SCREENS) {
        el.style.width = screen.width;
        el.style.setProperty('--fs-small', screen.fs);
        // FitText answers the resize from its observer: wait until no word is wider than its box.
        await until(
          () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.label')].every((l) => l.scrollWidth <= Math.ceil(l.getBoundingClientRect().width) + 1),
          () => `the labels to fit at ${screen.at}`,
          2000,
        );
        const at = `${screen.at}, ${language}`;
        const box = el.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
        const texts = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.label, .cap, .eyebrow')];
        const boxes = texts.map((n) => n.getBoundingClientRect());
        texts.forEach((text, i) => {
          const r = boxes[i]!;
          expect(text.scrollWidth, `${at}: "${text.textContent}" is wider than its box`).to.be.at.most(Math.ceil(r.width) + 1);
          expect(r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom, `${at}: "${text.textContent}" leaves the box`).to.equal(true);
          for (const [j, other] of boxes.entries()) {
            if (j <= i || texts[j]!.contains(text) || text.contains(texts[j]!)) continue;
            const overlap = Math.min(r.right, other.right) - Math.max(r.left, other.left) > 1 && Math.min(r.bottom, other.bottom) - Math.max(r.top, other.top) > 1;
            expect(overlap, `${at}: "${text.textContent}" and "${texts[j]!.textContent}" overlap`).to.equal(false);
          }
        });
        // Compact: never taller than wide.
        expect(box.height, `${at}: box height`).to.be.below(box.width);
      }
    });
  }

  it('shows in attract and a visit’s first seconds, fades after them, and shows again back in attract', async () => {
    el = await mount('control-hints', { controls: await loadPanel(), pack: await loadPack(), mode: 'attract' }, SCREENS[0]!.width);
    el.visitMs = 150;
    const seen = () => `faded=${el.faded}, visibility ${getComputedStyle(el).visibility}, opacity ${getComputedStyle(el).opacity}`;
    expect(el.faded).to.equal(false);
    expect(getComputedStyle(el).visibility).to.equal('visible');
    el.mode = 'scenario';
    await el.updateComplete;
    expect(el.faded, 'a visit starts with the hints on').to.equal(false);
    await until(() => el.faded && getComputedStyle(el).visibility === 'hidden', () => `the hints to fade: ${seen()}`);
    // Further use within the visit leaves them faded.
    el.language = 'es';
    await el.updateComplete;
    expect(el.faded).to.equal(true);
    el.mode = 'attract';
    await el.updateComplete;
    expect(el.faded, 'back in attract').to.equal(false);
    await until(() => getComputedStyle(el).visibility === 'visible', () => `the hints to show again: ${seen()}`);
  });

  it('passes axe', async () => {
    el = await mount('control-hints', { controls: await loadPanel(), pack: await loadPack() }, SCREENS[0]!.width);
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
