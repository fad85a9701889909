import { expect } from '@esm-bundle/chai';
import type { Intent } from '../../../firmware-bridge/api/messages.js';
import '../../../kiosk/ui/timeline-strip.js';
import { axeCheck, loadPack, mount, shadowText, until } from './harness.js';

describe('<timeline-strip>', () => {
  let el: HTMLElementTagNameMap['timeline-strip'];
  afterEach(() => el.remove());

  it('marks the event reached and tells it, with its date', async () => {
    const pack = await loadPack();
    el = await mount('timeline-strip', { pack, language: 'en', index: -1 }, '1800px');
    expect(el.shadowRoot!.querySelectorAll('.events button')).to.have.length(pack.timeline.length);
    expect(shadowText(el)).to.contain('Turn the timeline knob');
    el.index = 2;
    el.language = 'es';
    await el.updateComplete;
    const current = el.shadowRoot!.querySelectorAll('button[aria-current="step"]');
    expect(current).to.have.length(1);
    expect(current[0]!.getAttribute('aria-label')).to.contain(pack.timeline[2]!.title.es);
    const told = el.shadowRoot!.querySelector('[data-testid="timeline-event"]')!;
    expect(told.textContent).to.contain(pack.timeline[2]!.text.es);
    expect(told.querySelector('time')!.textContent).to.equal('24 de febrero de 2022');
  });

  it('asks for the touched event as a timeline intent', async () => {
    const pack = await loadPack();
    el = await mount('timeline-strip', { pack, index: 1 }, '1800px');
    const asked: Intent[] = [];
    el.addEventListener('kiosk-intent', (e) => asked.push((e as CustomEvent<Intent>).detail));
    (el.shadowRoot!.querySelectorAll('button')[4] as HTMLButtonElement).click();
    expect(asked).to.deep.equal([{ kind: 'timeline', delta: 3 }]);
  });

  /**
   * The strip's width and small type as the page lays it out (app-styles.ts):
   * across the screen at 1920x1080, 1080x1920 and 1280x800, and beside the
   * open info panel at 1280x800, its narrowest.
   */
  const SCREENS = [
    { at: '1920x1080', width: '1843px', fs: '20.15px' },
    { at: '1080x1920', width: '1015px', fs: '20.15px' },
    { at: '1280x800', width: '1229px', fs: '14.92px' },
    { at: '1280x800, info open', width: '700px', fs: '14.92px' },
    // Class mode's larger type (x1.15) beside the lesson, and large text (x1.3) in portrait.
    { at: '1920x1080, class mode', width: '1163px', fs: '23.17px' },
    { at: '1080x1920, large text', width: '1015px', fs: '26.2px' },
    { at: '1280x800, info open, large text', width: '700px', fs: '19.4px' },
  ];
  for (const language of ['en', 'es']) {
    it(`labels every event, whole and clear of the others, and makes the one reached stand out, at every screen and text size (${language})`, async () => {
      const pack = await loadPack();
      el = await mount('timeline-strip', { pack, language, index: 3 }, SCREENS[0]!.width);
      for (const screen of SCREENS) {
        el.style.width = screen.width;
        el.style.setProperty('--fs-small', screen.fs);
        // FitText answers the resize from its observer: wait until every label fits its event's share.
        await until(
          () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.events .label')].every((l) => l.scrollWidth <= l.parentElement!.clientWidth + 1),
          () => `the labels to fit at ${screen.at}`,
          2000,
        );
        const at = `${screen.at}, ${language}`;
        const labels = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.events .label, .events .year')];
        expect(el.shadowRoot!.querySelectorAll('.events button .label'), at).to.have.length(pack.timeline.length);
        const strip = el.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
        const boxes = labels.map((l) => l.getBoundingClientRect());
        labels.forEach((label, i) => {
          const box = boxes[i]!;
          expect(label.textContent!.trim(), `${at}: label ${i}`).not.to.equal('');
          // Whole: not wider than its text, and inside the strip.
          expect(label.scrollWidth, `${at}: "${label.textContent}" is cut`).to.be.at.most(Math.ceil(box.width) + 1);
          expect(box.left >= strip.left && box.right <= strip.right, `${at}: "${label.textContent}" leaves the strip`).to.equal(true);
          for (const [j, other] of boxes.entries()) {
            if (j <= i) continue;
            const overlap = Math.min(box.right, other.right) - Math.max(box.left, other.left) > 1 && Math.min(box.bottom, other.bottom) - Math.max(box.top, other.top) > 1;
            expect(overlap, `${at}: "${label.textContent}" runs into "${labels[j]!.textContent}"`).to.equal(false);
          }
        });
        const size = (n: Element) => parseFloat(getComputedStyle(n).fontSize);
        const weight = (n: Element) => Number(getComputedStyle(n).fontWeight);
        const reached = el.shadowRoot!.querySelector('[aria-current="step"] .label')!;
        const other = el.shadowRoot!.querySelector('[aria-current="false"] .label')!;
        expect(size(reached), `${at}: the event reached is larger`).to.be.greaterThan(size(other) * 1.1);
        expect(weight(reached), `${at}: the event reached is bold`).to.be.at.least(700);
        expect(weight(other)).to.be.below(700);
      }
      // Events sharing a year are grouped under it, written once; a year's lone event is labelled with its year.
      const years = [...el.shadowRoot!.querySelectorAll('.events .year')].map((y) => y.textContent);
      expect(years).to.deep.equal(['2022', '2025']);
      const groups = [...el.shadowRoot!.querySelectorAll('.year-group')].map((g) => g.querySelectorAll('button').length);
      expect(groups).to.deep.equal([1, 1, 2, 1, 1, 7]);
      // The title of the event reached is told below the strip.
      expect(el.shadowRoot!.querySelector('[data-testid="timeline-event"] strong')!.textContent).to.equal(pack.timeline[3]!.title[language]);
    });
  }

  it('passes axe', async () => {
    el = await mount('timeline-strip', { pack: await loadPack(), index: 4 }, '1800px');
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});

// FitText, on the strip: it fits in the frame after an update, and leaves a
// label alone while its text, its box and its type size are as when it was
// last fitted (the strip updates on every knob turn, and each fitting step
// forces a layout), and fits it again when one changes.
describe('FitText', () => {
  let el: HTMLElementTagNameMap['timeline-strip'];
  afterEach(() => el.remove());

  /** How many labels had their scale written while `act` ran and the host updated. */
  async function fittingWrites(act: () => void): Promise<number> {
    const labels = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.events .label')];
    const written = new Set<HTMLElement>();
    const restore = labels.map((label) => {
      const original = label.style.setProperty.bind(label.style);
      label.style.setProperty = (name: string, value: string | null, priority?: string) => {
        if (name === '--fit') written.add(label);
        original(name, value, priority);
      };
      return () => delete (label.style as { setProperty?: unknown }).setProperty;
    });
    act();
    await el.updateComplete;
    // The fitting runs in the next animation frame, the first one asked for after the update.
    await new Promise(requestAnimationFrame);
    restore.forEach((r) => r());
    return written.size;
  }

  const fits = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.events .label')].every((l) => l.scrollWidth <= l.parentElement!.clientWidth + 1);

  it('fits nothing again on an update that changes nothing it measures, and refits the label whose size or text changed', async () => {
    const pack = await loadPack();
    // Narrow, so that labels shrink.
    el = await mount('timeline-strip', { pack, language: 'es', index: 3 }, '700px');
    await until(fits, 'the labels to fit at 700px', 2000);
    expect(await fittingWrites(() => el.requestUpdate())).to.equal(0);
    // The event reached grows (1.2em), and the events' shares of the strip move with it: they are fitted again.
    expect(await fittingWrites(() => (el.index = 4))).to.be.at.least(2);
    await until(fits, 'the labels to fit after the knob turned', 2000);
    // Another language: new texts, every label is fitted again.
    expect(await fittingWrites(() => (el.language = 'en'))).to.be.at.least(pack.timeline.length);
    await until(fits, 'the labels to fit in English', 2000);
    expect(await fittingWrites(() => el.requestUpdate())).to.equal(0);
  });
});
