import { expect } from '@esm-bundle/chai';
import { lessonPlan } from '../../../kiosk/app/lesson-plan.js';
import '../../../kiosk/ui/lesson-panel.js';
import { axeCheck, loadPack, mount, shadowText } from './harness.js';

describe('<lesson-panel>', () => {
  let el: HTMLElementTagNameMap['lesson-panel'];
  afterEach(() => el.remove());

  it('shows the step and the teacher’s prompt in the class’s language', async () => {
    const pack = await loadPack();
    el = await mount('lesson-panel', { pack, lesson: lessonPlan(pack), step: 2, language: 'es' });
    const steps = pack.lessons![0]!.steps;
    expect(el.shadowRoot!.querySelector('[data-testid="lesson-step"]')!.textContent).to.equal('3');
    expect(el.shadowRoot!.querySelector('[data-testid="lesson-prompt"]')!.textContent).to.equal(steps[2]!.prompt!.es);
    expect(shadowText(el)).to.contain(`de ${steps.length}`);
    expect(shadowText(el)).to.contain(pack.lessons![0]!.title.es);
  });

  it('sets the prompt larger than the visitors’ body text', async () => {
    const pack = await loadPack();
    el = await mount('lesson-panel', { pack, lesson: lessonPlan(pack), step: 0 });
    const prompt = parseFloat(getComputedStyle(el.shadowRoot!.querySelector('.prompt')!).fontSize);
    expect(prompt).to.be.at.least(22 * 1.25);
  });

  it('passes axe', async () => {
    const pack = await loadPack();
    el = await mount('lesson-panel', { pack, lesson: lessonPlan(pack), step: 1 });
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
