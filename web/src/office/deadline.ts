// Deadline marks of the back office: overdue, or due within a day, for cases still open.
const CLOSED = new Set(['07', '10', '11', '12', '13']);
const NEAR_MS = 24 * 3_600_000;

export type DeadlineMark = 'overdue' | 'near' | null;

export function deadlineMark(statusCode: string, promisedAt: string | null, now = Date.now()): DeadlineMark {
  if (!promisedAt || CLOSED.has(statusCode)) return null;
  const due = new Date(promisedAt).getTime();
  if (Number.isNaN(due)) return null;
  if (due < now) return 'overdue';
  if (due - now <= NEAR_MS) return 'near';
  return null;
}
