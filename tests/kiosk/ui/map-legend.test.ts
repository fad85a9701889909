import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/map-legend.js';
import { axeCheck, loadPack, mount, shadowText } from './harness.js';

describe('<map-legend>', () => {
  let el: HTMLElementTagNameMap['map-legend'];
  afterEach(() => el.remove());

  it('explains exactly the corridors and relations the scenario draws, each with a pattern', async () => {
    const pack = await loadPack();
    const scenario = pack.scenarios.find((s) => s.id === 'across-the-caspian')!;
    el = await mount('map-legend', { pack, scenario, language: 'es' });
    const relations = [...el.shadowRoot!.querySelectorAll('[data-relation]')].map((n) => n.getAttribute('data-relation'));
    expect(relations).to.deep.equal(['partnership', 'rivalry']);
    expect(shadowText(el)).to.contain('Rivalidad');
    const kinds = new Set([...el.shadowRoot!.querySelectorAll('[data-kind]')].map((n) => `${n.getAttribute('data-kind')}/${n.getAttribute('data-status')}`));
    const drawn = new Set(scenario.corridors.map((id) => pack.corridors.find((c) => c.id === id)!).map((c) => `${c.kind}/${c.status}`));
    expect([...kinds].sort()).to.deep.equal([...drawn].sort());
    // Not colour alone: the rivalry swatch is a double line, a proposed corridor a dashed one.
    expect(el.shadowRoot!.querySelectorAll('[data-relation="rivalry"] line')).to.have.length(2);
    const proposed = el.shadowRoot!.querySelector('[data-status="proposed"] svg *');
    expect(proposed?.getAttribute('stroke-dasharray')).to.not.equal('none');
  });

  it('shows nothing for a scenario that draws no lines', async () => {
    const pack = await loadPack();
    el = await mount('map-legend', { pack, scenario: { ...pack.scenarios[0]!, corridors: [], relations: [] } });
    expect(el.shadowRoot!.querySelector('section')).to.equal(null);
  });

  it('passes axe', async () => {
    const pack = await loadPack();
    el = await mount('map-legend', { pack, scenario: pack.scenarios[7]! });
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
