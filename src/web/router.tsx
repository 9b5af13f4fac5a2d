/** The router, derived from the route table (routes/table.ts): one route per page, guarded by its permission. */
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { ErrorPanel } from './components/Feedback.tsx';
import { RequirePermission, SignedIn } from './components/Guards.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { REDIRECTS, ROUTES, type RouteDef } from './routes/table.ts';

function CrashPage() {
  const { t } = useTranslation();
  return (
    <main className="splash">
      <ErrorPanel error={new Error(t('common.errorTitle'))} onRetry={() => window.location.reload()} />
    </main>
  );
}

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
  if ('eager' in page) return { ...where, element: guarded(route, page.eager()) };
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
