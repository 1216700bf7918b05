// Audit rows for things anyone can cause (refused calls from outside) must not let a flood of junk
// flood the audit log: at most one row per key per window, and the next row of the key says how many
// were held back in between (detail.suppressed). In memory, per process, with a bounded number of
// keys (least recently used dropped first, with its count: the log then under-counts, never floods).
import type { Db } from '../../platform/db.ts';
import { recordAudit } from './audit.repo.ts';
import type { TAuditEntry } from './audit.schemas.ts';

export const AUDIT_THROTTLE_WINDOW_MS = 60_000;
export const AUDIT_THROTTLE_MAX_KEYS = 10_000;

interface KeyState {
  writtenAt: number;
  suppressed: number;
}

export class AuditThrottle {
  // a Map iterates in insertion order: re-inserting on use keeps the least recently used first
  private readonly keys = new Map<string, KeyState>();
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(opts: { windowMs?: number; maxKeys?: number } = {}) {
    this.windowMs = opts.windowMs ?? AUDIT_THROTTLE_WINDOW_MS;
    this.maxKeys = opts.maxKeys ?? AUDIT_THROTTLE_MAX_KEYS;
  }

  /** undefined: hold this row back (counted); a number: write it, with that many held back since the key's last row. */
  admit(key: string, now: Date): number | undefined {
    const at = now.getTime();
    const state = this.keys.get(key);
    if (state) this.keys.delete(key);
    // a clock set back (tests, a corrected clock) starts the window again rather than muting the key
    if (state && at >= state.writtenAt && at - state.writtenAt < this.windowMs) {
      state.suppressed++;
      this.keys.set(key, state);
      return undefined;
    }
    this.keys.set(key, { writtenAt: at, suppressed: 0 });
    if (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value!);
    return state?.suppressed ?? 0;
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * recordAudit, throttled per `key` (e.g. action, unit, client IP); a written row carries
 * `detail.suppressed` when rows of the key were held back before it.
 */
export async function recordThrottledAudit(db: Db, throttle: AuditThrottle, key: readonly string[], entry: TAuditEntry, now: Date): Promise<void> {
  const suppressed = throttle.admit(key.join('\n'), now);
  if (suppressed === undefined) return;
  await recordAudit(db, suppressed > 0 ? { ...entry, detail: { ...entry.detail, suppressed } } : entry);
}
