// Idle reset: after a quiet spell a short "still there?" countdown, then the
// timeout. What counts as quiet depends on the mode (the policy): a visitor's
// scenario resets, class mode never does, maintenance closes after a minute.

export interface IdlePolicy {
  /** Quiet time before the countdown starts. */
  idleMs: number;
  /** Seconds of visible countdown before the timeout; 0 times out at once. */
  countdownS: number;
}

export interface IdleTimerOptions {
  /** The policy for the mode now on screen; null never times out. */
  policy: () => IdlePolicy | null;
  /** Seconds left while counting down, null when the countdown is over or cancelled. */
  onCountdown: (secondsLeft: number | null) => void;
  onTimeout: () => void;
}

export class IdleTimer {
  private quiet: ReturnType<typeof setTimeout> | null = null;
  private tick: ReturnType<typeof setInterval> | null = null;
  private secondsLeft: number | null = null;

  constructor(private readonly options: IdleTimerOptions) {}

  /** Seconds left on the countdown, or null when none is showing. */
  get countdown(): number | null {
    return this.secondsLeft;
  }

  /** Someone is there (or the mode changed): cancel any countdown and start the quiet spell again. */
  activity(): void {
    this.clear();
    const policy = this.options.policy();
    if (!policy) return;
    this.quiet = setTimeout(() => {
      this.quiet = null;
      this.startCountdown(policy.countdownS);
    }, policy.idleMs);
  }

  dispose(): void {
    this.clear();
  }

  private startCountdown(seconds: number): void {
    if (seconds <= 0) return this.timeout();
    this.setLeft(seconds);
    this.tick = setInterval(() => {
      const left = (this.secondsLeft ?? 1) - 1;
      if (left <= 0) this.timeout();
      else this.setLeft(left);
    }, 1000);
  }

  private timeout(): void {
    this.clear();
    this.options.onTimeout();
  }

  private setLeft(value: number | null): void {
    if (this.secondsLeft === value) return;
    this.secondsLeft = value;
    this.options.onCountdown(value);
  }

  private clear(): void {
    if (this.quiet) clearTimeout(this.quiet);
    if (this.tick) clearInterval(this.tick);
    this.quiet = this.tick = null;
    this.setLeft(null);
  }
}
