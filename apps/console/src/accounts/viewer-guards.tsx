import { useViewerQuery } from '@workapi/client';
import { useEffect, useRef } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { readApiErrors } from '../app/api-errors';
import { AppShell } from '../app/app-shell';
import { FullPageError, FullPageLoading } from '../app/full-page-status';
import { PublicShell } from '../app/public-shell';
import { readRedirectTarget } from './redirect-target';

/**
 * Layout route for pages that need a session: renders them in the app shell
 * when a developer is signed in, and otherwise opens the sign-in page.
 */
export function RequireViewer() {
  const { data, error, refetch } = useViewerQuery();
  const location = useLocation();
  // Set once a developer was seen, so that signing out here does not ask the
  // next sign-in to return to the page the previous developer had open.
  const sawViewer = useRef(false);
  const viewer = data?.viewer;

  useEffect(() => {
    if (viewer) sawViewer.current = true;
  }, [viewer]);

  if (error) {
    return <FullPageError errors={readApiErrors(error)} onRetry={() => void refetch()} />;
  }
  if (!data) {
    return <FullPageLoading />;
  }
  if (!data.viewer) {
    const next = sawViewer.current ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/sign-in${next}`} replace />;
  }

  return (
    <AppShell viewer={data.viewer}>
      <Outlet />
    </AppShell>
  );
}

/**
 * Layout route for the sign-in and sign-up pages: a developer who is already
 * signed in, or who has just signed in, goes on to the requested page.
 */
export function RedirectViewer() {
  const { data, previousData, error } = useViewerQuery();
  const [searchParams] = useSearchParams();
  // After sign-out the cache is reset and the viewer refetched: the previous
  // result (no viewer) keeps the form on screen meanwhile.
  const known = data ?? previousData;

  if (known?.viewer) {
    return <Navigate to={readRedirectTarget(searchParams)} replace />;
  }
  if (!known && !error) {
    return <FullPageLoading />;
  }
  // When the session cannot be checked, the form is still shown, because
  // submitting it reports the actual problem.
  return (
    <PublicShell>
      <Outlet />
    </PublicShell>
  );
}
