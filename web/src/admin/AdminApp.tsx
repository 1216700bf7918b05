// The catalog admin pages, loaded lazily with Ant Design. Checks the role for the pages it shows;
// the server enforces it for every call.
import { ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { usePrefs } from '../ui/prefs.tsx';
import { isCatalogAdmin, isPlatformAdmin, isStaffAdmin } from '../ui/roles.ts';
import type { TRoleName } from '@contract/identity.ts';
import { Link, matchPath } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { CatalogList } from './CatalogList.tsx';
import { MatterEditor } from './MatterEditor.tsx';
import { ThemeEditor } from './ThemeEditor.tsx';
import { RoutingPage } from './RoutingPage.tsx';
import { DispatchPage } from './DispatchPage.tsx';
import { StaffPage } from './StaffPage.tsx';
import { StaffImportPage } from './StaffImportPage.tsx';
import { UnitsPage } from './UnitsPage.tsx';
import { useStaffT } from './staff-messages.ts';
import { useRoutingT } from './routing-messages.ts';
import { useAdminT } from './messages.ts';
import { NotFoundPage } from '../public/NotFoundPage.tsx';
import { adminTheme } from './admin-theme.ts';
import './admin.css';

/** The staff pages are for platform and unit admins; units for platform admins; the rest for catalog admins. */
const isStaffPath = (path: string) => path === '/admin/staff' || path.startsWith('/admin/staff/') || path === '/admin/units';
function mayOpen(role: TRoleName, path: string): boolean {
  if (path === '/admin/units') return isPlatformAdmin(role);
  if (isStaffPath(path)) return isStaffAdmin(role);
  return isCatalogAdmin(role);
}

function AdminRoutes({ path }: { path: string }) {
  if (path === '/admin/staff') return <StaffPage />;
  if (path === '/admin/staff/import') return <StaffImportPage />;
  if (path === '/admin/units') return <UnitsPage />;
  if (path === '/admin' || path === '/admin/catalog') return <CatalogList />;
  const matter = matchPath('/admin/catalog/matters/:code', path);
  if (matter) return <MatterEditor key={matter.code} code={matter.code!} />;
  const theme = matchPath('/admin/catalog/themes/:code', path);
  if (theme) return <ThemeEditor key={theme.code} code={theme.code!} />;
  if (path === '/admin/routing') return <RoutingPage />;
  if (path === '/admin/dispatch') return <DispatchPage />;
  return <NotFoundPage />;
}

/** The admin sections a role may open: the catalog, routing and dispatch; staff, import and units. */
function AdminNav({ path, role }: { path: string; role: TRoleName }) {
  const t = useRoutingT();
  const s = useStaffT();
  const { lang } = usePrefs();
  const here = (to: string) => (path === to || (to === '/admin/catalog' && path.startsWith('/admin/catalog')) ? ('page' as const) : undefined);
  return (
    <nav className="admin-nav" aria-label={lang === 'zh' ? '管理功能' : 'Administration'}>
      {isCatalogAdmin(role) && (
        <>
          <Link to="/admin/catalog" aria-current={here('/admin/catalog') ?? (path === '/admin' ? 'page' : undefined)}>
            {t('navCatalog')}
          </Link>
          <Link to="/admin/routing" aria-current={here('/admin/routing')}>
            {t('navRouting')}
          </Link>
          <Link to="/admin/dispatch" aria-current={here('/admin/dispatch')}>
            {lang === 'zh' ? '分发与对接' : 'Dispatch'}
          </Link>
        </>
      )}
      {isStaffAdmin(role) && (
        <>
          <Link to="/admin/staff" aria-current={here('/admin/staff')}>
            {s('navStaff')}
          </Link>
          <Link to="/admin/staff/import" aria-current={here('/admin/staff/import')}>
            {s('navImport')}
          </Link>
        </>
      )}
      {isPlatformAdmin(role) && (
        <Link to="/admin/units" aria-current={here('/admin/units')}>
          {s('navUnits')}
        </Link>
      )}
    </nav>
  );
}

export default function AdminApp({ path }: { path: string }) {
  const { lang, elderly } = usePrefs();
  const { user } = useSession();
  const t = useAdminT();
  const staffT = useStaffT();

  let body;
  if (user === undefined) body = <Spin description={t('loading')} />;
  else if (user === null)
    body = (
      <Result
        status="403"
        title={<h1 className="admin-h1">{t('catalogTitle')}</h1>}
        subTitle={t('needLogin')}
        extra={<Link to={`/login?next=${encodeURIComponent(path)}`}>{t('goLogin')}</Link>}
      />
    );
  else if (!mayOpen(user.role, path))
    body = <Result status="403" title={<h1 className="admin-h1">{isStaffPath(path) ? staffT('staffTitle') : t('catalogTitle')}</h1>} subTitle={isStaffPath(path) ? staffT('forbidden') : t('forbidden')} />;
  else
    body = (
      <>
        <AdminNav path={path} role={user.role} />
        <AdminRoutes path={path} />
      </>
    );

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={adminTheme(elderly)} button={{ autoInsertSpace: false }}>
      <div className="page admin">{body}</div>
    </ConfigProvider>
  );
}
