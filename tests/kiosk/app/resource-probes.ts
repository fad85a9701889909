// Probes for what the kiosk's own code (and three.js) leaves behind: timers
// and animation frames still pending, and listeners still on the window, the
// document or a media query, which outlive any element. Each probe patches the
// page until restore().

// Frames of the kiosk's own modules or three.js (not of the tests under /tests/kiosk/).
const ours = (stack: string): boolean => /:\d+\/(kiosk|node_modules\/three)\//.test(stack);

export interface Probe {
  /** What is still pending or attached, each with the stack that made it. */
  pending: () => string[];
  restore: () => void;
}

/** Tracks timers and animation frames made by the kiosk's code that are still pending. */
export function trackTimers(): Probe {
  type Schedule = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => number;
  type Cancel = (id: number) => void;
  const live = new Map<string, string>();
  const w = window as unknown as Record<string, unknown>;
  const names = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame'] as const;
  const original = Object.fromEntries(names.map((name) => [name, w[name]])) as Record<(typeof names)[number], unknown>;
  const call = <F>(name: (typeof names)[number]) => (original[name] as F & { bind(to: Window): F }).bind(window);
  const [setTimer, clearTimer, setRepeat, clearRepeat] = [call<Schedule>('setTimeout'), call<Cancel>('clearTimeout'), call<Schedule>('setInterval'), call<Cancel>('clearInterval')];
  const [setFrame, cancelFrame] = [call<(fn: FrameRequestCallback) => number>('requestAnimationFrame'), call<Cancel>('cancelAnimationFrame')];
  const track = (key: string, what: string) => {
    const stack = new Error().stack ?? '';
    if (ours(stack)) live.set(key, `${what} ${stack}`);
  };
  w.setTimeout = ((fn, ms, ...args) => {
    const id = setTimer((...a) => {
      live.delete(`t${id}`);
      fn(...a);
    }, ms, ...args);
    track(`t${id}`, 'setTimeout');
    return id;
  }) satisfies Schedule;
  w.setInterval = ((fn, ms, ...args) => {
    const id = setRepeat(fn, ms, ...args);
    track(`t${id}`, 'setInterval');
    return id;
  }) satisfies Schedule;
  w.clearTimeout = w.clearInterval = ((id) => {
    live.delete(`t${id}`);
    clearTimer(id);
    clearRepeat(id);
  }) satisfies Cancel;
  w.requestAnimationFrame = (fn: FrameRequestCallback) => {
    const id = setFrame((time) => {
      live.delete(`f${id}`);
      fn(time);
    });
    track(`f${id}`, 'requestAnimationFrame');
    return id;
  };
  w.cancelAnimationFrame = ((id) => {
    live.delete(`f${id}`);
    cancelFrame(id);
  }) satisfies Cancel;
  return {
    pending: () => [...live.values()],
    restore: () => Object.assign(w, original),
  };
}

/** Tracks listeners the kiosk's code puts on the window, the document or a media query list and has not taken off. */
export function trackListeners(): Probe {
  const proto = EventTarget.prototype;
  const { addEventListener: add, removeEventListener: remove } = proto;
  const live: { target: EventTarget; type: string; listener: unknown; capture: boolean; stack: string }[] = [];
  const global = (target: EventTarget) => target === window || target === document || target instanceof MediaQueryList;
  const captureOf = (options?: boolean | EventListenerOptions) => (typeof options === 'boolean' ? options : !!options?.capture);
  const find = (target: EventTarget, type: string, listener: unknown, capture: boolean) =>
    live.findIndex((l) => l.target === target && l.type === type && l.listener === listener && l.capture === capture);
  proto.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    const stack = new Error().stack ?? '';
    const capture = captureOf(options);
    const once = typeof options === 'object' && !!options.once;
    if (listener && !once && global(this) && ours(stack) && find(this, type, listener, capture) < 0) live.push({ target: this, type, listener, capture, stack });
    return add.call(this, type, listener, options);
  };
  proto.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    const at = find(this, type, listener, captureOf(options));
    if (at >= 0) live.splice(at, 1);
    return remove.call(this, type, listener, options);
  };
  return {
    pending: () => live.map((l) => `${l.type} on ${l.target === window ? 'window' : l.target === document ? 'document' : 'a media query'} ${l.stack}`),
    restore: () => Object.assign(proto, { addEventListener: add, removeEventListener: remove }),
  };
}
