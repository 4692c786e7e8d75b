import { Link, Navigate, Outlet, useLocation, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ShieldAlert } from 'lucide-react';
import { hostStudioSlug } from '@/app/boot.ts';
import { RequireUser, type SignedIn } from '@/components/require-user.tsx';
import { AccountLayout } from '@/components/account-layout.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorScreen } from '@/components/error-screen.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { Button } from '@/components/ui/button.tsx';
import { StudioTRPCProvider, useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useLiveUpdates } from '@/lib/live/use-live-updates.ts';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';
import { loginPathFor } from '@/lib/navigation.ts';
import { CurrentStudioContext } from './studio-context.ts';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { TwoFactorEnrolment } from '@/pages/account/two-factor-enrolment.tsx';

/** Every studio page: a logged-in member, the studio's own API endpoint, the studio loaded. */
export function StudioLayout() {
  const params = useParams();
  const slug = hostStudioSlug ?? params.slug ?? '';
  return (
    <RequireUser>
      {(signedIn) => (
        // A new slug is a new studio: fresh client, fresh state.
        <StudioTRPCProvider key={slug} slug={slug}>
          <StudioLoader slug={slug} signedIn={signedIn} />
        </StudioTRPCProvider>
      )}
    </RequireUser>
  );
}

function StudioLoader({ slug, signedIn }: { slug: string; signedIn: SignedIn }) {
  const { t } = useTranslation();
  const location = useLocation();
  const trpc = useStudioTRPC();
  const studio = useQuery(trpc.studio.get.queryOptions());

  if (studio.isPending) return <PageSpinner />;
  if (studio.isError) {
    if (hasAppCode(studio.error, 'UNAUTHORIZED')) return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
    if (hasAppCode(studio.error, 'TWO_FACTOR_REQUIRED')) {
      const name = signedIn.studios.find((s) => s.slug === slug)?.name ?? slug;
      return (
        <AccountLayout user={signedIn.user}>
          <Card className="mx-auto max-w-lg">
            <CardHeader>
              <CardTitle>{t('twoFactor.requiredTitle')}</CardTitle>
              <CardDescription>{t('twoFactor.requiredDescription', { studio: name })}</CardDescription>
            </CardHeader>
            <CardContent>
              {/* Enrolling changes the session's 2FA state on the server: the studio then loads normally. */}
              <TwoFactorEnrolment onDone={() => void studio.refetch()} />
            </CardContent>
          </Card>
        </AccountLayout>
      );
    }
    if (hasAppCode(studio.error, 'STUDIO_SUSPENDED')) {
      // Suspended by the operator (issue 12.5): nothing here works until it is resumed, so no retry button.
      return (
        <AccountLayout user={signedIn.user}>
          <EmptyState icon={ShieldAlert} title={t('errors.codes.STUDIO_SUSPENDED')} />
        </AccountLayout>
      );
    }
    if (hasAppCode(studio.error, 'FORBIDDEN', 'NOT_FOUND')) {
      return (
        <AccountLayout user={signedIn.user}>
          <EmptyState
            icon={ShieldAlert}
            title={t('studio.noAccessTitle')}
            description={t('studio.noAccessDescription', { slug })}
            action={
              <Button asChild variant="outline">
                <Link to="/studios">{t('userMenu.allStudios')}</Link>
              </Button>
            }
          />
        </AccountLayout>
      );
    }
    return <ErrorScreen message={apiErrorMessage(t, studio.error)} onRetry={() => void studio.refetch()} />;
  }

  return (
    <CurrentStudioContext.Provider value={{ ...signedIn, slug, studio: studio.data }}>
      <LiveUpdates slug={slug} />
      <Outlet />
    </CurrentStudioContext.Provider>
  );
}

/** Mounted once the studio has loaded (the caller is a member): the pages stay current (lib/live). */
function LiveUpdates({ slug }: { slug: string }) {
  useLiveUpdates(slug);
  return null;
}
