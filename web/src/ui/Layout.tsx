// The frame of every page: skip link, header (site name, navigation, language, elderly mode, who is
// signed in), the main landmark, footer.
import type { ReactNode } from 'react';
import { usePrefs } from './prefs.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { useSession } from './session.tsx';
import { isApplicant, isCatalogAdmin, isCounterStaff, isOfficer } from './roles.ts';

export const MAIN_ID = 'main';

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang, elderly, setElderly } = usePrefs();
  const { user, logout } = useSession();
  const { path } = useLocation();

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
            {user && isApplicant(user.role) && (
              <>
                <li>
                  <Link to="/me/applications" aria-current={current('/me/applications')}>
                    {t('navMyApplications')}
                  </Link>
                </li>
                <li>
                  <Link to="/me/messages" aria-current={current('/me/messages')}>
                    {t('navMessages')}
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
