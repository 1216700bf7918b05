// Deadline marks of a case still open, from the server's warning level (the case clock's sweep, not
// the client's clock): past the legal due time (red), past the promised one (yellow), or due soon
// (notice, N working days before the promised due time).
import { isFinalCode } from './case-status.ts';

export const WARNING_LEVELS = ['none', 'notice', 'yellow', 'red'] as const;
export type TWarningLevel = (typeof WARNING_LEVELS)[number];

export type DeadlineMark = 'overdue' | 'overdueLegal' | 'near' | null;

export interface DeadlineFacts {
  status: { code: string };
  /** the server's warning level; null or absent where the case has no clock */
  warningLevel?: string | null;
}

export function deadlineMark(c: DeadlineFacts): DeadlineMark {
  if (!c.warningLevel || isFinalCode(c.status.code)) return null;
  if (c.warningLevel === 'red') return 'overdueLegal';
  if (c.warningLevel === 'yellow') return 'overdue';
  if (c.warningLevel === 'notice') return 'near';
  return null;
}
