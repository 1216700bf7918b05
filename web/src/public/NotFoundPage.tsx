// Any path the app does not know.
import { usePrefs } from '../ui/prefs.tsx';
import { Link } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function NotFoundPage() {
  const { t } = usePrefs();
  usePageTitle(t('notFoundTitle'));
  return (
    <div className="page">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <p>
        <Link to="/">{t('backToThemes')}</Link>
      </p>
    </div>
  );
}
