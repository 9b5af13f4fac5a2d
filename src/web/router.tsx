/** The router, derived from the route table (routes/table.ts): one route per page, guarded by its permission. */
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { ErrorPanel } from './components/Feedback.tsx';
import { RequirePermission, SignedIn } from './components/Guards.tsx';
import { EstablishmentPage } from './pages/EstablishmentPage.tsx';
import { EstablishmentsPage } from './pages/EstablishmentsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NewEstablishmentPage } from './pages/NewEstablishmentPage.tsx';
import { NewUserPage } from './pages/NewUserPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { REDIRECTS, ROUTES, type RouteDef } from './routes/table.ts';

function CrashPage() {
  const { t } = useTranslation();
  return (
    <main className="splash">
      <ErrorPanel error={new Error(t('common.errorTitle'))} onRetry={() => window.location.reload()} />
    </main>
  );
}

/**
 * The pages of the main bundle (sign-in, home, administration), which the table names by key: it imports
 * no page itself, so that pages may link through it without an import cycle.
 */
export const MAIN_PAGES = {
  EstablishmentPage,
  EstablishmentsPage,
  HomePage,
  LoginPage,
  NewEstablishmentPage,
  NewUserPage,
  UsersPage,
} satisfies Record<string, ComponentType>;

function guarded(route: RouteDef, Page: ComponentType) {
  return route.action ? (
    <RequirePermission action={route.action}>
      <Page />
    </RequirePermission>
  ) : (
    <Page />
  );
}

/** A lazy page's area loads on first visit; the shell shows while it does. */
function toRoute(route: RouteDef): RouteObject {
  const where = route.path === '/' ? { index: true as const } : { path: route.path };
  const { page } = route;
  if ('main' in page) return { ...where, element: guarded(route, MAIN_PAGES[page.main]) };
  return {
    ...where,
    hydrateFallbackElement: <p className="splash" role="status" aria-busy="true" />,
    lazy: async () => ({ element: guarded(route, await page.lazy()) }),
  };
}

export function createRouter() {
  const routes: RouteDef[] = Object.values(ROUTES);
  return createBrowserRouter([
    {
      errorElement: <CrashPage />,
      children: [
        ...routes.filter((r) => r.public).map(toRoute),
        ...REDIRECTS.map((r) => ({ path: r.from, element: <Navigate to={ROUTES[r.to].path} replace /> })),
        {
          element: <SignedIn />,
          children: [...routes.filter((r) => !r.public).map(toRoute), { path: '*', element: <NotFoundPage /> }],
        },
      ],
    },
  ]);
}
