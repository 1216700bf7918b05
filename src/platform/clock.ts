// The server's clock. Every use case reads time through the app context's `now`, which production
// takes from the real clock; tests set or move it, and the demo city can move it forward (so a
// visitor sees deadlines come, cards and reminders fire) through an admin route that exists only
// when the demo is seeded. Timers that measure real durations (timeouts, polling) keep real time.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Real time shifted by an offset that only grows (time never runs backwards for the cases), or a fixed instant. */
export class AdjustableClock implements Clock {
  #offsetMs = 0;
  #fixed: Date | undefined;

  now(): Date {
    return this.#fixed ? new Date(this.#fixed.getTime()) : new Date(Date.now() + this.#offsetMs);
  }

  get offsetMs(): number {
    return this.#fixed ? this.#fixed.getTime() - Date.now() : this.#offsetMs;
  }

  /** Moves time forward by `ms` (≥ 0). */
  advance(ms: number): Date {
    if (!(ms >= 0)) throw new RangeError(`the clock only moves forward, got ${ms} ms`);
    if (this.#fixed) this.#fixed = new Date(this.#fixed.getTime() + ms);
    else this.#offsetMs += ms;
    return this.now();
  }

  /** Stops time at `at` (tests); undefined lets it run again from the real clock plus the offset. */
  set(at: Date | undefined): void {
    this.#fixed = at ? new Date(at.getTime()) : undefined;
  }
}
