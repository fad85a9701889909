// Owns which content pack is on screen: the installed one under the data
// folder when it reads cleanly, else the built-in pack shipped with the code.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { PackInfo } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';

export class PackError extends Error {
  constructor(
    readonly path: string,
    readonly reasons: string[],
  ) {
    super(`${path}: ${reasons.join('; ')}`);
    this.name = 'PackError';
  }
}

export interface PackStoreOptions {
  bus: EventBus;
  log: Logger;
  dataDir: string;
  builtInDir: string;
  kioskVersion: string;
  allowUnsigned?: boolean;
}

export interface CurrentPack {
  pack: PackManifest;
  info: PackInfo;
}

export class PackStore implements Capability {
  readonly name = 'packs';
  private active: CurrentPack | null = null;

  constructor(private readonly options: PackStoreOptions) {}

  async start(): Promise<void> {
    this.active = await this.loadBuiltIn();
    this.options.bus.emit('pack.changed', this.active);
  }

  async stop(): Promise<void> {}

  current(): CurrentPack {
    if (!this.active) throw new Error('pack store not started');
    return this.active;
  }

  private async loadBuiltIn(): Promise<CurrentPack> {
    const dir = this.options.builtInDir;
    const file = join(dir, 'pack.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new PackError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
    let pack: PackManifest;
    try {
      pack = JSON.parse(text) as PackManifest;
    } catch (error) {
      throw new PackError(file, [`is not valid JSON (${(error as Error).message})`]);
    }
    if (!Array.isArray(pack.scenarios) || pack.scenarios.length === 0) {
      throw new PackError(file, ['has no scenarios']);
    }
    return { pack, info: { id: pack.id, version: pack.version, source: 'built-in', installedAt: null } };
  }
}
