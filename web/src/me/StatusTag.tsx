// A case status (national code) as a coloured tag with its name.
import type { TStatus } from '../ui/api-types.ts';
import { usePrefs } from '../ui/prefs.tsx';

export function statusTone(code: string): 'ok' | 'strong' | 'bring' | 'info' {
  if (code === '10' || code === '11') return 'ok';
  if (code === '07' || code === '12' || code === '13' || code === '04') return 'strong';
  if (code === '06' || code === '09') return 'bring';
  return 'info';
}

export function StatusTag({ status }: { status: TStatus }) {
  const { pick } = usePrefs();
  return (
    <span className={`tag tag-${statusTone(status.code)} status-tag`} data-status={status.code}>
      {pick(status.zh, status.en)}
    </span>
  );
}
