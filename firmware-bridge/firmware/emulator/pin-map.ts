// The panel's pin map as the firmware has it: read from avr/board-pins.h itself, so the
// emulator wires the buttons, knobs and shift register exactly where the image expects.

export type PortName = 'B' | 'C' | 'D';

export interface PinRef {
  port: PortName;
  bit: number;
}

export interface PinMap {
  buttons: PinRef[];
  knobA: PinRef[];
  knobB: PinRef[];
  shiftData: PinRef;
  shiftClock: PinRef;
  shiftLatch: PinRef;
  /** Toggled at the start of each main-loop pass. */
  loopPulse: PinRef;
  ledActiveHigh: boolean;
}

const PIN = /\{\s*Port::([BCD])\s*,\s*([0-7])\s*\}/g;

function pinsOf(header: string, name: string): PinRef[] {
  // `constexpr Pin kName[...] = { ... };` or `constexpr Pin kName = {...};`
  const declaration = new RegExp(`constexpr\\s+Pin\\s+${name}\\b[^=]*=\\s*\\{([\\s\\S]*?)\\};`).exec(header);
  if (!declaration) throw new Error(`board-pins.h declares no ${name}`);
  const body = declaration[1]!.replace(/\/\/[^\n]*/g, '');
  const single = /^\s*Port::([BCD])\s*,\s*([0-7])\s*$/.exec(body);
  if (single) return [{ port: single[1] as PortName, bit: Number(single[2]) }];
  return [...body.matchAll(PIN)].map((match) => ({ port: match[1] as PortName, bit: Number(match[2]) }));
}

function countOf(header: string, name: string): number {
  const match = new RegExp(`constexpr\\s+uint8_t\\s+${name}\\s*=\\s*(\\d+)\\s*;`).exec(header);
  if (!match) throw new Error(`board-pins.h declares no ${name}`);
  return Number(match[1]);
}

/** Parses board-pins.h; throws when a table is missing, has the wrong length, or two signals share a pin. */
export function parsePinMap(header: string): PinMap {
  const buttons = pinsOf(header, 'kButton');
  const knobA = pinsOf(header, 'kKnobA');
  const knobB = pinsOf(header, 'kKnobB');
  const [shiftData] = pinsOf(header, 'kShiftData');
  const [shiftClock] = pinsOf(header, 'kShiftClock');
  const [shiftLatch] = pinsOf(header, 'kShiftLatch');
  const [loopPulse] = pinsOf(header, 'kLoopPulse');
  const active = /constexpr\s+bool\s+kLedActiveHigh\s*=\s*(true|false)\s*;/.exec(header);
  if (!shiftData || !shiftClock || !shiftLatch || !loopPulse || !active) throw new Error('board-pins.h lacks the shift register pins, kLoopPulse or kLedActiveHigh');
  if (buttons.length !== countOf(header, 'kButtonCount')) throw new Error(`board-pins.h lists ${buttons.length} buttons, kButtonCount says otherwise`);
  const knobs = countOf(header, 'kKnobCount');
  if (knobA.length !== knobs || knobB.length !== knobs) throw new Error('board-pins.h: kKnobA and kKnobB must list kKnobCount pins each');
  const all = [...buttons, ...knobA, ...knobB, shiftData, shiftClock, shiftLatch, loopPulse].map((pin) => `${pin.port}${pin.bit}`);
  const twice = all.find((name, i) => all.indexOf(name) !== i);
  if (twice) throw new Error(`board-pins.h uses pin P${twice} twice`);
  return { buttons, knobA, knobB, shiftData, shiftClock, shiftLatch, loopPulse, ledActiveHigh: active[1] === 'true' };
}
