import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Building2, ChevronRight } from 'lucide-react';
import { AccountLayout } from '@/components/account-layout.tsx';
import { RequireUser } from '@/components/require-user.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { studioHref } from '@/lib/studio-url.ts';
import type { MyStudio } from '@/lib/trpc/types.ts';

export function StudiosPage() {
  const { t } = useTranslation();
  return (
    <RequireUser>
      {({ user, studios }) => (
        <AccountLayout user={user}>
          <PageHeader title={t('studios.title')} description={t('studios.description')} />
          {studios.length === 0 ? (
            <EmptyState icon={Building2} title={t('studios.emptyTitle')} description={t('studios.emptyDescription')} />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2">
              {studios.map((studio) => (
                <li key={studio.slug}>
                  <StudioCard studio={studio} />
                </li>
              ))}
            </ul>
          )}
        </AccountLayout>
      )}
    </RequireUser>
  );
}

function StudioCard({ studio }: { studio: MyStudio }) {
  const { t } = useTranslation();
  // A studio that was never set up opens on its onboarding.
  const target = studioHref(studio.slug, studio.onboarded ? '' : 'onboarding');
  const content = (
    <>
      <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-muted">
        <Building2 className="size-5" aria-hidden="true" />
      </span>
      <span className="grid min-w-0 flex-1 gap-1">
        <span className="truncate font-medium">{studio.name}</span>
        <span className="flex flex-wrap gap-1">
          <Badge variant="secondary">{t(`roles.${studio.role}`)}</Badge>
          {studio.onboarded ? null : <Badge variant="outline">{t('studios.setupPending')}</Badge>}
        </span>
      </span>
      <ChevronRight className="size-4 text-muted-foreground" aria-hidden="true" />
    </>
  );
  const className =
    'flex items-center gap-3 rounded-xl border bg-card p-4 shadow-xs transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none';
  return target.external ? (
    <a href={target.href} className={className}>
      {content}
    </a>
  ) : (
    <Link to={target.href} className={className}>
      {content}
    </Link>
  );
}
