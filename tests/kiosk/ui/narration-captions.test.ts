import { expect } from '@esm-bundle/chai';
import '../../../kiosk/ui/narration-captions.js';
import { KIOSK_STRINGS } from '../../../kiosk/i18n/kiosk-strings.js';
import { axeCheck, loadPack, mount } from './harness.js';

describe('<narration-captions>', () => {
  let el: HTMLElementTagNameMap['narration-captions'];
  afterEach(() => el.remove());

  it('shows the caption large, with the voice’s credit and the draft mark in the visitor’s language', async () => {
    const pack = await loadPack();
    el = await mount('narration-captions', { pack, language: 'es', cue: 'Los barcos cruzan el mar Caspio.', credit: 'Voz provisional: espeak-ng', draft: true });
    const root = el.shadowRoot!;
    const cue = root.querySelector<HTMLElement>('[data-testid="cue"]')!;
    expect(cue.textContent).to.equal('Los barcos cruzan el mar Caspio.');
    expect(root.querySelector('[data-testid="voice-credit"]')!.textContent).to.contain('Voz provisional: espeak-ng');
    expect(root.querySelector('[data-testid="draft"]')!.textContent).to.equal(KIOSK_STRINGS.draftVoice.es);
    // Larger than the body text (22 px at 1080p): legible at 1.5 m.
    const body = parseFloat(getComputedStyle(el).fontSize);
    expect(parseFloat(getComputedStyle(cue).fontSize)).to.be.at.least(body * 1.45);
  });

  it('keeps its height between cues, and shows no draft mark for a recorded voice', async () => {
    const pack = await loadPack();
    el = await mount('narration-captions', { pack, language: 'en', cue: 'Ships cross the Caspian Sea.', credit: 'Voice: A. Narrator', draft: false });
    const height = el.getBoundingClientRect().height;
    el.cue = null;
    await el.updateComplete;
    expect(el.getBoundingClientRect().height).to.equal(height);
    expect(el.shadowRoot!.querySelector('[data-testid="draft"]')).to.equal(null);
  });

  it('passes axe', async () => {
    const pack = await loadPack();
    el = await mount('narration-captions', { pack, language: 'en', cue: 'Ships cross the Caspian Sea.', credit: 'Draft voice: espeak-ng', draft: true });
    const { violations, passed } = await axeCheck(el);
    expect(violations).to.deep.equal([]);
    expect(passed).to.include('color-contrast');
  });
});
