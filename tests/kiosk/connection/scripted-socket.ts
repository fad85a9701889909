// A WebSocket the test scripts: it records what the page sends and whether
// it was closed, and the test plays the server (accept, drop, a message).
// Stubbed in for the global WebSocket by the Node and the browser suites.

export class ScriptedSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static made: ScriptedSocket[] = [];
  readyState = ScriptedSocket.CONNECTING;
  sent: string[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;

  constructor(readonly url: string) {
    ScriptedSocket.made.push(this);
  }

  send(text: string): void {
    this.sent.push(text);
  }

  close(): void {
    this.closed = true;
    this.readyState = ScriptedSocket.CLOSED;
  }

  /** What the browser does when the server accepts. */
  accept(): void {
    this.readyState = ScriptedSocket.OPEN;
    this.onopen?.();
  }

  /** What the browser does when the connection fails or drops: error, then close. */
  drop(): void {
    this.readyState = ScriptedSocket.CLOSED;
    this.onerror?.();
    this.onclose?.();
  }
}

/** The sockets made and not closed by the page. */
export function openSockets(): ScriptedSocket[] {
  return ScriptedSocket.made.filter((socket) => !socket.closed);
}

/** Puts ScriptedSocket in place of the global WebSocket, none made yet; returns what puts the original back. */
export function useScriptedSockets(): () => void {
  const scope = globalThis as { WebSocket?: unknown };
  const original = scope.WebSocket;
  ScriptedSocket.made = [];
  scope.WebSocket = ScriptedSocket;
  return () => {
    scope.WebSocket = original;
  };
}
