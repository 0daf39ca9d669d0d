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
          {
            // The API redirects a browser's GET /graphql here.
            path: 'playground',
            lazy: async () => ({ Component: (await import('../playground/playground-redirect')).PlaygroundRedirect }),
          },
          {
            path: 'environments/:environmentId',
            lazy: async () => ({ Component: (await import('../environments/environment-layout')).EnvironmentLayout }),
            children: [
              { index: true, element: <Navigate to="overview" replace /> },
              { path: 'overview', lazy: async () => ({ Component: (await import('../overview/overview-page')).OverviewPage }) },
              { path: 'providers', lazy: async () => ({ Component: (await import('../providers/providers-page')).ProvidersPage }) },
              { path: 'users', lazy: async () => ({ Component: (await import('../users/users-page')).UsersPage }) },
              { path: 'usage', lazy: async () => ({ Component: (await import('../usage/usage-page')).UsagePage }) },
              { path: 'keys', lazy: async () => ({ Component: (await import('../keys/keys-page')).KeysPage }) },
              { path: 'playground', lazy: async () => ({ Component: (await import('../playground/playground-page')).PlaygroundPage }) },
              { path: 'settings', lazy: async () => ({ Component: (await import('../settings/settings-page')).SettingsPage }) },
            ],
          },
        ],
      },
      { path: '*', lazy: async () => ({ Component: (await import('./not-found-page')).NotFoundPage }) },
    ],
  },
]);
