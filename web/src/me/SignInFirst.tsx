// The citizen's pages need a signed-in applicant; anyone else is sent to sign in (and back here).
import type { ReactNode } from 'react';
import { isApplicant } from '../ui/roles.ts';
import { Link, useLocation } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { useMe } from './messages.ts';

export function SignInFirst({ children }: { children: ReactNode }) {
  const { t, m } = useMe();
  const { user } = useSession();
  const { path, query } = useLocation();
  if (user === undefined)
    return (
      <div className="page">
        <p role="status">{t('loading')}</p>
      </div>
    );
  if (user === null) {
    const here = path + (query.toString() ? `?${query.toString()}` : '');
    return (
      <div className="page narrow">
        <h1>{t('login')}</h1>
        <p>
          <Link className="button primary" to={`/login?next=${encodeURIComponent(here)}`}>
            {t('login')}
          </Link>
        </p>
      </div>
    );
  }
  if (!isApplicant(user.role))
    return (
      <div className="page narrow">
        <p role="status">{m('applyNotApplicant')}</p>
      </div>
    );
  return <>{children}</>;
}
