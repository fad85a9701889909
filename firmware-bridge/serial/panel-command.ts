// The few commands a person (or an end-to-end test) types to work a simulated
// panel: the same words as the virtual board's stdin, checked here so a typo
// gets a clear answer instead of reaching the board.

export type PanelCommand =
  | { kind: 'press' | 'release' | 'tap'; index: number; text: string }
  | { kind: 'turn'; index: number; delta: number; text: string }
  | { error: string };

export const PANEL_COMMAND_HELP = 'press N | release N | tap N | turn K DETENTS';

const INT = /^-?\d+$/;

export function parsePanelCommand(line: string, buttons: number, knobs: number): PanelCommand {
  const words = line.trim().split(/\s+/);
  const [verb, a, b] = words;
  if ((verb === 'press' || verb === 'release' || verb === 'tap') && words.length === 2) {
    const index = a !== undefined && INT.test(a) ? Number(a) : NaN;
    if (!(index >= 0 && index < buttons)) return { error: `no button ${JSON.stringify(a)}: buttons are 0..${buttons - 1}` };
    return { kind: verb, index, text: `${verb} ${index}` };
  }
  if (verb === 'turn' && words.length === 3) {
    const index = a !== undefined && INT.test(a) ? Number(a) : NaN;
    const delta = b !== undefined && INT.test(b) ? Number(b) : NaN;
    if (!(index >= 0 && index < knobs)) return { error: `no knob ${JSON.stringify(a)}: knobs are 0..${knobs - 1}` };
    if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > 10_000) return { error: `turn needs a non-zero detent count up to 10000, got ${JSON.stringify(b)}` };
    return { kind: 'turn', index, delta, text: `turn ${index} ${delta}` };
  }
  return { error: `unknown command ${JSON.stringify(line.trim())}` };
}
