import type { CSSProperties } from 'react';
import { Outlet, useOutletContext, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CalendarX } from 'lucide-react';
import { hostStudioSlug } from '@/app/boot.ts';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FollowStudioAddress } from '@/components/follow-studio-address.tsx';
import { StudioTRPCProvider, useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { hasAppCode } from '@/lib/trpc/errors.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { bookingPageErrorMessage } from './public-booking-errors.ts';
import { publicLogoUrl } from './public-urls.ts';

export type PublicPage = RouterOutputs['publicBooking']['page'];
export type PublicBookingContext = { slug: string; page: PublicPage };

/** Black or white text, whichever reads better on the studio's colour (relative luminance, WCAG). */
export function readableOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#111111' : '#ffffff';
}

/** The public pages read the studio's published face from here. */
export function usePublicBooking(): PublicBookingContext {
  return useOutletContext<PublicBookingContext>();
}

/** The frame of a studio's booking page: its name, logo and colour; no staff shell, no login. */
export function PublicBookingLayout() {
  const params = useParams();
  const slug = hostStudioSlug ?? params.slug ?? '';
  return (
    <StudioTRPCProvider slug={slug}>
      <FollowStudioAddress slug={slug} />
      <Frame slug={slug} />
    </StudioTRPCProvider>
  );
}

function Frame({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const page = useQuery(trpc.publicBooking.page.queryOptions(undefined, { retry: false, staleTime: 60_000 }));
  // The studio's colour drives the primary colour of everything inside, buttons included.
  const brand = page.data
    ? ({ '--primary': page.data.brandColor, '--ring': page.data.brandColor, '--primary-foreground': readableOn(page.data.brandColor) } as CSSProperties)
    : undefined;
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40" style={brand} data-testid="public-booking">
      <header className="border-b bg-background" style={page.data ? { borderTop: `4px solid ${page.data.brandColor}` } : undefined}>
        <div className="mx-auto flex max-w-4xl items-center justify-between gap-4 px-4 py-3">
          <div className="flex min-w-0 items-center gap-3">
            {page.data?.logoVersion ? <img src={publicLogoUrl(slug, page.data.logoVersion)} alt="" className="h-10 w-auto max-w-32 object-contain" /> : null}
            <p className="truncate text-lg font-semibold">{page.data?.studioName ?? ''}</p>
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-6">
        {page.isPending ? (
          <Skeleton className="h-64 w-full" />
        ) : page.isError ? (
          hasAppCode(page.error, 'NOT_FOUND') ? (
            <EmptyState icon={CalendarX} title={t('bookingPage.public.unavailableTitle')} description={t('bookingPage.public.unavailableDescription')} />
          ) : (
            <FormError message={bookingPageErrorMessage(t, page.error)} />
          )
        ) : (
          <Outlet context={{ slug, page: page.data } satisfies PublicBookingContext} />
        )}
      </main>
      <footer className="px-4 py-4 text-center text-xs text-muted-foreground">{t('bookingPage.public.poweredBy')}</footer>
    </div>
  );
}
