// CPU time and memory of processes from Linux's /proc: the parsers are pure
// (tested on raw text), the readers are thin. CPU time is the stable figure
// in a software-rendered browser whose frame rate swings with the load.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  /** User and system CPU time, in clock ticks. */
  utime: number;
  stime: number;
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc stat line: ${JSON.stringify(text.slice(0, 80))}`);
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 1).trim().split(/\s+/);
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const [state, ppid, utime, stime] = [rest[0], Number(rest[1]), Number(rest[11]), Number(rest[12])];
  if (!state || !Number.isInteger(pid) || ![ppid, utime, stime].every(Number.isInteger)) {
    throw new Error(`not a /proc stat line: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return { pid, comm: text.slice(open + 1, close), state, ppid, utime, stime };
}

/** The resident set size in bytes from /proc/<pid>/status text. */
export function parseVmRssBytes(statusText: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  if (!match) throw new Error('no VmRSS line (is the process a zombie?)');
  return Number(match[1]) * 1024;
}

/** Every pid below the roots (the roots included), skipping whole subtrees at `exclude`. */
export function descendants(procs: readonly ProcStat[], roots: readonly number[], exclude: readonly number[] = []): number[] {
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const skip = new Set(exclude);
  const out: number[] = [];
  const queue = roots.filter((r) => !skip.has(r));
  const seen = new Set<number>();
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    out.push(pid);
    for (const child of children.get(pid) ?? []) if (!skip.has(child)) queue.push(child);
  }
  return out;
}

/** Clock ticks per second for utime/stime (USER_HZ; 100 on every mainstream Linux). */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** Every live process now; ones that exit while being read are left out. */
export function readAllProcs(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      out.push(parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return out;
}

/** User+system CPU ticks of each given process still alive. */
export function cpuTicksByPid(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      out.set(pid, stat.utime + stat.stime);
    } catch {
      // Exited: its time is gone with it.
    }
  }
  return out;
}

/**
 * CPU ms spent between two snapshots: a process born in between counts from
 * zero; one that died in between is lost (its time went to its parent's
 * cutime, which is not summed), so long windows should not span restarts.
 */
export function cpuMsBetween(start: ReadonlyMap<number, number>, end: ReadonlyMap<number, number>, ticksPerSecond: number): number {
  let ticks = 0;
  for (const [pid, t] of end) ticks += t - (start.get(pid) ?? 0);
  return (ticks * 1000) / ticksPerSecond;
}

/**
 * Chromium's role for a process from its /proc cmdline: gpu-process, renderer,
 * zygote, utility, or browser. Arguments are NUL-separated, except that
 * Chromium rewrites its children's title into one space-separated string.
 */
export function chromiumProcessType(cmdline: string): string {
  return /(?:^|[\s\0])--type=([^\s\0]+)/.exec(cmdline)?.[1] ?? 'browser';
}

/** The pids grouped by Chromium process type; processes gone meanwhile are left out. */
export function groupByChromiumType(pids: readonly number[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const pid of pids) {
    try {
      const type = chromiumProcessType(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      out.set(type, [...(out.get(type) ?? []), pid]);
    } catch {
      // Exited.
    }
  }
  return out;
}

export function rssBytes(pid: number): number {
  return parseVmRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8'));
}
