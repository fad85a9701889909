// Finds serial ports that may hold a panel board. SerialPort.list() needs
// udev on Linux and fails on some systems: then the device directory is
// searched instead. Ports with a known USB vendor come first; each candidate
// is then probed (WHO/HELLO) by the caller.

import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { Logger } from '../core/logger.js';

/** USB vendor ids of the boards the panel is built on. */
export const KNOWN_VENDORS: Readonly<Record<string, string>> = {
  '2e8a': 'Raspberry Pi RP2040',
  '2341': 'Arduino',
  '2a03': 'Arduino',
  '1a86': 'CH340 USB-UART',
  '0403': 'FTDI USB-UART',
};

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
    const known = listed.filter((p) => p.vendorId && KNOWN_VENDORS[p.vendorId.toLowerCase()]);
    const otherUsb = listed.filter((p) => !known.includes(p) && (p.vendorId || USB_TTY.test(baseName(p.path))));
    const globbed = await this.globbed();
    return dedupe([...known.map((p) => p.path), ...otherUsb.map((p) => p.path), ...globbed]);
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
