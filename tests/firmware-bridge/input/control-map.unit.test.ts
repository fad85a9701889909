import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../firmware-bridge/core/logger.js';
import { CONTROLS_FILE, ControlMapError, DEFAULT_CONTROLS, loadControlConfig, loadSiteControls, parseControlConfig } from '../../../firmware-bridge/input/control-map.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crossroads-controls-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const problemsOf = (value: unknown): string[] => {
  try {
    parseControlConfig(value, 'controls.json');
  } catch (error) {
    if (error instanceof ControlMapError) return error.problems;
    throw error;
  }
  return [];
};

const fileOf = (config: typeof DEFAULT_CONTROLS) => ({ ...config.map, holds: config.holds, maintenance: config.maintenance });

describe('the default control map', () => {
  it('binds 8 buttons and 2 knobs, each once, on the panel', () => {
    const { map, holds, maintenance } = DEFAULT_CONTROLS;
    expect(map.buttons).toBe(8);
    expect(map.knobs).toBe(2);
    expect(map.bindings.filter((b) => b.control === 'button').map((b) => b.index).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(map.bindings.filter((b) => b.control === 'knob').map((b) => `${b.index}:${b.intent}`)).toEqual(['0:timeline', '1:orbit']);
    expect(map.bindings.filter((b) => b.intent === 'scenario').map((b) => b.scenario)).toEqual([0, 1, 2, 3, 4]);
    // Picture and narration have no button of their own: held previous and next.
    expect(holds).toEqual([
      { button: 5, intent: 'picture', ms: 1500 },
      { button: 6, intent: 'narration', ms: 1500 },
      { button: 7, intent: 'info', ms: 1500 },
    ]);
    expect(holds.every((h) => map.bindings.some((b) => b.control === 'button' && b.index === h.button && b.intent !== 'scenario'))).toBe(true);
    expect(maintenance).toEqual({ buttons: [5, 6], ms: 5000 });
    // No two controls drawn on top of each other.
    const spots = map.bindings.map((b) => `${b.x.toFixed(2)},${b.y.toFixed(2)}`);
    expect(new Set(spots).size).toBe(spots.length);
  });

  it('passes its own validation (a file written from it loads back the same)', async () => {
    const path = join(dir, 'default.json');
    await writeFile(path, JSON.stringify(fileOf(DEFAULT_CONTROLS), null, 2));
    expect(await loadControlConfig(path)).toEqual(DEFAULT_CONTROLS);
  });
});

describe('loading a control map', () => {
  it('loads a smaller panel, defaulting holds to none and the chord to off without buttons 5 and 6', async () => {
    const path = join(dir, 'small.json');
    await writeFile(
      path,
      JSON.stringify({
        buttons: 3,
        knobs: 1,
        bindings: [
          { control: 'button', index: 0, intent: 'previous', x: 0.1, y: 0.5 },
          { control: 'button', index: 1, intent: 'next', x: 0.3, y: 0.5 },
          { control: 'button', index: 2, intent: 'scenario', scenario: 7, x: 0.5, y: 0.5 },
          { control: 'knob', index: 0, intent: 'zoom', x: 0.8, y: 0.5 },
        ],
      }),
    );
    const config = await loadControlConfig(path);
    expect(config.holds).toEqual([]);
    expect(config.maintenance).toBeNull();
    expect(config.map.bindings[2]).toEqual({ control: 'button', index: 2, intent: 'scenario', scenario: 7, x: 0.5, y: 0.5 });
  });

  it('says clearly when the file is missing or not JSON', async () => {
    await expect(loadControlConfig(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: invalid control map:\n {2}cannot read it: ENOENT/);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{ "buttons": 8,');
    await expect(loadControlConfig(bad)).rejects.toThrow(/bad\.json: invalid control map:\n {2}not JSON/);
  });

  it('checks the file against the control map schema first, naming each bad field', () => {
    const problems = problemsOf({
      buttons: 4,
      knobs: 1.5,
      bindings: [
        { control: 'button', index: 2, intent: 'next', x: 2, y: -0.1 },
        { control: 'slider', index: 0, intent: 'zoom', x: 0, y: 0 },
        { control: 'button', index: 3, intent: 'fly', x: 0.5 },
        'button 3',
      ],
      holds: {},
      maintenance: 5,
    });
    expect(problems).toEqual([
      'knobs must be an integer, got 1.5',
      'bindings[0].x must be <=1, got 2',
      'bindings[0].y must be >=0, got -0.1',
      'bindings[1].control must be ("button" | "knob"), got "slider"',
      expect.stringMatching(/^bindings\[2\]\.intent must be \("scenario" \| "next" .*\), got "fly"$/),
      'bindings[2].y is missing',
      'bindings[3] must be an object, got "button 3"',
      'holds must be an array, got Object',
      'maintenance must be an object, got 5',
    ]);
  });

  it('then lists every problem a real panel has with the map at once', () => {
    const problems = problemsOf({
      buttons: 4,
      knobs: 1,
      bindings: [
        { control: 'button', index: 4, intent: 'next', x: 0, y: 0 },
        { control: 'knob', index: 0, intent: 'next', x: 0, y: 0 },
        { control: 'button', index: 0, intent: 'timeline', x: 0, y: 0 },
        { control: 'button', index: 1, intent: 'scenario', x: 0, y: 0 },
        { control: 'button', index: 2, intent: 'next', scenario: 1, x: 1, y: 0 },
        { control: 'button', index: 3, intent: 'language', x: 0.5, y: 0.5 },
        { control: 'button', index: 3, intent: 'info', x: 0.6, y: 0.5 },
      ],
      holds: [
        { button: 9, intent: 'info', ms: 1500 },
        { button: 3, intent: 'scenario', ms: 100 },
      ],
      maintenance: { buttons: [1, 1], ms: 5000 },
    });
    expect(problems).toEqual([
      'bindings[0].index 4 is not one of the 4 buttons on the panel',
      'bindings[1].intent "next" is not a knob intent (timeline, orbit, zoom, volume)',
      'bindings[2].intent "timeline" is not a button intent (scenario, next, previous, language, info, class-mode, maintenance, narration, picture)',
      'bindings[3].scenario must be a scenario number 0..255',
      'bindings[4].scenario is only for scenario buttons',
      'bindings[6]: button 3 is bound twice',
      'holds[0].button 9 is not one of the 4 buttons',
      'holds[1].intent "scenario" must be one of next, previous, language, info, class-mode, maintenance, narration, picture',
      'holds[1].ms must be an integer 300..10000',
      'maintenance.buttons must list at least two different buttons 0..3',
    ]);
  });

  it('refuses a panel of impossible size before anything else', () => {
    expect(problemsOf({ buttons: 0, knobs: 9, bindings: [] })).toEqual(['buttons must be an integer 1..32, got 0', 'knobs must be an integer 0..8, got 9']);
    expect(problemsOf([])).toEqual(['the file must hold a JSON object']);
    expect(problemsOf({ buttons: 2, knobs: 0 })).toEqual(['bindings is missing']);
  });

  it('turns the maintenance chord off with null and checks its time', () => {
    const base = { buttons: 8, knobs: 0, bindings: [] };
    expect(parseControlConfig({ ...base, maintenance: null }, 'x').maintenance).toBeNull();
    expect(parseControlConfig({ ...base, maintenance: { buttons: [0, 7, 3], ms: 3000 } }, 'x').maintenance).toEqual({ buttons: [0, 7, 3], ms: 3000 });
    expect(problemsOf({ ...base, maintenance: { buttons: [0, 1], ms: 10 } })).toEqual(['maintenance.ms must be an integer 1000..60000']);
  });
});

describe("a site's control map", () => {
  const logged = (): { log: ReturnType<typeof createLogger>; lines: string[] } => {
    const lines: string[] = [];
    return { log: createLogger({ level: 'info', write: (line) => lines.push(line) }), lines };
  };

  it('is the default one when the data folder has no controls.json', async () => {
    const { log, lines } = logged();
    expect(await loadSiteControls(join(dir, 'no-such-folder'), log)).toBe(DEFAULT_CONTROLS);
    expect(lines).toEqual([]);
  });

  it("is the data folder's controls.json when it is good", async () => {
    const site = await mkdtemp(join(dir, 'good-'));
    const file = { buttons: 2, knobs: 0, bindings: [{ control: 'button', index: 0, intent: 'next', x: 0.5, y: 0.5 }] };
    await writeFile(join(site, CONTROLS_FILE), JSON.stringify(file));
    const { log, lines } = logged();
    const config = await loadSiteControls(site, log);
    expect(config.map).toEqual(file);
    expect(lines).toEqual([expect.stringMatching(/^info .*controls\.json: 2 buttons, 0 knobs$/)]);
  });

  it('keeps the default map for a bad file and logs an error naming the field', async () => {
    const site = await mkdtemp(join(dir, 'bad-'));
    const bad = { ...fileOf(DEFAULT_CONTROLS), bindings: DEFAULT_CONTROLS.map.bindings.map((b, n) => (n === 2 ? { ...b, x: 1.4 } : b)) };
    await writeFile(join(site, CONTROLS_FILE), JSON.stringify(bad));
    const { log, lines } = logged();
    expect(await loadSiteControls(site, log)).toBe(DEFAULT_CONTROLS);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error .*controls\.json: invalid control map, keeping the default one: bindings\[2\]\.x must be <=1, got 1\.4$/);
    // The maintenance screen lists it among the recent errors.
    expect(log.recent().map((e) => e.level)).toEqual(['error']);
  });
});
