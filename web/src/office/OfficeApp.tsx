// Back office (department officers) and the one-stop counter: routes under /back-office and /counter.
// Lazily loaded with Ant Design, like the catalog admin: citizens on phones never download it. Checks
// the role for the pages it shows; the server enforces it for every call.
import { ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { adminTheme } from '../admin/admin-theme.ts';
import { NotFoundPage } from '../public/NotFoundPage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { isCounterStaff, isOfficer } from '../ui/roles.ts';
import { Link, matchPath } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { CounterHome } from './CounterHome.tsx';
import { CounterIntake } from './CounterIntake.tsx';
import { IntakePage } from './IntakePage.tsx';
import { useOfficeT } from './messages.ts';
import { SubcasePage } from './SubcasePage.tsx';
import { Worklist } from './Worklist.tsx';
import { ReentryQueue } from './ReentryQueue.tsx';
import '../admin/admin.css';
import './office.css';

function Gate({ path, title, allowed, forbidden, children }: { path: string; title: string; allowed: boolean | undefined; forbidden: string; children: () => React.ReactNode }) {
  const t = useOfficeT();
  const { user } = useSession();
  if (user === undefined) return <Spin description={t('loading')} />;
  if (user === null)
    return (
      <Result
        status="403"
        title={<h1 className="admin-h1">{title}</h1>}
        subTitle={t('needLogin')}
        extra={<Link to={`/login?next=${encodeURIComponent(path)}`}>{t('goLogin')}</Link>}
      />
    );
  if (!allowed) return <Result status="403" title={<h1 className="admin-h1">{title}</h1>} subTitle={forbidden} />;
  return <>{children()}</>;
}

function OfficeRoutes({ path }: { path: string }) {
  const t = useOfficeT();
  const { user } = useSession();
  if (path === '/back-office' || path.startsWith('/back-office/')) {
    const sub = matchPath('/back-office/subcases/:id', path);
    const reentry = path === '/back-office/re-entry';
    const known = path === '/back-office' || path === '/back-office/' || sub || reentry;
    if (!known) return <NotFoundPage />;
    return (
      <Gate path={path} title={t('worklistTitle')} allowed={user ? isOfficer(user.role) : undefined} forbidden={t('forbiddenOfficer')}>
        {() => (sub ? <SubcasePage key={sub.id} id={sub.id!} /> : reentry ? <ReentryQueue /> : <Worklist />)}
      </Gate>
    );
  }
  const intake = matchPath('/counter/intakes/:id', path);
  const known = path === '/counter' || path === '/counter/' || path === '/counter/new' || intake;
  if (!known) return <NotFoundPage />;
  return (
    <Gate path={path} title={t('counterTitle')} allowed={user ? isCounterStaff(user.role) : undefined} forbidden={t('forbiddenCounter')}>
      {() => (intake ? <IntakePage key={intake.id} id={intake.id!} /> : path === '/counter/new' ? <CounterIntake /> : <CounterHome />)}
    </Gate>
  );
}

export default function OfficeApp({ path }: { path: string }) {
  const { lang, elderly } = usePrefs();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={adminTheme(elderly)} button={{ autoInsertSpace: false }}>
      <div className="page admin office">
        <OfficeRoutes path={path} />
      </div>
    </ConfigProvider>
  );
}
