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
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
