// A real AF_UNIX datagram socket standing in for systemd's NOTIFY_SOCKET.
// Node cannot open one, so a python3 child binds it and prints each datagram
// it receives as a JSON line with its arrival time.

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const LISTENER = `
import json, socket, sys, time
address = sys.argv[1]
bind_to = '\\0' + address[1:] if address.startswith('@') else address
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(bind_to)
print(json.dumps({'bound': True}), flush=True)
while True:
    data = sock.recv(4096)
    print(json.dumps({'at': time.monotonic() * 1000, 'text': data.decode('utf-8')}), flush=True)
`;

export interface Datagram {
  /** Arrival time, milliseconds on the listener's monotonic clock. */
  at: number;
  text: string;
}

export interface NotifyListener {
  datagrams: Datagram[];
  /** Datagrams that carry `KEY=VALUE` among their assignments. */
  with(assignment: string): Datagram[];
  close(): Promise<void>;
}

export async function listenForNotify(address: string): Promise<NotifyListener> {
  const child: ChildProcess = spawn('python3', ['-u', '-c', LISTENER, address], { stdio: ['ignore', 'pipe', 'inherit'] });
  const datagrams: Datagram[] = [];
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the notify listener exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { bound?: boolean } & Datagram;
      if (message.bound) resolve();
      else datagrams.push({ at: message.at, text: message.text });
    });
  });
  child.removeAllListeners('exit');
  return {
    datagrams,
    with: (assignment) => datagrams.filter((d) => d.text.split('\n').includes(assignment)),
    async close() {
      child.kill();
      await closed;
    },
  };
}
