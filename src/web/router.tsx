/** The pages of the app. Paths are French, as the interface is by default. */
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate } from 'react-router';
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

function CrashPage() {
  const { t } = useTranslation();
  return (
    <main className="splash">
      <ErrorPanel error={new Error(t('common.errorTitle'))} onRetry={() => window.location.reload()} />
    </main>
  );
}

export function createRouter() {
  return createBrowserRouter([
    {
      errorElement: <CrashPage />,
      children: [
        { path: '/connexion', element: <LoginPage /> },
        { path: '/login', element: <Navigate to="/connexion" replace /> },
        {
          element: <SignedIn />,
          children: [
            { index: true, element: <HomePage /> },
            {
              path: 'etablissements',
              element: (
                <RequirePermission action="establishment:list">
                  <EstablishmentsPage />
                </RequirePermission>
              ),
            },
            {
              path: 'etablissements/nouveau',
              element: (
                <RequirePermission action="establishment:create">
                  <NewEstablishmentPage />
                </RequirePermission>
              ),
            },
            {
              path: 'etablissements/:finess',
              element: (
                <RequirePermission action="establishment:read">
                  <EstablishmentPage />
                </RequirePermission>
              ),
            },
            {
              path: 'utilisateurs',
              element: (
                <RequirePermission action="user:list">
                  <UsersPage />
                </RequirePermission>
              ),
            },
            {
              path: 'utilisateurs/nouveau',
              element: (
                <RequirePermission action="user:create">
                  <NewUserPage />
                </RequirePermission>
              ),
            },
            // Boards and fleet (loaded on first visit: the map code comes with them).
            { path: 'tableau-national', lazy: () => import('./pages/boards/routes.tsx').then((m) => m.nationalBoard) },
            {
              path: 'tableau-regional',
              lazy: () => import('./pages/boards/routes.tsx').then((m) => m.regionalBoardIndex),
            },
            {
              path: 'tableau-regional/:region',
              lazy: () => import('./pages/boards/routes.tsx').then((m) => m.regionalBoard),
            },
            { path: 'consoles', lazy: () => import('./pages/fleet/routes.tsx').then((m) => m.devices) },
            { path: 'consoles/nouvelle', lazy: () => import('./pages/fleet/routes.tsx').then((m) => m.newDevice) },
            { path: 'consoles/:id', lazy: () => import('./pages/fleet/routes.tsx').then((m) => m.device) },
            { path: 'consommables', lazy: () => import('./pages/fleet/routes.tsx').then((m) => m.stock) },
            // Weekly census.
            // Census pages load on first visit (one chunk); the shell shows while they do.
            ...(
              [
                ['recensement', 'census'],
                ['recensement/import', 'censusImport'],
                ['recensement/:finess', 'censusEstablishment'],
                ['courriels', 'outbox'],
              ] as const
            ).map(([path, page]) => ({
              path,
              hydrateFallbackElement: <p className="splash" role="status" aria-busy="true" />,
              lazy: () => import('./pages/census/routes.tsx').then((m) => m[page]),
            })),
            // Regulation: requests, loans and the report (one chunk, loaded on first visit).
            ...(
              [
                ['regulation', 'requests'],
                ['regulation/nouvelle', 'newRequest'],
                ['regulation/:id', 'request'],
                ['prets', 'loans'],
                ['prets/:id', 'loan'],
                ['rapport-regulation', 'report'],
              ] as const
            ).map(([path, page]) => ({
              path,
              hydrateFallbackElement: <p className="splash" role="status" aria-busy="true" />,
              lazy: () => import('./pages/regulation/routes.tsx').then((m) => m[page]),
            })),
            // Teams, roster, professionals and upkeep (one chunk).
            ...(
              [
                ['astreintes', 'roster'],
                ['equipes', 'teams'],
                ['equipes/:id', 'team'],
                ['professionnels', 'professionals'],
                ['professionnels/nouveau', 'newProfessional'],
                ['professionnels/:id', 'professional'],
                ['entretien', 'upkeep'],
              ] as const
            ).map(([path, page]) => ({
              path,
              hydrateFallbackElement: <p className="splash" role="status" aria-busy="true" />,
              lazy: () => import('./pages/teams/routes.tsx').then((m) => m[page]),
            })),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
