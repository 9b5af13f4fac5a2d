// zod-setup must stay first: it configures zod before any contract builds a schema.
import './zod-setup.ts';
import './styles/index.css';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { isApiError } from './api/client.ts';
import { sessionKeys } from './api/keys.ts';
import { initI18n } from './i18n/index.ts';
import { createRouter } from './router.tsx';

const i18n = initI18n();

/** A 401 on any call means the session ended: forget the user, and the guard shows the sign-in page. */
function onApiError(error: unknown): void {
  if (isApiError(error) && error.status === 401 && error.code === 'unauthenticated') {
    queryClient.setQueryData(sessionKeys.me, null);
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Client errors (4xx) will not go away by asking again; network and server errors may.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const router = createRouter();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
