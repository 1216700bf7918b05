// The catalog admin pages, loaded lazily with Ant Design. Checks the role for the pages it shows;
// the server enforces it for every call.
import { ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { usePrefs } from '../ui/prefs.tsx';
import { isCatalogAdmin } from '../ui/roles.ts';
import { Link, matchPath } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { CatalogList } from './CatalogList.tsx';
import { MatterEditor } from './MatterEditor.tsx';
import { ThemeEditor } from './ThemeEditor.tsx';
import { RoutingPage } from './RoutingPage.tsx';
import { DispatchPage } from './DispatchPage.tsx';
import { useRoutingT } from './routing-messages.ts';
import { useAdminT } from './messages.ts';
import { NotFoundPage } from '../public/NotFoundPage.tsx';
import { adminTheme } from './admin-theme.ts';
import './admin.css';

function AdminRoutes({ path }: { path: string }) {
  if (path === '/admin' || path === '/admin/catalog') return <CatalogList />;
  const matter = matchPath('/admin/catalog/matters/:code', path);
  if (matter) return <MatterEditor key={matter.code} code={matter.code!} />;
  const theme = matchPath('/admin/catalog/themes/:code', path);
  if (theme) return <ThemeEditor key={theme.code} code={theme.code!} />;
  if (path === '/admin/routing') return <RoutingPage />;
  if (path === '/admin/dispatch') return <DispatchPage />;
  return <NotFoundPage />;
}

/** The admin sections: the catalog and the routing rules. */
function AdminNav({ path }: { path: string }) {
  const t = useRoutingT();
  const { lang } = usePrefs();
  const routing = path.startsWith('/admin/routing');
  const dispatch = path.startsWith('/admin/dispatch');
  return (
    <nav className="admin-nav" aria-label={t('navRouting')}>
      <Link to="/admin/catalog" aria-current={routing || dispatch ? undefined : 'page'}>
        {t('navCatalog')}
      </Link>
      <Link to="/admin/routing" aria-current={routing ? 'page' : undefined}>
        {t('navRouting')}
      </Link>
      <Link to="/admin/dispatch" aria-current={dispatch ? 'page' : undefined}>
        {lang === 'zh' ? '分发与对接' : 'Dispatch'}
      </Link>
    </nav>
  );
}

export default function AdminApp({ path }: { path: string }) {
  const { lang, elderly } = usePrefs();
  const { user } = useSession();
  const t = useAdminT();

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
  else if (!isCatalogAdmin(user.role))
    body = <Result status="403" title={<h1 className="admin-h1">{t('catalogTitle')}</h1>} subTitle={t('forbidden')} />;
  else
    body = (
      <>
        <AdminNav path={path} />
        <AdminRoutes path={path} />
      </>
    );

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={adminTheme(elderly)} button={{ autoInsertSpace: false }}>
      <div className="page admin">{body}</div>
    </ConfigProvider>
  );
}
