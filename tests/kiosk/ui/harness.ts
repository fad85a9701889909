// Shared by the component tests: the built-in pack, the museum panel's
// control map, mounting an element on the kiosk's background, and axe-core.

import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { ControlMap } from '../../../firmware-bridge/api/messages.js';

let packCache: PackManifest | null = null;

export async function loadPack(): Promise<PackManifest> {
  packCache ??= (await (await fetch('/fixtures/pack.json')).json()) as PackManifest;
  return structuredClone(packCache);
}

/** The museum panel (firmware-bridge/input/control-map.ts DEFAULT_CONTROLS), with its hold. */
export const PANEL: ControlMap = {
  buttons: 8,
  knobs: 2,
  bindings: [
    ...[0, 1, 2, 3, 4].map((i) => ({ control: 'button' as const, index: i, intent: 'scenario' as const, scenario: i, x: 0.08 + i * 0.12, y: 0.3 })),
    { control: 'button', index: 5, intent: 'previous', x: 0.2, y: 0.75 },
    { control: 'button', index: 6, intent: 'next', x: 0.44, y: 0.75 },
    { control: 'button', index: 7, intent: 'language', x: 0.68, y: 0.75 },
    { control: 'knob', index: 0, intent: 'timeline', x: 0.84, y: 0.3 },
    { control: 'knob', index: 1, intent: 'orbit', x: 0.84, y: 0.75 },
  ],
  holds: [{ button: 7, intent: 'info', ms: 1500 }],
};

/** Creates the element, sets its properties, mounts it on the kiosk's dark background. */
export async function mount<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]>, width = '40rem'): Promise<HTMLElementTagNameMap[K]> {
  document.body.style.background = '#0b1a26';
  document.body.style.margin = '0';
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
