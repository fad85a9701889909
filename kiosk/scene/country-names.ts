// Country names in the visitor's language for countries that are not actors
// of the pack (actors are named by the pack itself). Natural Earth ids are ISO
// numeric codes; the browser's Intl.DisplayNames names alpha-2 regions in any
// language, so only this small code table ships, no translations.

const ALPHA2: Record<string, string> = {
  '004': 'AF', '008': 'AL', '012': 'DZ', '031': 'AZ', '040': 'AT', '048': 'BH', '050': 'BD', '051': 'AM',
  '064': 'BT', '070': 'BA', '100': 'BG', '104': 'MM', '112': 'BY', '156': 'CN', '191': 'HR', '196': 'CY',
  '203': 'CZ', '208': 'DK', '233': 'EE', '246': 'FI', '250': 'FR', '268': 'GE', '275': 'PS', '276': 'DE',
  '300': 'GR', '336': 'VA', '348': 'HU', '356': 'IN', '364': 'IR', '368': 'IQ', '376': 'IL', '380': 'IT',
  '398': 'KZ', '400': 'JO', '414': 'KW', '417': 'KG', '422': 'LB', '428': 'LV', '434': 'LY', '438': 'LI',
  '440': 'LT', '470': 'MT', '496': 'MN', '498': 'MD', '499': 'ME', '512': 'OM', '524': 'NP', '578': 'NO',
  '586': 'PK', '616': 'PL', '634': 'QA', '642': 'RO', '643': 'RU', '674': 'SM', '682': 'SA', '688': 'RS',
  '703': 'SK', '705': 'SI', '752': 'SE', '756': 'CH', '760': 'SY', '762': 'TJ', '784': 'AE', '788': 'TN',
  '792': 'TR', '795': 'TM', '804': 'UA', '807': 'MK', '818': 'EG', '860': 'UZ',
};

export class CountryNames {
  private readonly displays = new Map<string, Intl.DisplayNames | null>();

  /** The country's name in `language`, or `fallback` (Natural Earth's English name). */
  name(iso: string, language: string, fallback: string): string {
    const code = ALPHA2[iso];
    if (!code) return fallback;
    let display = this.displays.get(language);
    if (display === undefined) {
      try {
        display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
      } catch {
        display = null;
      }
      this.displays.set(language, display);
    }
    return display?.of(code) ?? fallback;
  }
}
