// The map detail drawing: one line per corridor in its kind's colour (dashed
// unless operating), the highlighted countries shaded, names the picture can
// print for every language, and alt text naming what is drawn.
import { describe, expect, it } from 'vitest';
import { altText, mapDetail, sharedName } from '../../../content/tools/map-detail-svg.js';
import { loadPack } from '../helpers/load-pack.js';

const pack = loadPack();
const scenario = (id: string) => pack.scenarios.find((s) => s.id === id)!;

describe('map details', () => {
  it('prints one name where the languages agree, both where they differ, the shortest when both are long', () => {
    expect(sharedName({ en: 'Baku', es: 'Bakú' }, ['en', 'es'])).toBe('Baku');
    expect(sharedName({ en: 'Moscow', es: 'Moscú' }, ['en', 'es'])).toBe('Moscow / Moscú');
    expect(sharedName({ en: 'Khankendi (Stepanakert)', es: 'Jankendi (Stepanakert)' }, ['en', 'es'])).toBe('Khankendi / Jankendi');
    expect(sharedName({ en: 'Galkynysh gas field', es: 'Yacimiento de gas de Galkynysh' }, ['en', 'es'])).toBe('Galkynysh gas field');
  });

  it('draws each corridor of the scenario, dashed when it is not operating, and shades its countries', () => {
    const detail = mapDetail(pack, scenario('zangezur-syunik'));
    expect(detail.corridors.map((c) => c.id)).toEqual(['zangezur-syunik']);
    expect(detail.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="800"/);
    expect(detail.svg.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(detail.svg.match(/fill="#f1d7a0"/g)!.length).toBeGreaterThanOrEqual(5); // Azerbaijan, Armenia, Turkey, Iran, Georgia
    expect(detail.svg).toContain('>Meghri</text>');
    const gas = mapDetail(pack, scenario('gas-to-europe'));
    expect(gas.svg).not.toContain('stroke-dasharray');
    expect(gas.svg.match(/stroke="#e08214"/g)).toHaveLength(4); // four pipelines
  });

  it('keeps every printed name inside the picture', () => {
    for (const s of pack.scenarios) {
      for (const m of mapDetail(pack, s).svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)"/g)) {
        expect(Number(m[1]), s.id).toBeGreaterThanOrEqual(0);
        expect(Number(m[2]), s.id).toBeGreaterThan(20);
        expect(Number(m[2]), s.id).toBeLessThanOrEqual(800);
      }
    }
  });

  it('says in words what the map shows, in English and Spanish', () => {
    const s = scenario('russias-dilemma');
    const detail = mapDetail(pack, s);
    expect(altText(pack, s, detail, 'en')).toBe('Map of the region showing the North–South Transport Corridor: western route and North–South Transport Corridor: Caspian route drawn as coloured lines; Russia, Iran, Afghanistan and Israel shaded; dots mark Moscow, Tehran and Kabul.');
    expect(altText(pack, s, detail, 'es')).toBe('Mapa de la región en el que se trazan Corredor de Transporte Norte–Sur: ruta occidental y Corredor de Transporte Norte–Sur: ruta del Caspio como líneas de colores; se resaltan Rusia, Irán, Afganistán y Israel; los puntos marcan Moscú, Teherán y Kabul.');
  });
});
