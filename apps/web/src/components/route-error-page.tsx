import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorScreen } from './error-screen.tsx';
import { NotFoundPage } from '@/pages/not-found-page.tsx';

/** What the router shows when a page throws or a lazy chunk fails to load. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error('Route error', error);
  return <ErrorScreen onRetry={() => window.location.reload()} />;
}
