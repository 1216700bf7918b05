// Deadline marks of a case still open: overdue, or due within a day. A server-computed warning
// level, where the API gives one, wins over the client's own arithmetic.
import { isFinalCode } from './case-status.ts';

const NEAR_MS = 24 * 3_600_000;

export type DeadlineMark = 'overdue' | 'near' | null;

export interface DeadlineFacts {
  status: { code: string };
  /** the promised completion time (ISO), null when there is none (not released, no time limit) */
  promisedAt: string | null;
  /** the server's warning level, when the API carries one */
  warning?: DeadlineMark;
}

export function deadlineMark(c: DeadlineFacts, now: number = Date.now()): DeadlineMark {
  if (isFinalCode(c.status.code)) return null;
  if (c.warning !== undefined) return c.warning;
  if (!c.promisedAt) return null;
  const due = new Date(c.promisedAt).getTime();
  if (Number.isNaN(due)) return null;
  if (due < now) return 'overdue';
  if (due - now <= NEAR_MS) return 'near';
  return null;
}
