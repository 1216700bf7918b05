// The case clock's sweep: moves the warning level (none → notice → yellow → red) of every open,
// unpaused sub-case whose level is due, and records each change; run every second by the worker.
import type { DbOrTx } from './cases.repo.ts';
import { sweepLevels } from './cases.repo.ts';

/** Set-based and idempotent: two workers at once, or one twice, change (and record) each row once. Returns the changes recorded. */
export function sweepCaseClocks(tx: DbOrTx, now: Date): Promise<number> {
  return sweepLevels(tx, now);
}
