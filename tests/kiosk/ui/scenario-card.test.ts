import { expect } from '@esm-bundle/chai';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import '../../../kiosk/ui/scenario-card.js';

async function loadPack(): Promise<PackManifest> {
  return (await (await fetch('/fixtures/pack.json')).json()) as PackManifest;
}

describe('<scenario-card>', () => {
  let card: HTMLElementTagNameMap['scenario-card'];
  afterEach(() => card.remove());

  it('shows the title and label in the chosen language, and the analyst', async () => {
    const pack = await loadPack();
    card = document.createElement('scenario-card');
    card.pack = pack;
    card.scenario = pack.scenarios[1]!;
    card.index = 1;
    card.language = 'es';
    document.body.append(card);
    await card.updateComplete;
    const text = card.shadowRoot!.textContent!;
    expect(card.shadowRoot!.querySelector('h1')!.textContent).to.equal(pack.scenarios[1]!.title.es);
    expect(text).to.contain(pack.scenarios[1]!.summary.es);
    expect(text).to.contain(`Escenario 2 de ${pack.scenarios.length}`);
    expect(text).to.contain(pack.credits.analyst);
    // Every scenario says when the analysis stands: July 2025, in the visitor's words.
    const credit = card.shadowRoot!.querySelector('[data-testid="credit"]')!;
    expect(credit.textContent!.replace(/\s+/g, ' ')).to.contain('Análisis de Rafael Santiago Orti · hasta julio de 2025');
    expect(credit.querySelector('time')!.getAttribute('datetime')).to.equal('2025-07');
    card.language = 'en';
    await card.updateComplete;
    expect(credit.textContent!.replace(/\s+/g, ' ')).to.contain('Analysis by Rafael Santiago Orti · as of July 2025');
  });

  it('renders text from a pack as text, never as markup', async () => {
    const pack = await loadPack();
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const scenario = { ...pack.scenarios[0]!, title: { en: evil, es: evil }, summary: { en: evil, es: evil } };
    card = document.createElement('scenario-card');
    card.pack = pack;
    card.scenario = scenario;
    document.body.append(card);
    await card.updateComplete;
    // No <img> in the shadow root means no onerror can ever run: nothing to wait for.
    expect(card.shadowRoot!.querySelector('img')).to.equal(null);
    expect(card.shadowRoot!.querySelector('script')).to.equal(null);
    expect(card.shadowRoot!.querySelector('h1')!.textContent).to.equal(evil);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('is legible at 1.5 m: the label text is at least 20 px and the title larger', async () => {
    const pack = await loadPack();
    card = document.createElement('scenario-card');
    card.pack = pack;
    card.scenario = pack.scenarios[0]!;
    document.body.append(card);
    await card.updateComplete;
    const p = getComputedStyle(card.shadowRoot!.querySelector('p')!);
    const h1 = getComputedStyle(card.shadowRoot!.querySelector('h1')!);
    expect(parseFloat(p.fontSize)).to.be.at.least(20);
    expect(parseFloat(h1.fontSize)).to.be.at.least(32);
  });

  it('has a Listen button when the scenario has narration, which says Stop while it plays and asks for the narration intent', async () => {
    const pack = await loadPack();
    card = document.createElement('scenario-card');
    Object.assign(card, { pack, scenario: pack.scenarios[0]!, language: 'es' });
    document.body.append(card);
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[data-testid="listen"]')).to.equal(null);
    card.narration = 'ready';
    await card.updateComplete;
    const button = card.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="listen"]')!;
    expect(button.textContent!.trim()).to.equal('▶Escuchar');
    const asked: unknown[] = [];
    card.addEventListener('kiosk-intent', (event) => asked.push((event as CustomEvent).detail));
    button.click();
    expect(asked).to.deep.equal([{ kind: 'narration' }]);
    card.narration = 'playing';
    await card.updateComplete;
    expect(button.textContent!.replace(/\s+/g, '')).to.equal('■Detener');
  });
});
