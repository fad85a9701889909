import { describe, expect, it } from 'vitest';
import { displayToggleForKey, KeyboardInput } from '../../../kiosk/input/keyboard-input.js';
import { ORBIT_STEP_PX, OrbitDrag } from '../../../kiosk/input/pointer-orbit.js';

describe('OrbitDrag', () => {
  it('turns the map one step per step of travel, either way', () => {
    const drag = new OrbitDrag();
    drag.down(1, 500);
    expect(drag.move(1, 500 + ORBIT_STEP_PX - 1)).toBe(0);
    expect(drag.move(1, 500 + ORBIT_STEP_PX)).toBe(1);
    expect(drag.move(1, 500 + ORBIT_STEP_PX * 3.5)).toBe(2);
    expect(drag.move(1, 500 - ORBIT_STEP_PX)).toBe(-4);
    expect(drag.up(1)).toBe(false);
  });
  it('tells a tap from a drag and ignores other pointers', () => {
    const drag = new OrbitDrag();
    drag.down(7, 100);
    expect(drag.move(8, 900)).toBe(0);
    drag.move(7, 105);
    expect(drag.up(8)).toBe(false);
    expect(drag.up(7)).toBe(true);
    expect(drag.move(7, 900)).toBe(0);
  });
});

describe('display shortcuts', () => {
  const key = (k: string, ctrlKey = false) => ({ key: k, ctrlKey, altKey: false, metaKey: false, shiftKey: false });
  it('H, T and R toggle contrast, text and motion', () => {
    expect(displayToggleForKey(key('h'))).toBe('contrast');
    expect(displayToggleForKey(key('T'))).toBe('text');
    expect(displayToggleForKey(key('r'))).toBe('motion');
    expect(displayToggleForKey(key('h', true))).toBeNull();
    expect(displayToggleForKey(key('2'))).toBeNull();
  });
  it('hands toggles to their own listener, not as intents', () => {
    const target = new EventTarget();
    const intents: unknown[] = [];
    const toggles: unknown[] = [];
    const input = new KeyboardInput(target, (i) => intents.push(i), (t) => toggles.push(t));
    target.dispatchEvent(Object.assign(new Event('keydown'), key('h'), { repeat: false }));
    target.dispatchEvent(Object.assign(new Event('keydown'), key('i'), { repeat: false }));
    input.dispose();
    expect(toggles).toEqual(['contrast']);
    expect(intents).toEqual([{ kind: 'info' }]);
  });
});
