// The frame of every page: skip link, header (site name, navigation, language, elderly mode, who is
// signed in), the main landmark, footer.
import { useEffect, useState, type ReactNode } from 'react';
import { api } from './api.ts';
import { usePrefs } from './prefs.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { useSession } from './session.tsx';
import { isApplicant, isCatalogAdmin, isCounterStaff, isOfficer, isStaffAdmin } from './roles.ts';

export const MAIN_ID = 'main';

/** dispatched on window when messages were read, so the count in the navigation follows */
export const UNREAD_CHANGED = 'yj:unread-changed';

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang, elderly, setElderly } = usePrefs();
  const { user, logout } = useSession();
  const { path } = useLocation();
  const unread = useUnreadCount(user ? isApplicant(user.role) : false, path);
  const waiting = useWaitingCount(user ? isApplicant(user.role) : false, path);

  const onLogout = async () => {
    await logout().catch(() => undefined);
    navigate('/');
  };
  const current = (to: string) => (path === to || (to !== '/' && path.startsWith(to)) ? ('page' as const) : undefined);

  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-bar">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              一
            </span>
            <span>
              <span className="brand-name">{t('siteName')}</span>
              <span className="brand-city">{t('siteCity')}</span>
            </span>
          </Link>
          <div className="header-tools">
            <button
              type="button"
              className="tool"
              lang={lang === 'zh' ? 'en' : 'zh-CN'}
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            >
              {lang === 'zh' ? 'English' : '中文'}
            </button>
            <button type="button" className="tool" aria-pressed={elderly} onClick={() => setElderly(!elderly)}>
              {t('elderlyMode')}
            </button>
          </div>
        </div>
        <nav className="site-nav" aria-label={t('mainNav')}>
          <ul>
            <li>
              <Link to="/" aria-current={current('/')}>
                {t('navThemes')}
              </Link>
            </li>
            <li>
              <Link to="/progress" aria-current={current('/progress')}>
                {t('navProgress')}
              </Link>
            </li>
            {user && isApplicant(user.role) && (
              <>
                <li>
                  <Link to="/me/applications" aria-current={current('/me/applications')}>
                    {t('navMyApplications')}
                    {waiting > 0 && (
                      <span className="count-badge count-badge-waiting" data-waiting={waiting}>
                        <span aria-hidden="true">{waiting > 99 ? '99+' : waiting}</span>
                        <span className="visually-hidden">{t('waitingCount', { n: waiting })}</span>
                      </span>
                    )}
                  </Link>
                </li>
                <li>
                  <Link to="/me/messages" aria-current={current('/me/messages')}>
                    {t('navMessages')}
                    {unread > 0 && (
                      <span className="count-badge">
                        <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                        <span className="visually-hidden">{t('unreadCount', { n: unread })}</span>
                      </span>
                    )}
                  </Link>
                </li>
              </>
            )}
            {user && isOfficer(user.role) && (
              <li>
                <Link to="/back-office" aria-current={current('/back-office')}>
                  {t('navBackOffice')}
                </Link>
              </li>
            )}
            {user && isCounterStaff(user.role) && (
              <li>
                <Link to="/counter" aria-current={current('/counter')}>
                  {t('navCounter')}
                </Link>
              </li>
            )}
            {user && isCatalogAdmin(user.role) && (
              <li>
                <Link to="/admin/catalog" aria-current={current('/admin/catalog')}>
                  {t('navCatalogAdmin')}
                </Link>
              </li>
            )}
            {user && isStaffAdmin(user.role) && (
              <li>
                <Link to="/admin/staff" aria-current={current('/admin/staff')}>
                  {t('navStaffAdmin')}
                </Link>
              </li>
            )}
            <li className="nav-user">
              {user ? (
                <>
                  <span className="user-badge">
                    {user.name}
                    <span className="user-role">{t('userRole', { role: t(`role.${user.role}`) })}</span>
                  </span>
                  <button type="button" className="link-button" onClick={onLogout}>
                    {t('logout')}
                  </button>
                </>
              ) : (
                user === null &&
                path !== '/login' && (
                  <Link to={`/login?next=${encodeURIComponent(path)}`}>{t('login')}</Link>
                )
              )}
            </li>
          </ul>
        </nav>
      </header>
      <main id={MAIN_ID} tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('footerPlan')}</p>
        <p>{t('footerHelp')}</p>
      </footer>
    </>
  );
}

/** dispatched on window when something that waited for the applicant was done (confirmed, answered) */
export const WAITING_CHANGED = 'yj:waiting-changed';

/**
 * What waits for the signed-in applicant: applications counter staff took in for them to confirm, and
 * supplements their units asked for; asked again on each page change (two small GETs).
 */
function useWaitingCount(applicant: boolean, path: string): number {
  const [n, setN] = useState(0);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const again = () => setAsked((x) => x + 1);
    window.addEventListener(WAITING_CHANGED, again);
    return () => window.removeEventListener(WAITING_CHANGED, again);
  }, []);
  useEffect(() => {
    if (!applicant) {
      setN(0);
      return;
    }
    const ctrl = new AbortController();
    const count = (url: string) => api<unknown[]>('GET', url, undefined, ctrl.signal).then((r) => (Array.isArray(r) ? r.length : 0), () => 0);
    // confirmations are a person's (an enterprise account has none: 403, counted as none)
    void Promise.all([count('/api/me/confirmations'), count('/api/applications/awaiting-me')]).then(([a, b]) => {
      if (!ctrl.signal.aborted) setN(a + b);
    });
    return () => ctrl.abort();
  }, [applicant, path, asked]);
  return n;
}

/** the signed-in applicant's unread messages, asked again on each page change (a small GET) */
function useUnreadCount(applicant: boolean, path: string): number {
  const [n, setN] = useState(0);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const again = () => setAsked((x) => x + 1);
    window.addEventListener(UNREAD_CHANGED, again);
    return () => window.removeEventListener(UNREAD_CHANGED, again);
  }, []);
  useEffect(() => {
    if (!applicant) {
      setN(0);
      return;
    }
    const ctrl = new AbortController();
    api<{ unread: number }>('GET', '/api/me/notifications?unread=true&limit=1', undefined, ctrl.signal)
      .then((r) => setN(typeof r.unread === 'number' ? r.unread : 0))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [applicant, path, asked]);
  return n;
}
