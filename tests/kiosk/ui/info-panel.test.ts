import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/info-panel.js';
import { FERRY, mediaPack, withoutMedia } from '../media/media-pack.js';
import { axeCheck, loadPack, mount, shadowText, until } from './harness.js';

describe('<info-panel>', () => {
  let el: HTMLElementTagNameMap['info-panel'];
  afterEach(() => el.remove());

  it('shows the longer text and every source with its date, in the visitor’s language', async () => {
    const pack = await loadPack();
    const scenario = pack.scenarios.find((s) => s.id === 'across-the-caspian')!;
    el = await mount('info-panel', { pack, scenario, language: 'es' });
    expect(shadowText(el)).to.contain(scenario.more.es.slice(0, 60));
    const items = [...el.shadowRoot!.querySelectorAll('[data-testid="sources"] li')];
    // Each work on its own line; the editors' additions together on one.
    const works = scenario.sources.filter((id) => pack.sources.find((s) => s.id === id)?.kind !== 'editors-context');
    expect(items).to.have.length(works.length + 1);
    expect(items.at(-1)!.getAttribute('data-kind')).to.equal('editors-context');
    const cutler = items.find((li) => li.textContent!.includes('Cutler'))!;
    expect(cutler.querySelector('time')!.getAttribute('datetime')).to.equal('2025-07-30');
    expect(cutler.querySelector('time')!.textContent).to.equal('30 de julio de 2025');
  });

  it('says the analysis stands at July 2025, cites it as untitled and shows the editors’ additions as theirs', async () => {
    const pack = await loadPack();
    const scenario = pack.scenarios.find((s) => s.id === 'moscow-and-baku')!;
    el = await mount('info-panel', { pack, scenario, language: 'en' });
    expect(el.shadowRoot!.querySelector('[data-testid="as-of"]')!.textContent).to.match(/reflects events up to July 2025; later developments are not covered/);
    const items = [...el.shadowRoot!.querySelectorAll('[data-testid="sources"] li')];
    const analysis = items.find((li) => li.textContent!.includes('Rafael Santiago Orti'))!;
    expect(analysis.textContent).to.contain('untitled analysis');
    expect(analysis.querySelector('cite')).to.equal(null);
    const editors = items.filter((li) => li.getAttribute('data-kind') === 'editors-context');
    expect(editors).to.have.length(1);
    const notes = scenario.sources.map((id) => pack.sources.find((s) => s.id === id)!).filter((s) => s.kind === 'editors-context');
    expect(notes.length).to.be.greaterThan(1);
    expect(editors[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^Editors’ context: \S.*; \S.*\.$/);
    for (const s of notes) expect(editors[0]!.textContent).to.contain(s.note!.en!.replace(/\.$/, ''));
    el.remove();
    el = await mount('info-panel', { pack, scenario, language: 'es' });
    expect(el.shadowRoot!.querySelector('[data-testid="as-of"]')!.textContent).to.contain('hasta julio de 2025');
    expect(shadowText(el)).to.contain('análisis sin título');
    expect(shadowText(el)).to.contain('Contexto de los editores:');
  });

  it('renders pack text as text', async () => {
    const pack = await loadPack();
    const scenario = { ...pack.scenarios[0]!, more: { en: '<img src=x onerror="window.__pwned=1">' } };
    el = await mount('info-panel', { pack, scenario });
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(shadowText(el)).to.contain('<img src=x');
  });

  it('passes axe', async () => {
    const pack = await loadPack();
    el = await mount('info-panel', { pack, scenario: pack.scenarios[1]! });
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });

  it('shows the scenario’s picture under the title, and the timeline moment’s while one of this scenario is shown', async () => {
    const pack = mediaPack(await loadPack());
    el = await mount('info-panel', { pack, scenario: pack.scenarios[0]!, language: 'es' });
    const picture = () => el.shadowRoot!.querySelector('pack-picture')!;
    await until(() => picture()?.state === 'shown', () => `the picture shown, state ${picture()?.state}`);
    expect(picture().image!.id).to.equal('ferry');
    const title = el.shadowRoot!.querySelector('h2')!.getBoundingClientRect();
    expect(picture().getBoundingClientRect().top).to.be.at.least(title.bottom);
    el.timelineIndex = 2;
    await el.updateComplete;
    expect(picture().image!.id).to.equal('moment');
    await until(() => picture().state === 'shown', 'the moment’s picture shown');
    await picture().updateComplete;
    expect(picture().shadowRoot!.querySelector('img')!.alt).to.equal(pack.images!.find((i) => i.id === 'moment')!.alt.es);
  });

  it('shows the picture taller when large', async () => {
    const pack = mediaPack(await loadPack());
    el = await mount('info-panel', { pack, scenario: pack.scenarios[0]!, language: 'en' }, '40rem');
    const frame = () => el.shadowRoot!.querySelector('pack-picture')!.shadowRoot!.querySelector('.frame')!.getBoundingClientRect();
    const normal = frame();
    el.large = true;
    await el.updateComplete;
    const large = frame();
    // Normal: no taller than 30 % of the screen; large: the picture's own shape at the panel's width.
    expect(normal.height).to.be.closeTo(innerHeight * 0.3, 1);
    expect(large.height).to.be.closeTo((large.width * FERRY.height) / FERRY.width, 1);
    expect(large.height).to.be.above(normal.height * 1.5);
  });

  it('carries on without the picture when it cannot be shown, and without pictures at all', async () => {
    const pack = mediaPack(await loadPack());
    el = await mount('info-panel', { pack, scenario: pack.scenarios[1]!, language: 'en' });
    const picture = el.shadowRoot!.querySelector('pack-picture')!;
    await until(() => picture.state === 'failed', () => `the picture given up, state ${picture.state}`);
    expect(picture.getBoundingClientRect().height).to.equal(0);
    expect(shadowText(el)).to.contain(pack.scenarios[1]!.more.en.slice(0, 60));
    el.remove();
    const bare = withoutMedia(pack);
    el = await mount('info-panel', { pack: bare, scenario: bare.scenarios[0]!, language: 'en' });
    expect(el.shadowRoot!.querySelector('pack-picture')).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('[data-testid="sources"] li').length).to.be.above(0);
  });
});
