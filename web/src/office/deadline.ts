// Deadline marks of the back office, from the server's warning level (the case clock's sweep, not the
// browser's clock): past the promised or the legal due time, or due soon (notice), for open cases.
const CLOSED = new Set(['07', '10', '11', '12', '13']);

export type DeadlineMark = 'overdue' | 'overdueLegal' | 'near' | null;

export function deadlineMark(statusCode: string, warningLevel: string | null | undefined): DeadlineMark {
  if (!warningLevel || CLOSED.has(statusCode)) return null;
  if (warningLevel === 'red') return 'overdueLegal';
  if (warningLevel === 'yellow') return 'overdue';
  if (warningLevel === 'notice') return 'near';
  return null;
}
