// A 74HC595 as the lamps see it: on each rising edge of SRCLK the shift register takes
// SER, on each rising edge of RCLK the outputs take the shift register. Fed the three
// pin levels after every write to their port.

export class ShiftRegister595 {
  private shift = 0;
  private latched = 0;
  private lastClock = false;
  private lastLatch = false;

  /** Outputs Q0..Q7 as bits 0..7. */
  get outputs(): number {
    return this.latched;
  }

  /** Takes the pins' levels now; returns true when the outputs changed. */
  update(data: boolean, clock: boolean, latch: boolean): boolean {
    if (clock && !this.lastClock) this.shift = ((this.shift << 1) | (data ? 1 : 0)) & 0xff;
    let changed = false;
    if (latch && !this.lastLatch && this.latched !== this.shift) {
      this.latched = this.shift;
      changed = true;
    }
    this.lastClock = clock;
    this.lastLatch = latch;
    return changed;
  }

  /** Power off: every output low. */
  clear(): void {
    this.shift = 0;
    this.latched = 0;
    this.lastClock = false;
    this.lastLatch = false;
  }
}
