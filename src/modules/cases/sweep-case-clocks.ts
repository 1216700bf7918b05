// The case clock's sweep: moves the warning level (none → notice → yellow → red) of every open,
// unpaused sub-case whose level is due, and emits each change as 'subcase.deadline-level-changed' in
// the same transaction; run every second by the worker (cases.sweep-case-clocks).
import type { Tx } from '../../platform/db.ts';
import { sweepLevels, type LevelChange } from './cases.repo.ts';
import { emitCasesEvents, type TCasesEventOf } from './cases.events.ts';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function eventOf(c: LevelChange, now: Date): TCasesEventOf<'subcase.deadline-level-changed'> {
  const dueAt = c.to_level === 'red' ? c.legal_due_at : c.to_level === 'none' ? null : c.promised_at;
  return {
    type: 'subcase.deadline-level-changed', subcaseId: c.subcase_id, applicationId: c.application_id, matterCode: c.matter_code, unitCode: c.unit_code,
    from: c.from_level, to: c.to_level, dueAt: iso(dueAt), at: now.toISOString(),
  };
}

/**
 * Set-based and idempotent: two workers at once, or one twice, change each row once and so emit each
 * change once (the update answers only with the rows it changed). Returns the level changes.
 */
export async function sweepCaseClocks(tx: Tx, now: Date): Promise<number> {
  const changes = await sweepLevels(tx, now);
  if (changes.length > 0) await emitCasesEvents(tx, changes.map((c) => eventOf(c, now)), now);
  return changes.length;
}
