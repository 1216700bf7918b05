// A case status (national code) as a coloured tag with its name.
import { statusOfCode, statusTone } from '@contract/case-status.ts';
import type { TStatus } from '@contract/cases.ts';
import { usePrefs } from '../ui/prefs.tsx';

export function StatusTag({ status }: { status: TStatus }) {
  const { pick } = usePrefs();
  return (
    <span className={`tag tag-${statusTone(statusOfCode(status.code))} status-tag`} data-status={status.code}>
      {pick(status.zh, status.en)}
    </span>
  );
}
