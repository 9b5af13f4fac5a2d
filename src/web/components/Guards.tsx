/** Route guards: signed in (else the sign-in page), and allowed (else a plain refusal). */
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Action } from '../../domain/policy.ts';
import { can, UserProvider, useCurrentUserQuery, useUser } from '../auth.tsx';
import { changeLanguage, currentLanguage, hasStoredLanguage } from '../i18n/index.ts';
import { paths } from '../routes/paths.ts';
import { AppShell } from './AppShell.tsx';
import { ErrorPanel } from './Feedback.tsx';
import { usePageTitle } from './usePageTitle.ts';

export function SignedIn() {
  const me = useCurrentUserQuery();
  const location = useLocation();
  const { t } = useTranslation();
  const locale = me.data?.locale;

  // The account's language applies until this browser has chosen one.
  useEffect(() => {
    if (locale && !hasStoredLanguage() && locale !== currentLanguage()) changeLanguage(locale, false);
  }, [locale]);

  if (me.isPending) {
    return (
      <p className="splash" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (me.isError) {
    return (
      <main className="splash">
        <ErrorPanel error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    return <Navigate to={paths.login()} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return (
    <UserProvider value={me.data}>
      <AppShell />
    </UserProvider>
  );
}

export function RequirePermission(props: { action: Action; children: ReactNode }) {
  const user = useUser();
  if (!can(user, props.action)) return <Forbidden />;
  return <>{props.children}</>;
}

function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  return (
    <section className="page">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.text')}</p>
    </section>
  );
}
