// Keeps the retained health and visits topics true: both go out on every
// connect; the health again when it changes and at least every period (60 s:
// a dashboard sees a kiosk alive even when nothing happens), the visits when
// they change, at most once per gap so a busy day does not flood the broker.
// A change is looked for on a short timer and soon after a bus event.

import type { HealthReport } from '../health/health-report.js';
import type { DayCounts } from '../stats/interaction-counts.js';
import { buildVisits, healthKey, visitsKey } from './kiosk-reports.js';

export interface ReportPublisherOptions {
  healthTopic: string;
  visitsTopic: string;
  health: () => HealthReport;
  counts: () => DayCounts;
  /** Publishes retained; returns false when offline (nothing is queued). */
  publish: (topic: string, payload: string) => boolean;
  now: () => number;
  healthPeriodMs?: number;
  checkEveryMs?: number;
  visitsGapMs?: number;
}

export class ReportPublisher {
  private timer: NodeJS.Timeout | null = null;
  private soonTimer: NodeJS.Timeout | null = null;
  private healthSent = { key: '', at: 0 };
  private visitsSent = { key: '', at: 0 };

  constructor(private readonly options: ReportPublisherOptions) {}

  start(): void {
    this.timer = setInterval(() => this.check(), this.options.checkEveryMs ?? 5000);
  }

  /** Both reports now (on connect). */
  publishAll(): void {
    this.publishHealth();
    this.publishVisits();
  }

  /** Publishes the health now and returns it. */
  publishHealth(health = this.options.health()): HealthReport {
    if (this.options.publish(this.options.healthTopic, JSON.stringify(health))) this.healthSent = { key: healthKey(health), at: this.options.now() };
    return health;
  }

  private publishVisits(): void {
    const visits = buildVisits(this.options.counts(), new Date(this.options.now()));
    if (this.options.publish(this.options.visitsTopic, JSON.stringify(visits))) this.visitsSent = { key: visitsKey(visits), at: this.options.now() };
  }

  /** Looks for a change shortly (after a bus event; events come in bursts). */
  soon(): void {
    if (this.soonTimer || !this.timer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      this.check();
    }, 100);
  }

  private check(): void {
    const now = this.options.now();
    const health = this.options.health();
    if (now - this.healthSent.at >= (this.options.healthPeriodMs ?? 60_000) || healthKey(health) !== this.healthSent.key) this.publishHealth(health);
    if (now - this.visitsSent.at >= (this.options.visitsGapMs ?? 30_000) && visitsKey(buildVisits(this.options.counts(), new Date(now))) !== this.visitsSent.key) this.publishVisits();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.timer = this.soonTimer = null;
  }
}
