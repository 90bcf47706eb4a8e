/**
 * The real clock plus an offset the tests move by hand: claims, leases and retry times all read
 * it, so minutes pass at once while the order of events within a test stays real.
 */
export class TestClock {
  private offsetMs = 0;
  readonly now = () => new Date(Date.now() + this.offsetMs);

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
