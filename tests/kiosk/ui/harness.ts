// Shared by the component tests: the built-in pack, the museum panel's
// control map, mounting an element on the kiosk's background, and axe-core.

import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { ControlMap } from '../../../firmware-bridge/api/messages.js';

let packCache: PackManifest | null = null;

export async function loadPack(): Promise<PackManifest> {
  packCache ??= (await (await fetch('/fixtures/pack.json')).json()) as PackManifest;
  return structuredClone(packCache);
}

let panelCache: ControlMap | null = null;

/** The museum panel, as the bridge sends it (DEFAULT_CONTROLS, served by the test runner's fixtures). */
export async function loadPanel(): Promise<ControlMap> {
  panelCache ??= (await (await fetch('/fixtures/controls.json')).json()) as ControlMap;
  return structuredClone(panelCache);
}

/** The fonts the kiosk's stylesheet names, which the Pi's install and `.ci/run` install. */
export const KIOSK_FONTS = ['Noto Sans', 'DejaVu Sans'];
let pageStyled: Promise<void> | null = null;

/**
 * Gives the test page the kiosk's own stylesheet, so components are measured
 * in the kiosk's fonts, and fails at once, naming the package, when a font
 * it names is missing (text would then be laid out in another font's widths).
 */
export function styleLikeTheKiosk(): Promise<void> {
  pageStyled ??= new Promise<void>((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/kiosk/public/kiosk.css';
    link.onload = () => resolve();
    link.onerror = () => reject(new Error('kiosk/public/kiosk.css could not be loaded'));
    document.head.append(link);
  }).then(() => {
    const missing = KIOSK_FONTS.filter((font) => !fontInstalled(font));
    if (missing.length > 0) throw new Error(`the kiosk's fonts are missing: ${missing.join(', ')}; install them with "apt-get install fonts-noto-core fonts-dejavu-core"`);
  });
  return pageStyled;
}

/** A system font is there when text set in it measures unlike both generic fallbacks. */
function fontInstalled(family: string): boolean {
  const context = document.createElement('canvas').getContext('2d')!;
  const sample = 'Caspian Crossroads 0123 mwil';
  return ['monospace', 'serif'].every((fallback) => {
    context.font = `32px ${fallback}`;
    const plain = context.measureText(sample).width;
    context.font = `32px "${family}", ${fallback}`;
    return context.measureText(sample).width !== plain;
  });
}

/** Creates the element, sets its properties, mounts it on the kiosk's dark background. */
export async function mount<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]>, width = '40rem'): Promise<HTMLElementTagNameMap[K]> {
  await styleLikeTheKiosk();
  const el = document.createElement(tag);
  Object.assign(el, props);
  el.style.width = width;
  el.style.display = 'block';
  document.body.append(el);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown; failureSummary?: string }[] }[];
  passes: { id: string }[];
}

declare global {
  interface Window {
    axe?: { run(context: Element, options?: unknown): Promise<AxeResult> };
  }
}

async function loadAxe(): Promise<NonNullable<Window['axe']>> {
  if (!window.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core could not be loaded'));
      document.head.append(script);
    });
  }
  return window.axe!;
}

/** Runs axe (WCAG 2 A and AA: contrast, roles, names) on an element; returns readable violations and the rules that passed. */
export async function axeCheck(el: Element): Promise<{ violations: string[]; passed: string[] }> {
  const axe = await loadAxe();
  const result = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] }, resultTypes: ['violations', 'passes'] });
  return {
    violations: result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
    passed: result.passes.map((p) => p.id),
  };
}

/** Text inside an element's shadow root. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Resolves once `check` returns true, polling each animation frame; rejects
 * after `timeoutMs` with `what` (or what it describes at that moment).
 */
export async function until(check: () => boolean, what: string | (() => string), timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
}
