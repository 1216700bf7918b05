// Sets document.title for a page ("主题名 · 一件事一次办") so screen readers and tabs name it.
import { useEffect } from 'react';
import { usePrefs } from './prefs.tsx';

export function usePageTitle(title: string | undefined): void {
  const { t } = usePrefs();
  useEffect(() => {
    const site = `${t('siteName')} · ${t('siteCity')}`;
    document.title = title ? `${title} · ${site}` : site;
  }, [title, t]);
}
