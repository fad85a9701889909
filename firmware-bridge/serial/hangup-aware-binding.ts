// serialport 13 on Linux and macOS retries a read that returns 0 bytes, at
// once and forever (serialport/bindings-cpp#162). A tty gives 0 bytes (end of
// file) once it is hung up: a USB board unplugged, or the far side of a
// pseudo-terminal closed. The port then spins on reads and never reports the
// loss. This wraps the platform binding so that end of file is a disconnect:
// the port closes at once, and the supervisor reconnects.

import { read } from 'node:fs';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';

type Binding = typeof SerialPort.binding;
type OpenOptions = Parameters<Binding['open']>[0];
type PortBinding = Awaited<ReturnType<Binding['open']>>;
type ReadResult = Awaited<ReturnType<PortBinding['read']>>;

interface UnixPort {
  fd: number | null;
  isOpen: boolean;
  poller: { once(event: 'readable', callback: (error: Error | null) => void): unknown };
}

const readAsync = promisify(read);
const RETRY_CODES = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);

function isUnixPort(port: unknown): port is UnixPort {
  const candidate = port as Partial<UnixPort>;
  return typeof candidate.fd === 'number' && typeof candidate.poller?.once === 'function';
}

function canceled(): Error {
  // The stream ignores canceled reads (the port is closing) instead of calling them a disconnect.
  return Object.assign(new Error('Port is not open'), { canceled: true });
}

async function readUntilData(port: UnixPort, buffer: Buffer, offset: number, length: number): Promise<ReadResult> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw canceled();
    try {
      const { bytesRead } = await readAsync(port.fd, buffer, offset, length, null);
      if (bytesRead === 0) throw Object.assign(new Error('end of file: the device hung up'), { disconnect: true });
      return { bytesRead, buffer };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined || !RETRY_CODES.has(code)) throw error;
      // Polling a closed port's poller (its native handle is gone) crashes the process.
      if (!port.isOpen || port.fd === null) throw canceled();
      await new Promise<void>((resolve, reject) => port.poller.once('readable', (e) => (e ? reject(e) : resolve())));
    }
  }
}

/** The platform binding, with end of file on a read reported as a disconnect. */
export const hangupAwareBinding: Binding = {
  ...SerialPort.binding,
  list: () => SerialPort.binding.list(),
  async open(options: OpenOptions): Promise<PortBinding> {
    const port = await SerialPort.binding.open(options as never);
    if (isUnixPort(port)) {
      const unixPort = port;
      port.read = (buffer: Buffer, offset: number, length: number) => {
        if (buffer.length < offset + length) return Promise.reject(new Error('buffer is too small'));
        return readUntilData(unixPort, buffer, offset, length);
      };
    }
    return port;
  },
} as Binding;
