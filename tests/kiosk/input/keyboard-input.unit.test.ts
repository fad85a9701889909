import { describe, expect, it } from 'vitest';
import { intentForKey, KeyboardInput } from '../../../kiosk/input/keyboard-input.js';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('keyboard and clicker mapping', () => {
  it('number keys pick scenarios', () => {
    expect(intentForKey(key('1'))).toEqual({ kind: 'scenario', index: 0 });
    expect(intentForKey(key('8'))).toEqual({ kind: 'scenario', index: 7 });
  });
  it('a presentation clicker steps like slides', () => {
    expect(intentForKey(key('PageDown'))).toEqual({ kind: 'next' });
    expect(intentForKey(key('PageUp'))).toEqual({ kind: 'previous' });
    expect(intentForKey(key('b'))).toEqual({ kind: 'info' });
  });
  it('arrows turn the knobs', () => {
    expect(intentForKey(key('ArrowRight'))).toEqual({ kind: 'timeline', delta: 1 });
    expect(intentForKey(key('ArrowLeft'))).toEqual({ kind: 'timeline', delta: -1 });
    expect(intentForKey(key('ArrowUp'))).toEqual({ kind: 'zoom', delta: 1 });
  });
  it('N plays or stops the narration, + and - turn its volume, P enlarges the picture', () => {
    expect(intentForKey(key('n'))).toEqual({ kind: 'narration' });
    expect(intentForKey(key('N', { shiftKey: true }))).toEqual({ kind: 'narration' });
    expect(intentForKey(key('+', { shiftKey: true }))).toEqual({ kind: 'volume', delta: 1 });
    expect(intentForKey(key('='))).toEqual({ kind: 'volume', delta: 1 });
    expect(intentForKey(key('-'))).toEqual({ kind: 'volume', delta: -1 });
    expect(intentForKey(key('p'))).toEqual({ kind: 'picture' });
    expect(intentForKey(key('n', { ctrlKey: true }))).toBeNull();
  });
  it('shortcuts open class mode and maintenance, and other keys do nothing', () => {
    expect(intentForKey(key('k', { ctrlKey: true }))).toEqual({ kind: 'class-mode' });
    expect(intentForKey(key('m', { ctrlKey: true }))).toEqual({ kind: 'maintenance' });
    expect(intentForKey(key('q'))).toBeNull();
    expect(intentForKey(key('1', { altKey: true }))).toBeNull();
  });
  it('detaches its listener on dispose', () => {
    const target = new EventTarget();
    const got: unknown[] = [];
    const input = new KeyboardInput(target, (i) => got.push(i));
    const press = () => target.dispatchEvent(Object.assign(new Event('keydown'), key('2'), { repeat: false }));
    press();
    input.dispose();
    press();
    expect(got).toEqual([{ kind: 'scenario', index: 1 }]);
  });
});
