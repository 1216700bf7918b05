// Routes, grouped by audience: public (citizens, no login needed), admin (lazily loaded with Ant Design).
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Layout, MAIN_ID } from './ui/Layout.tsx';
import { PrefsProvider, usePrefs } from './ui/prefs.tsx';
import { matchPath, RouterProvider, useLocation } from './ui/router.tsx';
import { SessionProvider, useSession } from './ui/session.tsx';
import { ChangePasswordPage } from './public/ChangePasswordPage.tsx';
import { HomePage } from './public/HomePage.tsx';
import { ThemePage } from './public/ThemePage.tsx';
import { LoginPage } from './public/LoginPage.tsx';
import { NotFoundPage } from './public/NotFoundPage.tsx';

// Ant Design lives only in this chunk: citizens on phones never download it.
const AdminApp = lazy(() => import('./admin/AdminApp.tsx'));
// The citizen's own pages (apply, my applications, messages): a small chunk without the UI library.
const CitizenApp = lazy(() => import('./me/CitizenApp.tsx'));
// joining and the progress look-up: their own small chunk
const RegisterPage = lazy(() => import('./public/RegisterPage.tsx'));
const ProgressPage = lazy(() => import('./public/ProgressPage.tsx'));
// Department back office and one-stop counter pages, also a chunk of their own.
const OfficeApp = lazy(() => import('./office/OfficeApp.tsx'));
// The citizen confirms what counter staff applied for (no Ant Design: citizen side).
const ConfirmationsPage = lazy(() => import('./office/ConfirmationsPage.tsx'));

function Loading() {
  const { t } = usePrefs();
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}

function Routes() {
  const { path } = useLocation();
  const { mustChangePassword } = useSession();
  const shownPath = useRef(path);

  // After an in-app navigation (not on the first load), move focus to the new page so keyboard and
  // screen-reader users start there.
  useEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
  }, [path]);

  // an initial or reset password: nothing else until it is changed (the server refuses the rest too)
  if (path === '/change-password' || (mustChangePassword && path !== '/login')) return <ChangePasswordPage />;
  if (path === '/') return <HomePage />;
  if (path === '/login') return <LoginPage />;
  if (path === '/register' || path === '/progress')
    return (
      <Suspense fallback={<Loading />}>
        {path === '/register' ? <RegisterPage /> : <ProgressPage />}
      </Suspense>
    );
  if (path === '/me/confirmations')
    return (
      <Suspense fallback={<Loading />}>
        <ConfirmationsPage />
      </Suspense>
    );
  if (matchPath('/themes/:code/apply', path) || path === '/me' || path.startsWith('/me/'))
    return (
      <Suspense fallback={<Loading />}>
        <CitizenApp path={path} />
      </Suspense>
    );
  const theme = matchPath('/themes/:code', path);
  if (theme) return <ThemePage key={theme.code} code={theme.code!} />;
  if (path === '/admin' || path.startsWith('/admin/'))
    return (
      <Suspense fallback={<Loading />}>
        <AdminApp path={path} />
      </Suspense>
    );
  if (path === '/back-office' || path.startsWith('/back-office/') || path === '/counter' || path.startsWith('/counter/'))
    return (
      <Suspense fallback={<Loading />}>
        <OfficeApp path={path} />
      </Suspense>
    );
  return <NotFoundPage />;
}

export function App() {
  return (
    <PrefsProvider>
      <RouterProvider>
        <SessionProvider>
          <Layout>
            <Routes />
          </Layout>
        </SessionProvider>
      </RouterProvider>
    </PrefsProvider>
  );
}
