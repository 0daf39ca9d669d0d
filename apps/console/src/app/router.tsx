import { createBrowserRouter, Navigate } from 'react-router';
import { RedirectViewer, RequireViewer } from '../accounts/viewer-guards';
import { FullPageLoading } from './full-page-status';
import { RouteErrorPage } from './route-error-page';

// Pages are loaded on demand, so the first download holds only the shell.
export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageLoading />,
    children: [
      {
        element: <RedirectViewer />,
        children: [
          { path: 'sign-in', lazy: async () => ({ Component: (await import('../accounts/sign-in-page')).SignInPage }) },
          { path: 'sign-up', lazy: async () => ({ Component: (await import('../accounts/sign-up-page')).SignUpPage }) },
        ],
      },
      {
        element: <RequireViewer />,
        children: [
          { index: true, element: <Navigate to="/environments" replace /> },
          {
            path: 'environments',
            lazy: async () => ({ Component: (await import('../environments/environments-page')).EnvironmentsPage }),
          },
        ],
      },
      { path: '*', lazy: async () => ({ Component: (await import('./not-found-page')).NotFoundPage }) },
    ],
  },
]);
