/** The signed-in frame: skip link, header (brand, navigation from permissions, user, language, sign-out), main. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ops } from '../../contracts/operations.ts';
import { call, setCsrfToken } from '../api/client.ts';
import { sessionKeys } from '../api/keys.ts';
import { useUser } from '../auth.tsx';
import { LiveProvider } from '../live.tsx';
import { navigationFor } from '../routes/navigation.ts';
import { paths } from '../routes/paths.ts';
import { grantLabel } from './format.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';

export function AppShell() {
  const user = useUser();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a page change, start reading (and tabbing) from the new content, not from the link left behind.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  const signOut = useMutation({
    mutationFn: async () => {
      // Let reads under way finish first: answered after the session ends, they would fail with 401.
      const deadline = performance.now() + 2000;
      while (queryClient.isFetching() > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      try {
        await call(ops.logout);
      } catch {
        // An expired session is signed out already: clear what the browser holds either way.
      }
    },
    onSettled: () => {
      setCsrfToken(null);
      queryClient.setQueryData(sessionKeys.me, null);
      navigate(paths.login(), { replace: true });
      // Once the signed-in pages are gone: removed earlier, their queries would be fetched again (401).
      setTimeout(() => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.me[0] }), 100);
    },
  });

  const links = navigationFor(user);
  return (
    <LiveProvider>
      <div className="app">
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header className="app-header">
          <Link to={paths.home()} className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </Link>
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              <li>
                <NavLink to={paths.home()} end>
                  {t('nav.home')}
                </NavLink>
              </li>
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to}>{t(link.label)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-user">
            <div className="user-identity">
              <span className="user-name">{user.displayName}</span>
              <span className="user-roles">
                {user.grants.map((g) => {
                  const { role, scope } = grantLabel(g, t);
                  return (
                    <span key={`${g.role}:${g.scopeCode ?? ''}`} className="user-role">
                      {role} <span className="user-scope">· {scope}</span>
                    </span>
                  );
                })}
              </span>
            </div>
            <NotificationBell />
            <LanguageSwitch />
            <button
              type="button"
              className="button button-quiet"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
            >
              {signOut.isPending ? t('header.signingOut') : t('header.signOut')}
            </button>
          </div>
        </header>
        <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
          <Outlet />
        </main>
      </div>
    </LiveProvider>
  );
}
