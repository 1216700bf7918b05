// Refused adapter calls (bad signature, unknown or another unit's sub-case) are audited so a unit
// probing others' sub-cases shows up, but anyone can send junk: one row per (action, unit, client IP)
// a minute per process, the next one saying how many were held back (audit/throttle.ts).
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AuditThrottle, recordThrottledAudit, type TAuditEntry } from '../audit/index.ts';

const throttles = new WeakMap<Db, AuditThrottle>();

export async function auditRefusedCall(ctx: AppContext, unitCode: string | null | undefined, entry: TAuditEntry & { action: string }): Promise<void> {
  const db = ctx.database.db;
  let throttle = throttles.get(db);
  if (!throttle) throttles.set(db, (throttle = new AuditThrottle()));
  await recordThrottledAudit(db, throttle, [entry.action, unitCode ?? 'unknown', entry.ip ?? 'unknown'], entry, ctx.now());
}
