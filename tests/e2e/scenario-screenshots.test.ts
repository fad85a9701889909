// Every scenario of the built-in pack rendered by the built page at 1920x1080
// and saved under tests/output/scenarios/ (git-ignored) to be looked at; the
// page's own counters must stay within the Raspberry Pi budgets meanwhile.

import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { launchChromium, waitForStill } from './helpers/browser.js';
import { boxContrast, decodePng, lineContrast, type Pixels } from './helpers/png-pixels.js';

const OUTPUT = fileURLToPath(new URL('../output/scenarios/', import.meta.url));
const pack = JSON.parse(readFileSync(new URL('../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;

/** The panels over the map, as the page lays them out now. */
const PANELS = ['timeline-strip', 'scenario-card', 'map-legend', 'control-hints', 'scenario-strip'];
/** A place's dot must sit this far clear of a panel or the screen's edge, in CSS pixels. */
const MARGIN = 10;

/**
 * What the map does not show yet, as the checks below word it, each line
 * exact. Lit countries crowded out by the names of their routes' stops and
 * cities at the scenario's zoom (Azerbaijan's land beside Baku, Armenia and
 * Georgia at the wide views), or whose land in view lies under a panel; a
 * relation running under a panel to an actor named nowhere else (Israel,
 * Turkey, Turkmenistan, Azerbaijan, NATO: a marker there took the room of the
 * names around it);
 * and on the smaller screens a few named places in the crowded Caucasus. The test
 * fails on any other problem, and on a line here that no longer happens, so
 * the list only shrinks.
 */
const KNOWN: readonly string[] = [
  'across-the-caspian at 1280x800: azerbaijan-turkmenistan runs under a panel to azerbaijan, named nowhere',
  'across-the-caspian at 1280x800: country azerbaijan not named',
  'across-the-caspian at 1280x800: turkmenistan-azerbaijan runs under a panel to azerbaijan, named nowhere',
  'middle-corridor at 1080x1920: country georgia not named',
  'middle-corridor at 1280x800: country azerbaijan not named',
  'middle-corridor at 1280x800: country georgia not named',
  'moscow-and-baku at 1080x1920: place khankendi not named',
  'moscow-and-baku at 1280x800: country turkey not named',
  'moscow-and-baku at 1280x800: place khankendi not named',
  'moscow-and-baku at 1280x800: turkey-azerbaijan runs under a panel to turkey, named nowhere',
  'new-balance at 1080x1920: country armenia not named',
  'new-balance at 1080x1920: country azerbaijan not named',
  'new-balance at 1080x1920: country georgia not named',
  'new-balance at 1280x800: azerbaijan-turkmenistan runs under a panel to turkmenistan, named nowhere',
  'new-balance at 1280x800: country armenia not named',
  'new-balance at 1280x800: country azerbaijan not named',
  'new-balance at 1280x800: country israel not named',
  'new-balance at 1280x800: country turkmenistan not named',
  'new-balance at 1280x800: israel-azerbaijan runs under a panel to israel, named nowhere',
  'new-balance at 1280x800: turkey-nato runs under a panel to nato, named nowhere',
  'new-balance at 1920x1080: country armenia not named',
  'new-balance at 1920x1080: country azerbaijan not named',
  'new-balance at 1920x1080: country georgia not named',
  'new-balance at 1920x1080: turkey-nato runs under a panel to nato, named nowhere',
  'region-in-realignment at 1080x1920: country azerbaijan not named',
  'region-in-realignment at 1280x800: country azerbaijan not named',
  'region-in-realignment at 1280x800: country turkmenistan not named',
  'region-in-realignment at 1920x1080: country azerbaijan not named',
  'russias-dilemma at 1280x800: country israel not named',
  'russias-dilemma at 1280x800: israel-iran runs under a panel to israel, named nowhere',
  'russias-dilemma at 1920x1080: country israel not named',
  'russias-dilemma at 1920x1080: israel-iran runs under a panel to israel, named nowhere',
];

/**
 * The stops of a scenario's routes the map does not name yet, in the same
 * words and under the same rule (exact, shrinking only), kept in their own
 * file for their number: stops where even a leader line (from their dot, or
 * from under the dot that hides theirs) finds no room at the scenario's zoom,
 * mostly where the lit countries' names and the other stops' fill the land
 * (the Balkans in "Gas to Europe", the Caspian's western shore at the wide views).
 */
const KNOWN_UNNAMED_STOPS = JSON.parse(readFileSync(new URL('./known-unnamed-stops.json', import.meta.url), 'utf8')) as string[];
/**
 * Leader lines that cross, under the same rule: a line crosses another only
 * where no spot clear of every line was left for its name (a name on a
 * crossing line beats no name), mostly in the Baku cluster and the Balkans.
 */
const KNOWN_CROSSINGS = JSON.parse(readFileSync(new URL('./known-crossing-leaders.json', import.meta.url), 'utf8')) as string[];

/** The problems not on the known lists, and the known ones for the screens checked that no longer happen. */
function unexplained(problems: readonly string[], checked: readonly string[]): string[] {
  const known = [...KNOWN, ...KNOWN_UNNAMED_STOPS, ...KNOWN_CROSSINGS];
  const out = problems.filter((p) => !known.includes(p));
  for (const k of known) if (checked.some((at) => k.startsWith(`${at}:`)) && !problems.includes(k)) out.push(`no longer seen, take it off the known list: ${k}`);
  return out;
}

/**
 * What a visitor cannot see of a scenario: a stop on one of its routes off
 * the screen, under a panel or without its name, or a place it names left
 * without its name.
 */
async function hiddenPlaces(page: Page, scenario: PackManifest['scenarios'][number], at: string): Promise<string[]> {
  const { places, panels, width, height } = await page.evaluate((tags) => {
    const root = document.querySelector('crossroads-app')!.shadowRoot!;
    const panels = tags
      .flatMap((tag) => Array.from(root.querySelectorAll(tag)))
      .map((element) => element.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0)
      .map((box) => ({ left: box.left, top: box.top, right: box.right, bottom: box.bottom }));
    return { places: window.crossroads!.places(), panels, width: innerWidth, height: innerHeight };
  }, PANELS);
  const stops = new Set(pack.corridors.filter((c) => scenario.corridors.includes(c.id)).flatMap((c) => c.route));
  const out: string[] = [];
  for (const id of stops) {
    const place = places.find((p) => p.id === id);
    if (!place || place.x === null || place.y === null) {
      out.push(`${at}: ${id} not in view`);
      continue;
    }
    const { x, y } = place;
    if (x < MARGIN || y < MARGIN || x > width - MARGIN || y > height - MARGIN) out.push(`${at}: ${id} at ${x.toFixed(0)},${y.toFixed(0)} off screen`);
    else if (panels.some((p) => x > p.left - MARGIN && x < p.right + MARGIN && y > p.top - MARGIN && y < p.bottom + MARGIN)) {
      out.push(`${at}: ${id} at ${x.toFixed(0)},${y.toFixed(0)} under a panel`);
    } else if (!place.labelled && !(scenario.places ?? []).includes(id)) out.push(`${at}: stop ${id} not named`);
  }
  for (const id of scenario.places ?? []) {
    if (!places.some((p) => p.id === id && p.labelled)) out.push(`${at}: place ${id} not named`);
  }
  return out;
}

/** Whether segments a-b and c-d cross each other (the test's own geometry, not the page's). */
function segmentsCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const cross = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => (qx - px) * (ry - py) - (qy - py) * (rx - px);
  return cross(ax, ay, bx, by, cx, cy) * cross(ax, ay, bx, by, dx, dy) < 0 && cross(cx, cy, dx, dy, ax, ay) * cross(cx, cy, dx, dy, bx, by) < 0;
}

/**
 * What keeps a visitor from reading the map's story: two names (or edge
 * markers) overlapping, a marker running off the screen, a relation leaving
 * the screen, or under a panel, with nothing naming the actor it goes to, and (given the
 * screenshot's pixels) letters under 4.5:1 contrast with what lies under them
 * or a name on a leader whose line is not to be seen or crosses another.
 */
async function storyProblems(page: Page, scenario: PackManifest['scenarios'][number], at: string, pixels?: Pixels): Promise<string[]> {
  const problems: string[] = [];
  const { labels, markers, relations, width, height } = await page.evaluate(() => ({
    labels: window.crossroads!.labels(),
    markers: window.crossroads!.edgeMarkers(),
    relations: window.crossroads!.relations(),
    width: innerWidth,
    height: innerHeight,
  }));
  const boxes = [...labels.map((l) => ({ ...l, name: l.text })), ...markers.map((m) => ({ ...m, name: `edge marker ${m.text}` }))];
  // A pixel of overlap is rounding.
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const x = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
      const y = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) problems.push(`${at}: "${a.name}" overlaps "${b.name}"`);
    }
  }
  // Every country the scenario lights up (those it is about) is named: on its land, or by a marker pointing to it.
  for (const id of scenario.highlight ?? []) {
    const iso = pack.actors.find((a) => a.id === id)?.iso;
    const named = (iso && labels.some((l) => l.kind === 'country' && l.id === iso)) || markers.some((m) => m.actor === id);
    if (iso && !named) problems.push(`${at}: country ${id} not named`);
  }
  for (const m of markers) {
    if (m.left < 0 || m.top < 0 || m.left + m.width > width || m.top + m.height > height) problems.push(`${at}: edge marker ${m.text} runs off the screen`);
  }
  for (const r of relations) {
    const off = [!r.aOnScreen && r.from, !r.bOnScreen && r.to].filter(Boolean);
    if (off.length === 2) problems.push(`${at}: ${r.from}-${r.to} has both ends off screen`);
    else if (off.length === 1 && (r.marker !== off[0] || !markers.some((m) => m.actor === off[0]))) problems.push(`${at}: ${r.from}-${r.to} leaves the screen toward ${String(off[0])} with no marker`);
    // An end under a panel is hidden too: its actor is named on the map, or by a marker.
    for (const [under, actor] of [[r.aUnderPanel, r.from], [r.bUnderPanel, r.to]] as const) {
      if (!under || off.length > 0) continue;
      const iso = pack.actors.find((a) => a.id === actor)?.iso;
      if (!markers.some((m) => m.actor === actor) && !(iso && labels.some((l) => l.kind === 'country' && l.id === iso))) problems.push(`${at}: ${r.from}-${r.to} runs under a panel to ${actor}, named nowhere`);
    }
  }
  for (const box of pixels ? boxes : []) {
    const contrast = boxContrast(pixels!, box);
    if (contrast < 4.5) problems.push(`${at}: "${box.name}" has contrast ${contrast.toFixed(2)}:1`);
  }
  // A name set off on a leader shows its line, light on a dark edge, from its spot to the letters' nearest point; no two lines cross.
  const lines = labels.flatMap((label) => {
    if (!label.leader) return [];
    const { x, y } = label.leader;
    const ex = Math.min(Math.max(x, label.left), label.left + label.width), ey = Math.min(Math.max(y, label.top), label.top + label.height);
    const length = Math.hypot(ex - x, ey - y);
    return [{ text: label.text, line: [x + ((ex - x) / length) * 8, y + ((ey - y) / length) * 8, ex, ey] as const }];
  });
  for (const { text, line } of pixels ? lines : []) {
    const contrast = lineContrast(pixels!, ...line);
    if (contrast < 3) problems.push(`${at}: the leader line to "${text}" is not drawn (contrast ${contrast.toFixed(2)}:1)`);
  }
  for (const [i, a] of lines.entries()) {
    for (const b of lines.slice(i + 1)) if (segmentsCross(...a.line, ...b.line)) problems.push(`${at}: the leader lines to "${a.text}" and "${b.text}" cross`);
  }
  return problems;
}

/**
 * Text in the timeline and the panel hints that a visitor could not read:
 * two pieces of it overlapping, or one cut by (or outside) its panel.
 */
async function panelTextProblems(page: Page, at: string): Promise<string[]> {
  const problems = await page.evaluate(() => {
    const root = document.querySelector('crossroads-app')!.shadowRoot!;
    const out: string[] = [];
    for (const [tag, selector] of [
      ['timeline-strip', '.events .label, .events .year'],
      ['control-hints', '.label, .cap, .eyebrow'],
    ] as const) {
      const shadow = root.querySelector(tag)?.shadowRoot;
      const panel = shadow?.querySelector('.panel')?.getBoundingClientRect();
      const texts = Array.from(shadow?.querySelectorAll<HTMLElement>(selector) ?? []);
      if (!panel || texts.length === 0) {
        out.push(`${tag}: not on the page`);
        continue;
      }
      const boxes = texts.map((t) => t.getBoundingClientRect());
      texts.forEach((text, i) => {
        const r = boxes[i]!;
        if (text.scrollWidth > Math.ceil(r.width) + 1) out.push(`${tag}: "${text.textContent}" is cut`);
        if (r.left < panel.left || r.right > panel.right || r.top < panel.top || r.bottom > panel.bottom) out.push(`${tag}: "${text.textContent}" leaves its panel`);
        for (const [j, o] of boxes.entries()) {
          if (j <= i || text.contains(texts[j]!) || texts[j]!.contains(text)) continue;
          if (Math.min(r.right, o.right) - Math.max(r.left, o.left) > 1 && Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) > 1) {
            out.push(`${tag}: "${text.textContent}" overlaps "${texts[j]!.textContent}"`);
          }
        }
      });
    }
    return out;
  });
  return problems.map((p) => `${at}: ${p}`);
}

/**
 * Waits until the map holds still (no frame of its own for a dozen animation
 * callbacks: the camera cut, the panels measured, the labels laid out and
 * faded in), then for `count` more frames drawn on request for the screenshot.
 */
async function settle(page: Page, count = 3): Promise<void> {
  await waitForStill(page, { frames: 120, quiet: 12, timeoutMs: 60_000 });
  const start = await page.evaluate(() => window.crossroads!.stats().frames);
  await page.waitForFunction((target) => {
    window.crossroads!.requestFrame();
    return window.crossroads!.stats().frames >= target;
  }, start + count);
}

describe('every scenario, as a visitor sees it', () => {
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    rmSync(OUTPUT, { recursive: true, force: true });
    mkdirSync(OUTPUT, { recursive: true });
    bridge = await startBridge(['--serial', 'none']);
    browser = await launchChromium();
    // Reduced motion: each switch is complete in a frame, so a slow software
    // renderer still shows the finished scene (the flows hold still).
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    await page.goto(bridge.url);
    await page.waitForFunction(() => window.crossroads !== undefined);
    await page.evaluate(() => window.crossroads!.ready);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    expect(await bridge?.stop()).toBe(0);
  });

  it('renders each scenario within budget, every place of its routes clear of the panels, and saves a screenshot of it', async () => {
    const hidden: string[] = [];
    const story: string[] = [];
    await page.keyboard.press('1');
    for (const [index, scenario] of pack.scenarios.entries()) {
      if (index > 0) await page.keyboard.press('PageDown');
      await page.waitForFunction((id) => window.crossroads!.scenario === id, scenario.id);
      await settle(page);
      const stats = await page.evaluate(() => window.crossroads!.stats());
      expect(stats.drawCalls, scenario.id).toBeLessThanOrEqual(60);
      expect(stats.triangles, scenario.id).toBeLessThanOrEqual(300_000);
      hidden.push(...(await hiddenPlaces(page, scenario, `${scenario.id} at 1920x1080`)));
      const shot = await page.screenshot({ path: `${OUTPUT}${String(index + 1).padStart(2, '0')}-${scenario.id}.png` });
      story.push(...(await storyProblems(page, scenario, `${scenario.id} at 1920x1080`, decodePng(shot))));
      if (index === 0) story.push(...(await panelTextProblems(page, `${scenario.id} at 1920x1080`)));
    }
    const checked = pack.scenarios.map((s) => `${s.id} at 1920x1080`);
    expect(unexplained([...hidden, ...story], checked).join('\n')).toBe('');
  });

  it('renders the labels in the second language', async () => {
    await page.keyboard.press('1');
    await page.waitForFunction((id) => window.crossroads!.scenario === id, pack.scenarios[0]!.id);
    await page.keyboard.press('l');
    await page.waitForFunction((lang) => window.crossroads!.language === lang, pack.languages[1] ?? pack.languages[0]);
    await settle(page);
    await page.screenshot({ path: `${OUTPUT}01-${pack.scenarios[0]!.id}-${pack.languages[1] ?? pack.languages[0]}.png` });
  });

  it('fits every scenario’s longer text and its sources into the info panel, in every language', async () => {
    const cut: string[] = [];
    for (const language of pack.languages) {
      for (let turns = 0; turns < pack.languages.length && (await page.evaluate(() => window.crossroads!.language)) !== language; turns++) {
        await page.keyboard.press('l');
      }
      await page.waitForFunction((lang) => window.crossroads!.language === lang, language);
      for (const [index, scenario] of pack.scenarios.entries()) {
        await page.keyboard.press(String(index + 1));
        await page.waitForFunction((id) => window.crossroads!.scenario === id, scenario.id);
        await page.keyboard.press('i');
        await page.locator('info-panel h2', { hasText: scenario.title[language] ?? '' }).waitFor();
        await page.locator('info-panel [data-testid="sources"]').waitFor();
        // The panel clips what does not fit (a kiosk cannot scroll); a pixel is rounding.
        const { scroll, client } = await page.evaluate(() => {
          const panel = document.querySelector('crossroads-app')!.shadowRoot!.querySelector('info-panel')!.shadowRoot!.querySelector('.panel')!;
          return { scroll: panel.scrollHeight, client: panel.clientHeight };
        });
        if (scroll > client + 1) cut.push(`${scenario.id} (${language}): ${scroll - client} px cut off`);
        await page.keyboard.press('i');
        await page.locator('info-panel').waitFor({ state: 'detached' });
      }
    }
    expect(cut).toEqual([]);
  });

  it('keeps every name clear of the others and legible over the map, every relation on screen or named at the edge, and the timeline and panel hints legible, in portrait and at 1280x800, and saves a screenshot of each', async () => {
    const problems: string[] = [];
    for (const [width, height] of [
      [1080, 1920],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [index, scenario] of pack.scenarios.entries()) {
        await page.keyboard.press(String(index + 1));
        await page.waitForFunction((id) => window.crossroads!.scenario === id, scenario.id);
        await settle(page);
        problems.push(...(await hiddenPlaces(page, scenario, `${scenario.id} at ${width}x${height}`)));
        const shot = await page.screenshot({ path: `${OUTPUT}${width}x${height}-${String(index + 1).padStart(2, '0')}-${scenario.id}.png` });
        problems.push(...(await storyProblems(page, scenario, `${scenario.id} at ${width}x${height}`, decodePng(shot))));
        if (index === 0) problems.push(...(await panelTextProblems(page, `${scenario.id} at ${width}x${height}`)));
      }
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
    const checked = ['1080x1920', '1280x800'].flatMap((size) => pack.scenarios.map((s) => `${s.id} at ${size}`));
    expect(unexplained(problems, checked).join('\n')).toBe('');
  });

  it('shows no error to the visitor', () => {
    expect(consoleErrors).toEqual([]);
  });
});
