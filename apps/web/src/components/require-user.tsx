import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth.ts';
import { loginPathFor } from '@/lib/navigation.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { Me, MyStudio } from '@/lib/trpc/types.ts';
import { ErrorScreen } from './error-screen.tsx';
import { PageSpinner } from './page-spinner.tsx';

export type SignedIn = { user: NonNullable<Me['user']>; studios: MyStudio[] };

/**
 * Renders its children only for a logged-in user; others go to log in and
 * come back here afterwards. (The server checks every call anyway.)
 */
export function RequireUser({ children }: { children: (me: SignedIn) => ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <PageSpinner />;
  if (me.isError) return <ErrorScreen message={apiErrorMessage(t, me.error)} onRetry={() => void me.refetch()} />;
  const { user, studios } = me.data;
  if (!user) return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
  return children({ user, studios });
}
