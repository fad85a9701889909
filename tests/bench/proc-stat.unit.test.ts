// /proc parsing for the benchmark's CPU and memory figures: raw text in,
// numbers out; and one real read of this very process to keep it honest.

import { describe, expect, it } from 'vitest';
import { chromiumProcessType, cpuMsBetween, cpuTicksByPid, descendants, parseProcStat, parseVmRssBytes, readAllProcs, rssBytes } from './proc-stat.js';
import { chunkName } from './size-bench.js';
import { ChangeFeed } from './page-probe.js';

// A real line from a Chromium GPU process, with a name that has spaces and a parenthesis.
const STAT =
  '4922 (Chrome_Child (gpu)) S 4890 4890 4890 0 -1 4194560 23418 0 12 0 2237 481 0 0 20 0 14 0 179759 55051880448 86072 18446744073709551615 1 1 0 0 0 0 0 4096 1073807618 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0';

describe('parseProcStat', () => {
  it('reads pid, name, parent and CPU ticks', () => {
    expect(parseProcStat(STAT)).toEqual({ pid: 4922, comm: 'Chrome_Child (gpu)', state: 'S', ppid: 4890, utime: 2237, stime: 481 });
  });

  it('refuses text that is not a stat line', () => {
    expect(() => parseProcStat('hello')).toThrow(/not a \/proc stat line/);
    expect(() => parseProcStat('12 (x) S')).toThrow(/not a \/proc stat line/);
  });

  it('reads this process from the real /proc', () => {
    const procs = readAllProcs();
    const self = procs.find((p) => p.pid === process.pid);
    expect(self?.ppid).toBe(process.ppid);
    expect(rssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(cpuTicksByPid([process.pid]).get(process.pid)).toBeGreaterThanOrEqual(0);
  });
});

describe('parseVmRssBytes', () => {
  it('reads the resident size in bytes', () => {
    expect(parseVmRssBytes('Name:\tnode\nVmPeak:\t  99 kB\nVmRSS:\t   83456 kB\nThreads:\t11\n')).toBe(83456 * 1024);
  });

  it('says why when there is none', () => {
    expect(() => parseVmRssBytes('Name:\tzombie\nState:\tZ (zombie)\n')).toThrow(/no VmRSS/);
  });
});

describe('descendants', () => {
  const procs = [
    { pid: 1, ppid: 0 },
    { pid: 10, ppid: 1 },
    { pid: 11, ppid: 10 },
    { pid: 12, ppid: 10 },
    { pid: 13, ppid: 12 },
    { pid: 20, ppid: 1 },
    { pid: 21, ppid: 20 },
  ].map((p) => ({ ...p, comm: 'x', state: 'S', utime: 0, stime: 0 }));

  it('walks the whole tree below the roots', () => {
    expect(descendants(procs, [10]).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
    expect(descendants(procs, [1]).length).toBe(7);
  });

  it('leaves out excluded subtrees', () => {
    expect(descendants(procs, [1], [12, 20]).sort((a, b) => a - b)).toEqual([1, 10, 11]);
  });
});

describe('cpuMsBetween', () => {
  it('counts newborn processes from zero and converts ticks to ms', () => {
    const start = new Map([
      [1, 100],
      [2, 50],
    ]);
    const end = new Map([
      [1, 130],
      [2, 50],
      [3, 7],
    ]);
    expect(cpuMsBetween(start, end, 100)).toBe(370);
    expect(cpuMsBetween(start, end, 1000)).toBe(37);
  });
});

describe('chromiumProcessType', () => {
  it('reads --type from a NUL-separated command line', () => {
    expect(chromiumProcessType('/usr/lib/chromium/chromium\0--type=gpu-process\0--no-sandbox\0')).toBe('gpu-process');
    expect(chromiumProcessType('/usr/lib/chromium/chromium\0--no-sandbox\0--type=renderer\0')).toBe('renderer');
    expect(chromiumProcessType('/usr/lib/chromium/chromium\0--headless\0--typo=x\0')).toBe('browser');
  });

  it('reads it from the single space-separated title Chromium gives its children', () => {
    expect(chromiumProcessType('/usr/lib/chromium/chromium --type=gpu-process --no-sandbox --use-angle=swiftshader\0\0\0')).toBe('gpu-process');
    expect(chromiumProcessType('/usr/lib/chromium/chromium --show-component-extension-options --no-sandbox\0')).toBe('browser');
  });
});

describe('chunkName', () => {
  it('hides Vite content hashes so runs compare by chunk', () => {
    expect(chunkName('assets/index-C3cpZn5d.js')).toBe('assets/index-*.js');
    expect(chunkName('assets/three-CuwMb0ea.js')).toBe('assets/three-*.js');
    expect(chunkName('index.html')).toBe('index.html');
  });
});

describe('ChangeFeed', () => {
  it('wakes a waiter on the change after the one it counted, and times out otherwise', async () => {
    const feed = new ChangeFeed();
    const first = feed.waitBeyond(0, 1000);
    feed.report();
    await expect(first).resolves.toBe(true);
    await expect(feed.waitBeyond(0, 1000)).resolves.toBe(true);
    await expect(feed.waitBeyond(1, 20)).resolves.toBe(false);
    expect(feed.count).toBe(1);
  });
});
