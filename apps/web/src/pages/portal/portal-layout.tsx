import { Link, Outlet, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Store } from 'lucide-react';
import { hostStudioSlug } from '@/app/boot.ts';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorScreen } from '@/components/error-screen.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { FollowStudioAddress } from '@/components/follow-studio-address.tsx';
import { StudioTRPCProvider, useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';
import { CurrentPortalContext, portalPath } from './portal-context.ts';

/**
 * The client portal's frame: the studio's name, logo and colour, no staff shell. Portal calls go to the
 * studio's own API endpoint; the server reads the portal cookie, never the staff one.
 */
export function PortalLayout() {
  const params = useParams();
  const slug = hostStudioSlug ?? params.slug ?? '';
  return (
    <StudioTRPCProvider key={slug} slug={slug}>
      <PortalFrame slug={slug} />
      <FollowStudioAddress slug={slug} />
    </StudioTRPCProvider>
  );
}

function PortalFrame({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const studio = useQuery(trpc.portal.studio.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  if (studio.isPending) return <PageSpinner />;
  if (studio.isError) {
    if (hasAppCode(studio.error, 'NOT_FOUND'))
      return <EmptyState icon={Store} title={t('portal.layout.noStudio')} description={t('portal.layout.noStudioDescription', { slug })} />;
    return <ErrorScreen message={apiErrorMessage(t, studio.error)} onRetry={() => void studio.refetch()} />;
  }
  const brand = studio.data.brandColor;
  return (
    <CurrentPortalContext.Provider value={{ slug, studio: studio.data }}>
      <div className="flex min-h-dvh flex-col bg-muted/40">
        <header className="border-b bg-background" style={{ borderTop: `4px solid ${brand}` }}>
          <div className="mx-auto flex w-full max-w-3xl items-center justify-between gap-3 px-4 py-3">
            <Link to={portalPath(slug)} className="flex min-w-0 items-center gap-3">
              {studio.data.logoDataUrl ? (
                <img src={studio.data.logoDataUrl} alt="" className="size-9 shrink-0 rounded object-contain" />
              ) : (
                <span
                  aria-hidden="true"
                  className="flex size-9 shrink-0 items-center justify-center rounded font-semibold text-white"
                  style={{ backgroundColor: brand }}
                >
                  {studio.data.name.slice(0, 1).toUpperCase()}
                </span>
              )}
              <span className="min-w-0">
                <span className="block truncate font-semibold">{studio.data.name}</span>
                <span className="block text-xs text-muted-foreground">{t('portal.layout.subtitle')}</span>
              </span>
            </Link>
            <LanguageSwitch />
          </div>
        </header>
        <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-6">
          <Outlet />
        </main>
      </div>
    </CurrentPortalContext.Provider>
  );
}
