// The proof sheet's page: every scenario in every language, images inline,
// the hidden places listed, print CSS, no script.

import { describe, expect, it } from 'vitest';
import { packTemplate } from '../../../firmware-bridge/author/pack-template.js';
import { proofSheet } from '../../../firmware-bridge/author/proof-sheet.js';

describe('proofSheet', () => {
  it('has every scenario in every language with its texts and image, and no script', () => {
    const pack = packTemplate('test-pack');
    const shots = pack.languages.map((language) => ({ scenario: 'first-scenario', language, jpeg: 'AAAA' }));
    const html = proofSheet(pack, shots, [{ scenario: 'first-scenario', language: 'en', size: '1280x800', place: 'baku', under: 'scenario-card' }], new Date(0));
    for (const language of pack.languages) {
      expect(html).toContain(`data-scenario="first-scenario" lang="${language}"`);
      expect(html).toContain(pack.scenarios[0]!.summary[language]!.replace(/'/g, '&#39;').slice(0, 30));
    }
    expect(html.match(/src="data:image\/jpeg;base64,/g)).toHaveLength(2);
    expect(html).toContain('baku: under the scenario-card at 1280x800');
    expect(html).toContain('@media print');
    expect(html).not.toContain('<script');
  });
});
