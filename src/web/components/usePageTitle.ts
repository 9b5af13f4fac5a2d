import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title ("Établissements — Relais"): the first thing a screen reader says. */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const suffix = t('app.titleSuffix');
  useEffect(() => {
    document.title = title ? `${title} — ${suffix}` : suffix;
  }, [title, suffix]);
}
