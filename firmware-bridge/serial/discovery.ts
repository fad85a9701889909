// Finds serial ports that may hold a panel board. SerialPort.list() needs
// udev on Linux and fails on some systems: then the device directory is
// searched instead. Ports whose USB ids are those of a panel's board or its
// USB-serial chip come first, then other ports of those vendors, then other
// USB serial ports; each candidate is then probed (WHO/HELLO) by the caller.

import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { Logger } from '../core/logger.js';

export interface KnownDevice {
  vendorId: string;
  /** Absent: every product of the vendor. */
  productId?: string;
  name: string;
}

/**
 * The USB devices a panel shows up as: the RP2040's own USB, Arduino boards, and the
 * USB-serial chips on ATmega328P boards (the reference board). udev/99-crossroads-panel.rules
 * names the same ids.
 */
export const KNOWN_DEVICES: readonly KnownDevice[] = [
  { vendorId: '2e8a', productId: '000a', name: 'Raspberry Pi Pico (RP2040)' },
  { vendorId: '2341', name: 'Arduino (Uno, Nano, with a 16U2 or its own USB)' },
  { vendorId: '2a03', name: 'Arduino (arduino.org)' },
  { vendorId: '1a86', productId: '7523', name: 'CH340 USB-serial (most Nano and Uno clones)' },
  { vendorId: '0403', productId: '6001', name: 'FTDI FT232R USB-serial (older Nanos)' },
];

/** USB vendor ids of the boards the panel is built on. */
export const KNOWN_VENDORS: Readonly<Record<string, string>> = {
  '2e8a': 'Raspberry Pi RP2040',
  '2341': 'Arduino',
  '2a03': 'Arduino',
  '1a86': 'CH340 USB-UART',
  '0403': 'FTDI USB-UART',
};

/** The known device a port is, if any. */
export function knownDevice(port: ListedPort): KnownDevice | undefined {
  const vendor = port.vendorId?.toLowerCase();
  const product = port.productId?.toLowerCase();
  return KNOWN_DEVICES.find((device) => device.vendorId === vendor && (device.productId === undefined || device.productId === product));
}

export interface ListedPort {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface DiscoveryOptions {
  log: Logger;
  /** Where to look when listing fails; a test points it at a temp dir. */
  devRoot?: string;
  listPorts?: () => Promise<ListedPort[]>;
}

const USB_TTY = /^tty(ACM|USB)\d+$/;

export class Discovery {
  private readonly log: Logger;
  private readonly devRoot: string;
  private readonly listPorts: () => Promise<ListedPort[]>;
  private listFailureLogged = false;

  constructor(options: DiscoveryOptions) {
    this.log = options.log;
    this.devRoot = options.devRoot ?? '/dev';
    this.listPorts = options.listPorts ?? (() => SerialPort.list());
  }

  /** Candidate paths, most likely first, each device once. */
  async candidates(): Promise<string[]> {
    const listed = await this.listed();
    const known = listed.filter((p) => knownDevice(p) !== undefined);
    // A known vendor's other products (an FTDI FT2232, a CH341) are less likely, but possible.
    const knownVendor = listed.filter((p) => !known.includes(p) && p.vendorId && KNOWN_VENDORS[p.vendorId.toLowerCase()]);
    const otherUsb = listed.filter((p) => !known.includes(p) && !knownVendor.includes(p) && (p.vendorId || USB_TTY.test(baseName(p.path))));
    const globbed = await this.globbed();
    return dedupe([...known, ...knownVendor, ...otherUsb].map((p) => p.path).concat(globbed));
  }

  private async listed(): Promise<ListedPort[]> {
    try {
      return await this.listPorts();
    } catch (error) {
      if (!this.listFailureLogged) {
        this.log.warn(`listing serial ports failed (${(error as Error).message}); searching ${this.devRoot} instead`);
        this.listFailureLogged = true;
      }
      return [];
    }
  }

  private async globbed(): Promise<string[]> {
    const byId = join(this.devRoot, 'serial', 'by-id');
    const stable = (await readdirOrEmpty(byId)).sort().map((name) => join(byId, name));
    const ttys = (await readdirOrEmpty(this.devRoot)).filter((name) => USB_TTY.test(name)).sort(naturalOrder).map((name) => join(this.devRoot, name));
    return [...stable, ...ttys];
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Keeps the first name of each device (by-id links and tty names can be the same port). */
async function dedupe(paths: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const path of paths) {
    const real = await realpath(path).catch(() => null);
    if (real === null || seen.has(real)) continue;
    seen.add(real);
    out.push(path);
  }
  return out;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
