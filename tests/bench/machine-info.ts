// What the figures were measured on, so a later run can be compared fairly
// (or not at all, when the machine differs).

import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  platform: string;
  kernel: string;
  node: string;
  chromium: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews every figure. */
  loadAtStart: number[];
}

export function describeMachine(chromiumVersion: string): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    platform: `${process.platform}-${process.arch}`,
    kernel: release(),
    node: process.version,
    chromium: chromiumVersion,
    loadAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function formatMachine(m: MachineInfo): string {
  return [
    `${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 1024 ** 3).toFixed(1)} GiB, ${m.platform} (Linux ${m.kernel})`,
    `Node ${m.node}, Chromium ${m.chromium}; load average at start ${m.loadAtStart.join(' / ')}`,
  ].join('\n');
}
