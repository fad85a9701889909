import { expect } from '@esm-bundle/chai';
import type { Intent } from '../../../firmware-bridge/api/messages.js';
import '../../../kiosk/ui/timeline-strip.js';
import { axeCheck, loadPack, mount, shadowText } from './harness.js';

describe('<timeline-strip>', () => {
  let el: HTMLElementTagNameMap['timeline-strip'];
  afterEach(() => el.remove());

  it('marks the event reached and tells it, with its date', async () => {
    const pack = await loadPack();
    el = await mount('timeline-strip', { pack, language: 'en', index: -1 }, '1800px');
    expect(el.shadowRoot!.querySelectorAll('li')).to.have.length(pack.timeline.length);
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

  for (const [width, language] of [['1800px', 'en'], ['1000px', 'es']] as const) {
    it(`gives every event a label of its own, none overlapping (${width}, ${language})`, async () => {
      const pack = await loadPack();
      el = await mount('timeline-strip', { pack, language, index: 3 }, width);
      const labels = [...el.shadowRoot!.querySelectorAll<HTMLElement>('li .label')];
      expect(labels).to.have.length(pack.timeline.length);
      const boxes = labels.map((l) => l.getBoundingClientRect());
      labels.forEach((label, i) => {
        expect(label.textContent!.trim(), `event ${i}`).not.to.equal('');
        expect(boxes[i]!.width, `event ${i} is drawn`).to.be.greaterThan(0);
        if (i > 0) expect(boxes[i]!.left, `"${labels[i - 1]!.textContent}" runs into "${label.textContent}"`).to.be.at.least(boxes[i - 1]!.right);
      });
      // Events sharing a year are grouped under it, written once.
      const years = [...el.shadowRoot!.querySelectorAll('li .year')].map((y) => y.textContent).filter(Boolean);
      expect(years).to.deep.equal(['2022', '2025']);
    });
  }

  it('passes axe', async () => {
    el = await mount('timeline-strip', { pack: await loadPack(), index: 4 }, '1800px');
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
