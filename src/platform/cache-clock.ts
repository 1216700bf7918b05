// The clock of the per-process caches over a database handle (published catalog, routing world): the
// app context's clock (ctx.now) once buildApp has registered it, else real time. A test moves that
// clock past a cache's time to live instead of sleeping.
import type { Db } from './db.ts';

const clocks = new WeakMap<Db, () => Date>();

export function setCacheClock(db: Db, now: () => Date): void {
  clocks.set(db, now);
}

export function cacheNow(db: Db): number {
  return (clocks.get(db)?.() ?? new Date()).getTime();
}

/** Whether a cache entry checked at `checkedAt` must be checked again (also when the clock went back). */
export function cacheExpired(checkedAt: number, now: number, ttlMs: number): boolean {
  return now - checkedAt >= ttlMs || now < checkedAt;
}
